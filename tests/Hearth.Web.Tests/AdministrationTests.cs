using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json.Nodes;

namespace Hearth.Web.Tests;

public class AdministrationTests(HearthApp app) : SetUpAppTests(app)
{

    private static string LicensedCopy(Action<JsonObject>? change = null)
    {
        var node = JsonNode.Parse(File.ReadAllText(Hearth.Tests.RepoRoot.Combine("content", "instruments", "cd-risc-10.json")))!.AsObject();
        foreach (var item in node["items"]!.AsArray())
        {
            item!["text"] = $"Licensed wording of item {item["linkId"]}";
        }
        change?.Invoke(node);
        return node.ToJsonString();
    }

    [Fact]
    public async Task A_licensed_copy_makes_a_key_only_questionnaire_usable()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var before = await admin.GetPageAsync("/admin/questionnaires");
        Assert.Contains("licensed copy not loaded", before);

        var response = await admin.UploadAsync("/admin/questionnaires", "licensed", "LicensedFile", "cd-risc.json", LicensedCopy());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("licensed copy of", page);

        await admin.SubmitAsync("/admin/questionnaires", [], formName: "use-cd-risc-10");
        using var clinician = await App.SignedInAsync("licensed-user@test.example", "clinician");
        Assert.Contains("Licensed wording of item 1", await clinician.GetPageAsync("/questionnaires/cd-risc-10"));
    }

    [Fact]
    public async Task A_copy_that_changes_the_key_is_refused_with_its_problems()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var bad = LicensedCopy(node => node["items"]![0]!["reverse"] = true);
        var response = await admin.UploadAsync("/admin/questionnaires", "licensed", "LicensedFile", "bad.json", bad);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("$.items[0].reverse", page);
    }

    [Fact]
    public async Task Teams_nest_and_invitations_can_place_people_in_them()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        await admin.SubmitAsync("/admin/teams", new() { ["TeamName"] = "Adult services" }, formName: "team");
        var page = await admin.GetPageAsync("/admin/teams");
        var parentId = System.Text.RegularExpressions.Regex.Match(page, "<option value=\"(\\d+)\">Adult services</option>").Groups[1].Value;
        await admin.SubmitAsync("/admin/teams", new() { ["TeamName"] = "Ward 3", ["TeamParent"] = parentId }, formName: "team");
        Assert.Contains("Adult services › Ward 3", WebUtility.HtmlDecode(await admin.GetPageAsync("/admin/teams")));
        Assert.Contains("Adult services › Ward 3", WebUtility.HtmlDecode(await admin.GetPageAsync("/admin"))); // offered when inviting
    }

    [Fact]
    public async Task A_crisis_resource_added_by_an_administrator_reaches_staff_and_a_bad_one_is_refused()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var refused = await admin.SubmitAsync("/admin/crisis-resources", new() { ["CrisisName"] = "No way to reach it" }, formName: "crisis");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Give a name and a phone number or web address.", await refused.Content.ReadAsStringAsync());
        await admin.SubmitAsync("/admin/crisis-resources", new() { ["CrisisName"] = "Staff support line", ["CrisisPhone"] = "0800 000 111" }, formName: "crisis");
        using var clinician = await App.SignedInAsync("crisis-reader@test.example", "clinician");
        var page = await clinician.GetPageAsync("/crisis");
        Assert.Contains("Staff support line", page);
        Assert.Contains("0800 000 111", page);
    }

    [Fact]
    public async Task Deactivating_an_account_stops_its_sign_in_and_is_audited()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        using var leaver = await App.SignedInAsync("leaver@test.example", "clinician");
        var page = await admin.GetPageAsync("/admin/people?q=leaver");
        var id = System.Text.RegularExpressions.Regex.Match(page, "leaver@test.example[\\s\\S]*?value=\"toggle-([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(id);
        Assert.Equal(HttpStatusCode.OK, (await leaver.Client.GetAsync("/results")).StatusCode);
        await admin.SubmitAsync("/admin/people?q=leaver", [], formName: $"toggle-{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await leaver.Client.GetAsync("/results")).StatusCode); // at once, not within a minute

        using var again = App.NewSession();
        var login = await again.SubmitAsync("/account/login", new() { ["Input.Email"] = "leaver@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("<td>deactivate</td>", await admin.GetPageAsync("/admin/audit?action=deactivate"));
    }

    [Fact]
    public async Task An_administrator_records_a_persons_profession_and_site_and_a_refusal_names_its_field()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        using var _ = await App.SignedInAsync("profiled@test.example", "clinician"); // the person to profile
        var list = await admin.GetPageAsync("/admin/people?q=profiled");
        var id = System.Text.RegularExpressions.Regex.Match(list, "edit=([^\"&]+)\"").Groups[1].Value;
        Assert.NotEmpty(id);
        var editPath = $"/admin/people?q=profiled&edit={id}";
        var refused = await admin.SubmitAsync(editPath, new() { ["EditId"] = Uri.UnescapeDataString(id), ["Profession"] = "nurse=senior", ["Site"] = "North" }, formName: "profile");
        Assert.Contains("Profession cannot contain a comma", await refused.Content.ReadAsStringAsync());
        await admin.SubmitAsync(editPath, new() { ["EditId"] = Uri.UnescapeDataString(id), ["Profession"] = "Mental health nurse", ["Site"] = "North <clinic>" }, formName: "profile");
        var after = await admin.GetPageAsync("/admin/people?q=profiled");
        Assert.Contains("<td>Mental health nurse</td>", after);
        Assert.Contains("<td>North &lt;clinic&gt;</td>", after); // encoded
        Assert.Contains("person-profile", await admin.GetPageAsync("/admin/audit?action=person-profile"));
    }

    [Fact]
    public async Task The_minimum_group_size_can_be_raised_but_never_lowered()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var lowered = await admin.SubmitAsync("/admin/anonymity", new() { ["Threshold"] = "3" }, formName: "raise");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lowered.StatusCode);
        Assert.Contains("can only be raised", await lowered.Content.ReadAsStringAsync());
        var raised = await (await admin.SubmitAsync("/admin/anonymity", new() { ["Threshold"] = "7" }, formName: "raise")).Content.ReadAsStringAsync();
        Assert.Contains("no figure comes from fewer than 7 people", raised);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await admin.SubmitAsync("/admin/anonymity", new() { ["Threshold"] = "6" }, formName: "raise")).StatusCode);
        using var lead = await App.SignedInAsync("lead@test.example", "wellbeing-lead");
        var json = await lead.Client.GetStringAsync("/api/v1/insights/scores?instrument=who-5&score=total&by=team");
        Assert.Contains("\"k\":7", json);
        Assert.Contains("anonymity-threshold", await admin.GetPageAsync("/admin/audit?action=anonymity-threshold"));
    }
}

/// <summary>The people and audit pages stay usable at the size of a large service: searched and paged in the database.</summary>
public class AdministrationAtScaleTests(HearthApp app) : SetUpAppTests(app)
{
    [Fact]
    public async Task People_are_found_by_name_or_address_a_page_at_a_time()
    {
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Hearth.Core.Persistence.HearthDbContext>();
            for (var i = 0; i < 120; i++)
            {
                var email = $"staff{i:D3}@scale.example";
                db.Users.Add(new Hearth.Core.Organisations.HearthUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Staff member {i:D3}" });
            }
            await db.SaveChangesAsync();
        }
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var first = await admin.GetPageAsync("/admin/people?q=scale.example");
        Assert.Contains("<p>120 people found. Page 1 of 3.</p>", first, StringComparison.Ordinal);
        Assert.Contains("staff000@scale.example", first, StringComparison.Ordinal);
        Assert.DoesNotContain("staff050@scale.example", first, StringComparison.Ordinal);
        var third = await admin.GetPageAsync("/admin/people?q=scale.example&page=3");
        Assert.Contains("staff119@scale.example", third, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", third, StringComparison.Ordinal);
        var one = await admin.GetPageAsync("/admin/people?q=Staff%20member%20077");
        Assert.Contains("1 person found.", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_log_is_filtered_by_action_and_person()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        (await App.SignedInAsync("audited@auditlog.example", "clinician")).Dispose();
        var signIns = await admin.GetPageAsync("/admin/audit?action=sign-in&person=audited@auditlog");
        Assert.Contains("<td>sign-in</td>", signIns, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>invite</td>", signIns, StringComparison.Ordinal);
        Assert.Contains("audited", signIns, StringComparison.Ordinal);
        var nobody = await admin.GetPageAsync("/admin/audit?person=nobody-by-this-name");
        Assert.Contains("0 entries.", nobody, StringComparison.Ordinal);
    }
}
