using Hearth.Content.Studies;
using Hearth.Core.Localization;
using Hearth.Core.Rules;

namespace Hearth.Core.Studies;

/// <summary>What a researcher writes for a stepped-wedge study: how many steps, how long each period lasts, and the teams in the wedge.</summary>
public sealed record WedgeDraft(int Steps, int StepDays, IReadOnlyList<int> Teams);

/// <summary>One team's row of the wedge as the researcher may see it now: its condition in each period so far, and its step once that step has begun.</summary>
public sealed record WedgeRow(int TeamId, string Team, IReadOnlyList<bool?> Intervention, int? CrossedAt);

/// <summary>
/// A stepped-wedge study: every team in the wedge starts in the control arm and crosses to the
/// intervention arm at one step, in an order drawn from the study's seed (<see cref="SteppedWedge"/>).
/// Period 0 (baseline) begins when recruitment opens; each lasts <see cref="Study.WedgeStepDays"/> days.
/// A participant's condition is their team's in the period when they answer, so it changes over time;
/// the order stays concealed: a team's step shows only once that step has begun.
/// </summary>
public static class StudyWedge
{
    public static bool IsWedge(this Study study) => study.WedgeSteps > 0;

    public static IReadOnlyList<string> Teams(Study study) => StudyDesigns.Split(study.WedgeTeams);

    public static SteppedWedge Schedule(Study study) => SteppedWedge.Schedule(Teams(study), study.WedgeSteps, (ulong)study.Seed);

    /// <summary>The period (0 = baseline … steps) in force at an instant; before recruitment opens, the baseline.</summary>
    public static int Period(Study study, DateTimeOffset at)
    {
        if (study.RecruitingSince is not { } start || at <= start)
        {
            return 0;
        }
        return (int)Math.Min(study.WedgeSteps, (at - start).TotalDays / study.WedgeStepDays);
    }

    /// <summary>The arm a team's members are in at an instant: the control arm until the team's step, the intervention arm from it.</summary>
    public static StudyArm ArmAt(Study study, string team, DateTimeOffset at) =>
        Schedule(study).InIntervention(team, Period(study, at))
            ? study.Arms.Single(a => a.Kind == ArmKind.Active)
            : study.Arms.Single(a => a.Kind == ArmKind.TreatmentAsUsual);

    /// <summary>The CONSORT "arm" of a team in a stepped-wedge trial: the sequence it belongs to, named by its step.</summary>
    public static string Sequence(int step) => $"sequence {step} (crosses at step {step})";

    public static FieldProblem? Check(StudyDraft draft)
    {
        if (draft.Wedge is not { } wedge)
        {
            return null;
        }
        if (draft.Arms.Count != 2 || draft.Arms.Count(a => a.Kind == ArmKind.Active) != 1 || draft.Arms.Count(a => a.Kind == ArmKind.TreatmentAsUsual) != 1)
        {
            return new FieldProblem("Arms", ProblemText.Get("Studies.WedgeArms"));
        }
        if (wedge.Teams.Distinct().Count() < 2)
        {
            return new FieldProblem("WedgeTeams", ProblemText.Get("Studies.WedgeTeams"));
        }
        if (wedge.Steps < 1 || wedge.Steps > wedge.Teams.Distinct().Count())
        {
            return new FieldProblem("WedgeSteps", ProblemText.Get("Studies.WedgeSteps", wedge.Teams.Distinct().Count()));
        }
        if (wedge.StepDays is < 7 or > 366)
        {
            return new FieldProblem("WedgeStepDays", ProblemText.Get("Studies.WedgeStepDays"));
        }
        return null;
    }
}
