using Microsoft.EntityFrameworkCore;

namespace Hearth.Core.Insights;

/// <summary>
/// A team's job demands and resources for one month, as the organisation records them (rota, HR and
/// caseload systems). Organisational data, not personal; still shown only for teams of at least k people,
/// since a small team's sick leave points at someone.
/// </summary>
public sealed class TeamMonth
{
    public long Id { get; set; }
    public int TeamId { get; set; }
    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; set; }
    public double? Caseload { get; set; }
    public double? ContractedHours { get; set; }
    public double? WorkedHours { get; set; }
    public double? OvertimeHours { get; set; }
    public double? OnCallShifts { get; set; }
    public double? SickLeaveDays { get; set; }
    public double? Vacancies { get; set; }
    public double? SupervisionHours { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    /// <summary>Each measure's value by its column name (<see cref="Content.Insights.JobDemandsCsv.Measures"/>).</summary>
    public double? this[string column]
    {
        get => column switch
        {
            "caseload" => Caseload,
            "contracted_hours" => ContractedHours,
            "worked_hours" => WorkedHours,
            "overtime_hours" => OvertimeHours,
            "on_call_shifts" => OnCallShifts,
            "sick_leave_days" => SickLeaveDays,
            "vacancies" => Vacancies,
            "supervision_hours" => SupervisionHours,
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a job demand"),
        };
        set
        {
            switch (column)
            {
                case "caseload": Caseload = value; break;
                case "contracted_hours": ContractedHours = value; break;
                case "worked_hours": WorkedHours = value; break;
                case "overtime_hours": OvertimeHours = value; break;
                case "on_call_shifts": OnCallShifts = value; break;
                case "sick_leave_days": SickLeaveDays = value; break;
                case "vacancies": Vacancies = value; break;
                case "supervision_hours": SupervisionHours = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(column), column, "not a job demand");
            }
        }
    }

    internal static void Configure(ModelBuilder builder) => builder.Entity<TeamMonth>(e =>
    {
        e.HasIndex(t => new { t.TeamId, t.Month }).IsUnique();
        e.HasOne<Organisations.Team>().WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Organisations.HearthUser>().WithMany().HasForeignKey(t => t.UpdatedById).OnDelete(DeleteBehavior.SetNull);
    });
}
