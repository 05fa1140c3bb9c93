using System.Net;
using System.Text.RegularExpressions;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>What must not linger: a deleted journal entry, and a deleted facilitator's notes and what was shared with them.</summary>
public partial class DeletionTests(HearthApp app) : SetUpAppTests(app)
{
    private async Task<(int Notes, int Shared, int Entries)> CountsAsync(int cohortId)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        return (await db.CohortSessions.CountAsync(s => s.CohortId == cohortId && s.NotesCiphertext != null),
            await db.SharedReflections.CountAsync(r => r.CohortId == cohortId),
            await db.JournalEntries.CountAsync());
    }

    [Fact]
    public async Task A_participant_deletes_one_journal_entry_and_its_shared_copy_goes_with_it()
    {
        using var facilitator = await App.SignedInAsync("del-fac1@deletion.example", "facilitator");
        var cohortId = await ProgramsTests.StartCohortAsync(facilitator, name: "Deletion group one");
        await ProgramsTests.AddByEmailAsync(App, facilitator, cohortId, "del-pat1@deletion.example");
        using var participant = await App.SignedInAsync("del-pat1@deletion.example", "clinician");
        await participant.SubmitAsync("/journal", new() { ["Text"] = "keep this one" }, formName: "reflect");
        await participant.SubmitAsync("/journal", new() { ["Text"] = "this one should go" }, formName: "reflect");
        var journal = await participant.GetPageAsync("/journal");
        await participant.SubmitAsync("/journal", [], formName: ShareForm().Match(journal).Groups[1].Value); // the newest, shown first
        Assert.Contains("this one should go", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);
        Assert.Equal(1, (await CountsAsync(cohortId)).Shared);

        var deleted = await participant.SubmitAsync("/journal", [], formName: DeleteForm().Match(await participant.GetPageAsync("/journal")).Groups[1].Value);
        var page = await deleted.Content.ReadAsStringAsync();
        Assert.DoesNotContain("this one should go", page, StringComparison.Ordinal);
        Assert.Contains("keep this one", page, StringComparison.Ordinal);
        Assert.Equal(0, (await CountsAsync(cohortId)).Shared);
        Assert.DoesNotContain("this one should go", await facilitator.GetPageAsync($"/cohorts/{cohortId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_facilitators_account_removes_their_notes_and_what_was_shared_with_them()
    {
        using var facilitator = await App.SignedInAsync("del-fac2@deletion.example", "facilitator");
        var cohortId = await ProgramsTests.StartCohortAsync(facilitator, name: "Deletion group two");
        await ProgramsTests.AddByEmailAsync(App, facilitator, cohortId, "del-pat2@deletion.example");
        await facilitator.SubmitAsync($"/cohorts/{cohortId}/sessions/1", new() { ["Notes"] = "Private observations about the group" }, formName: "notes");
        using var participant = await App.SignedInAsync("del-pat2@deletion.example", "clinician");
        await participant.SubmitAsync("/journal", new() { ["Text"] = "shared with my facilitator" }, formName: "reflect");
        await participant.SubmitAsync("/journal", [], formName: ShareForm().Match(await participant.GetPageAsync("/journal")).Groups[1].Value);
        var before = await CountsAsync(cohortId);
        Assert.Equal((1, 1), (before.Notes, before.Shared));

        var gone = await facilitator.SubmitAsync("/account", new() { ["Confirm"] = "DELETE", ["Password"] = HearthApp.Password }, formName: "delete");
        Assert.Equal(HttpStatusCode.Redirect, gone.StatusCode);
        var after = await CountsAsync(cohortId);
        Assert.Equal((0, 0), (after.Notes, after.Shared));
        Assert.Equal(before.Entries, after.Entries); // the participant's own journal stays theirs
    }

    [GeneratedRegex("value=\"(share-\\d+-\\d+)\"")]
    private static partial Regex ShareForm();

    [GeneratedRegex("value=\"(delete-\\d+)\"")]
    private static partial Regex DeleteForm();
}
