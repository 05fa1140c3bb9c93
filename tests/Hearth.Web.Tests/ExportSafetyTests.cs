using System.Net;
using Hearth.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sylvan.Data.Csv;

namespace Hearth.Web.Tests;

/// <summary>What people type reaches facilitators' spreadsheets: it must arrive as text, never as a formula.</summary>
public class ExportSafetyTests(HearthApp app) : SetUpAppTests(app)
{
    [Fact]
    public async Task A_formula_like_display_name_reaches_the_engagement_csv_as_text()
    {
        const string hostile = "@SUM(1+1),=1+1,=HYPERLINK(\"http://evil.example\")";
        using var facilitator = await App.SignedInAsync("csv-fac@export.example", "facilitator");
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
            var user = new HearthUser { UserName = "csv-pat@export.example", Email = "csv-pat@export.example", DisplayName = hostile };
            Assert.True((await users.CreateAsync(user, HearthApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, "clinician");
        }
        var cohortId = await ProgramsTests.StartCohortAsync(facilitator, name: "Export group");
        await ProgramsTests.AddByEmailAsync(App, facilitator, cohortId, "csv-pat@export.example");

        var bytes = await facilitator.Client.GetByteArrayAsync($"/cohorts/{cohortId}/engagement.csv");
        using var reader = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
        using var csv = CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true });
        var cells = new List<string>();
        while (csv.Read())
        {
            for (var c = 0; c < csv.FieldCount; c++)
            {
                cells.Add(csv.GetString(c));
            }
        }
        Assert.Contains("'" + hostile, cells); // the whole name in one cell, marked as text
        Assert.DoesNotContain(cells, cell => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@');
        using var check = App.Services.CreateScope();
        var audit = check.ServiceProvider.GetRequiredService<Hearth.Core.Persistence.HearthDbContext>().AuditEntries;
        Assert.True(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(audit, a => a.Action == "export" && a.Details!.Contains($"cohort {cohortId}")));
    }

    [Theory]
    [InlineData("Line\nbreak")]
    [InlineData("Tab\there")]
    [InlineData("A name far too long for any table cell, going on and on beyond what anyone would call themselves")]
    public async Task Names_with_control_characters_or_too_long_are_refused_when_joining(string name)
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var email = $"joiner-{Guid.NewGuid():N}@export.example";
        var page = await (await admin.SubmitAsync("/admin", new() { ["InviteEmail"] = email, ["InviteRoles"] = "clinician" }, formName: "invite")).Content.ReadAsStringAsync();
        var link = System.Text.RegularExpressions.Regex.Match(page, "/account/invite/[0-9a-f]+").Value;
        using var joiner = App.NewSession();
        var refused = await joiner.SubmitAsync(link, new() { ["Input.Name"] = name, ["Input.Password"] = HearthApp.Password });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        using var scope = App.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>().FindByEmailAsync(email));
    }
}
