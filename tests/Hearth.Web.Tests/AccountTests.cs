using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Hearth.Web.Tests;

public partial class AccountTests(HearthApp app) : SetUpAppTests(app)
{
    private static Dictionary<string, string> Who5(int value) => Enumerable.Range(1, 5).ToDictionary(i => $"item-{i}", _ => $"{value}");

    [Fact]
    public async Task A_person_can_export_their_own_data_as_csv_and_fhir()
    {
        using var dana = await App.SignedInAsync("dana@test.example", "clinician");
        await dana.SubmitAsync("/checkin", Who5(4));

        var csv = await dana.Client.GetStringAsync("/me/export.csv");
        Assert.StartsWith("measurement,instrument,version,kind,submitted_at,field,value,band", csv);
        Assert.Contains(",item:3,4,", csv);
        Assert.Contains(",score:total,80,", csv);

        using var bundle = JsonDocument.Parse(await dana.Client.GetStringAsync("/me/export.fhir.json"));
        Assert.Equal("Bundle", bundle.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("QuestionnaireResponse", bundle.RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task Deleting_the_account_needs_the_password_and_leaves_no_trace_of_the_address()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        await admin.SubmitAsync("/admin", new() { ["InviteEmail"] = "erin@test.example", ["InviteRoles"] = "clinician" }, formName: "invite");
        using var erin = await App.SignedInAsync("erin@test.example", "clinician");
        await erin.SubmitAsync("/checkin", Who5(2));

        var noPassword = await erin.SubmitAsync("/account", new() { ["Confirm"] = "DELETE", ["Password"] = "not my password" }, formName: "delete");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noPassword.StatusCode);
        Assert.Contains("not your current password", await noPassword.Content.ReadAsStringAsync());
        var lowercase = await erin.SubmitAsync("/account", new() { ["Confirm"] = "delete", ["Password"] = HearthApp.Password }, formName: "delete");
        Assert.Contains("Type DELETE", await lowercase.Content.ReadAsStringAsync());

        var deleted = await erin.SubmitAsync("/account", new() { ["Confirm"] = "DELETE", ["Password"] = HearthApp.Password }, formName: "delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using var again = App.NewSession();
        var login = await again.SubmitAsync("/account/login", new() { ["Input.Email"] = "erin@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        var audit = await db.AuditEntries.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(audit, a => (a.Details ?? "").Contains("erin@test.example", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "account-deleted");
    }

    private async Task<string> SetUpTwoFactorAsync(Session person)
    {
        var page = await (await person.SubmitAsync("/account", [], formName: "totp-setup")).Content.ReadAsStringAsync();
        var key = KeyPattern().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        var enabled = await (await person.SubmitAsync("/account", new() { ["Password"] = HearthApp.Password, ["Code"] = Code(key) }, formName: "totp")).Content.ReadAsStringAsync();
        Assert.Contains("Two-factor sign-in is on", enabled);
        Assert.Equal(10, RecoveryPattern().Count(enabled));
        return key;
    }

    private string Code(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(App.Now.UtcDateTime);

    private static async Task<HttpResponseMessage> LogInAsync(Session browser, string email, string? code) =>
        await browser.SubmitAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = HearthApp.Password, ["Input.Code"] = code ?? "" });

    [Fact]
    public async Task Two_factor_sign_in_asks_for_a_code_and_never_takes_the_same_code_twice()
    {
        using var fay = await App.SignedInAsync("fay@test.example", "clinician");
        var key = await SetUpTwoFactorAsync(fay);

        using var first = App.NewSession();
        Assert.Contains("Enter the code from your authenticator app", await (await LogInAsync(first, "fay@test.example", null)).Content.ReadAsStringAsync());
        // The code that turned two-factor on is spent; the next 30-second step gives a new one.
        Assert.NotEqual(HttpStatusCode.Redirect, (await LogInAsync(first, "fay@test.example", Code(key))).StatusCode);
        App.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = Code(key);
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(first, "fay@test.example", code)).StatusCode);
        using var replay = App.NewSession();
        Assert.NotEqual(HttpStatusCode.Redirect, (await LogInAsync(replay, "fay@test.example", code)).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_two_factor_can_be_turned_off_with_the_password()
    {
        using var gil = await App.SignedInAsync("gil@test.example", "clinician");
        var page = await (await gil.SubmitAsync("/account", [], formName: "totp-setup")).Content.ReadAsStringAsync();
        var key = KeyPattern().Match(page).Groups[1].Value;
        var enabled = await (await gil.SubmitAsync("/account", new() { ["Password"] = HearthApp.Password, ["Code"] = Code(key) }, formName: "totp")).Content.ReadAsStringAsync();
        var recovery = RecoveryPattern().Match(enabled).Groups[1].Value;

        using (var scope = App.Services.CreateScope())
        {
            var tokens = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().UserTokens.AsNoTracking().Select(t => t.Value).ToListAsync();
            Assert.DoesNotContain(tokens, v => (v ?? "").Contains(recovery.Replace("-", "", StringComparison.Ordinal), StringComparison.Ordinal)); // only hashes are stored
        }
        using var lostPhone = App.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(lostPhone, "gil@test.example", recovery)).StatusCode);
        using var again = App.NewSession();
        Assert.NotEqual(HttpStatusCode.Redirect, (await LogInAsync(again, "gil@test.example", recovery)).StatusCode);
        Assert.Contains("Recovery codes left: 9", await lostPhone.GetPageAsync("/account"));

        var refused = await lostPhone.SubmitAsync("/account", new() { ["Password"] = "wrong password here" }, formName: "totp-off");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var off = await (await lostPhone.SubmitAsync("/account", new() { ["Password"] = HearthApp.Password }, formName: "totp-off")).Content.ReadAsStringAsync();
        Assert.Contains("Set up two-factor sign-in", off);
        using var plain = App.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await LogInAsync(plain, "gil@test.example", null)).StatusCode);
    }

    [Fact]
    public async Task Visiting_the_account_page_does_not_sign_the_person_out_elsewhere()
    {
        using var laptop = await App.SignedInAsync("hal@test.example", "clinician");
        using var phone = await App.SignedInAsync("hal@test.example", "clinician");
        await laptop.GetPageAsync("/account");
        await laptop.GetPageAsync("/account");
        App.Clock.Advance(TimeSpan.FromMinutes(2)); // past the interval at which sessions re-check the account
        Assert.Equal(HttpStatusCode.OK, (await phone.Client.GetAsync("/results")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_on_the_server_so_a_copied_cookie_stops_working()
    {
        await App.SignedInAsync("ivy@test.example", "clinician");
        using var ivy = App.NewSession();
        var login = await ivy.SubmitAsync("/account/login", new() { ["Input.Email"] = "ivy@test.example", ["Input.Password"] = HearthApp.Password });
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hearth=", StringComparison.Ordinal)).Split(';')[0];
        using var thief = App.NewSession();
        HttpRequestMessage Stolen()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/results");
            request.Headers.Add("Cookie", cookie);
            return request;
        }
        Assert.Equal(HttpStatusCode.OK, (await thief.Client.SendAsync(Stolen())).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await ivy.SignOutAsync()).StatusCode);
        var response = await thief.Client.SendAsync(Stolen());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_other_sessions()
    {
        using var jo = await App.SignedInAsync("jo@test.example", "clinician");
        using var elsewhere = await App.SignedInAsync("jo@test.example", "clinician");
        var wrong = await jo.SubmitAsync("/account", new() { ["Password"] = "not the password", ["NewPassword"] = "a brand new passphrase" }, formName: "password");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var changed = await jo.SubmitAsync("/account", new() { ["Password"] = HearthApp.Password, ["NewPassword"] = "a brand new passphrase" }, formName: "password");
        Assert.Contains("Your password was changed", await changed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await jo.Client.GetAsync("/results")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.Client.GetAsync("/results")).StatusCode);
        using var fresh = App.NewSession();
        var login = await fresh.SubmitAsync("/account/login", new() { ["Input.Email"] = "jo@test.example", ["Input.Password"] = "a brand new passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Access_tokens_need_the_password_show_their_expiry_and_stop_when_it_passes()
    {
        using var kit = await App.SignedInAsync("kit@test.example", "clinician");
        var refused = await kit.SubmitAsync("/account", new() { ["TokenName"] = "script", ["TokenDays"] = "1", ["Password"] = "wrong password" }, formName: "token");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.DoesNotMatch("hth_[0-9a-f]{64}", await refused.Content.ReadAsStringAsync());

        var page = await (await kit.SubmitAsync("/account", new() { ["TokenName"] = "script", ["TokenDays"] = "1", ["Password"] = HearthApp.Password }, formName: "token")).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "hth_[0-9a-f]{64}").Value;
        Assert.Contains($"expires {App.Now.AddDays(1):d MMM yyyy}", page);
        using var script = App.NewSession();
        script.Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await script.Client.GetAsync("/api/v1/me/results")).StatusCode);
        App.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.Client.GetAsync("/api/v1/me/results")).StatusCode);
        using var kitLater = await App.SignedInAsync("kit@test.example", "clinician"); // the earlier session has run out too
        Assert.Contains("script, created", await kitLater.GetPageAsync("/account"));
        Assert.Contains(", expired ", await kitLater.GetPageAsync("/account"));
    }

    [Fact]
    public async Task Failed_sign_ins_lock_the_account_for_that_address_only_and_are_audited()
    {
        (await App.SignedInAsync("lou@test.example", "clinician")).Dispose();
        using var attacker = App.NewSession("203.0.113.9");
        for (var i = 0; i < 5; i++)
        {
            await attacker.SubmitAsync("/account/login", new() { ["Input.Email"] = "lou@test.example", ["Input.Password"] = "guess number " + i });
        }
        // Even the right password is refused from the attacker's address…
        var locked = await attacker.SubmitAsync("/account/login", new() { ["Input.Email"] = "lou@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, locked.StatusCode);
        // …while Lou, at her own computer, signs in as usual.
        using var lou = App.NewSession("198.51.100.7");
        var own = await lou.SubmitAsync("/account/login", new() { ["Input.Email"] = "lou@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);

        using var scope = App.Services.CreateScope();
        var actions = await scope.ServiceProvider.GetRequiredService<HearthDbContext>().AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync();
        Assert.Contains("sign-in-failed", actions);
        Assert.Contains("sign-in-locked", actions);
        Assert.Contains("sign-in", actions);

        App.Clock.Advance(TimeSpan.FromMinutes(16)); // the lock runs out
        var later = await attacker.SubmitAsync("/account/login", new() { ["Input.Email"] = "lou@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Fact]
    public async Task The_administrator_chooses_the_check_in()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        await admin.SubmitAsync("/admin/questionnaires", [], formName: "checkin-ucla-3");
        using var gus = await App.SignedInAsync("gus@test.example", "clinician");
        Assert.Contains("Three-Item Loneliness Scale", await gus.GetPageAsync("/checkin"));
        await admin.SubmitAsync("/admin/questionnaires", [], formName: "checkin-who-5");
        Assert.Contains("WHO-5", await gus.GetPageAsync("/checkin"));
    }

    [GeneratedRegex("Enter this key in your authenticator app: <code>([A-Z2-7]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([a-z2-9]{5}-[a-z2-9]{5})</code></li>")]
    private static partial Regex RecoveryPattern();
}
