using System.Net;

namespace Hearth.Web.Tests;

public class SecurityTests : IClassFixture<HearthApp>
{
    private readonly HearthApp _app;

    public SecurityTests(HearthApp app) => _app = app;

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var session = _app.NewSession();
        var response = await session.Client.GetAsync(path);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_script()
    {
        using var session = _app.NewSession();
        var html = await session.GetPageAsync("/account/login");
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotContain(" style=", html);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_secure_http_only_and_same_site_strict()
    {
        await _app.EnsureSetUpAsync();
        using var session = _app.NewSession();
        await _app.SignedInAsync("cookie@test.example", "clinician"); // creates the account
        var response = await session.SubmitAsync("/account/login", new() { ["Input.Email"] = "cookie@test.example", ["Input.Password"] = HearthApp.Password });
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hearth=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var session = _app.NewSession();
        var response = await session.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = "x@test.example",
            ["Input.Password"] = "whatever whatever",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Output_is_encoded()
    {
        using var session = _app.NewSession();
        var html = await session.GetPageAsync("/account/login?ReturnUrl=%22%3E%3Cscript%3Ealert(1)%3C/script%3E");
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_site()
    {
        await _app.SignedInAsync("redirect@test.example", "clinician");
        using var session = _app.NewSession();
        var response = await session.SubmitAsync("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Input.Email"] = "redirect@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("localhost", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.Host : "localhost");
    }
}

public class AccountSafetyTests(HearthApp app) : SetUpAppTests(app)
{

    [Fact]
    public async Task The_only_administrator_cannot_delete_their_account_and_setup_never_reopens()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        var response = await admin.SubmitAsync("/account", new() { ["Confirm"] = "DELETE", ["Password"] = HearthApp.Password }, formName: "delete");
        Assert.Contains("only administrator", await response.Content.ReadAsStringAsync());
        using var visitor = App.NewSession();
        Assert.Contains("already set up", await visitor.GetPageAsync("/setup"));
    }

    [Fact]
    public async Task An_access_token_opens_the_api_but_not_the_pages()
    {
        using var owner = await App.SignedInAsync("token-owner@test.example", "clinician");
        var page = await (await owner.SubmitAsync("/account", new() { ["TokenName"] = "t", ["Password"] = HearthApp.Password }, formName: "token")).Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(page, "hth_[0-9a-f]{64}").Value;

        using var thief = App.NewSession();
        thief.Client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await thief.Client.GetAsync("/api/v1/me/results")).StatusCode);
        var account = await thief.Client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.Redirect, account.StatusCode);
        Assert.Equal("/account/login", account.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Personal_pages_are_not_cached()
    {
        using var person = await App.SignedInAsync("cache@test.example", "clinician");
        var response = await person.Client.GetAsync("/results");
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Sign_in_gives_the_same_answer_for_unknown_and_wrong_credentials()
    {
        await App.SignedInAsync("known@test.example", "clinician");
        using var a = App.NewSession();
        using var b = App.NewSession();
        var unknown = await (await a.SubmitAsync("/account/login", new() { ["Input.Email"] = "nobody@test.example", ["Input.Password"] = "whatever password" })).Content.ReadAsStringAsync();
        var wrong = await (await b.SubmitAsync("/account/login", new() { ["Input.Email"] = "known@test.example", ["Input.Password"] = "whatever password" })).Content.ReadAsStringAsync();
        string Message(string html) => System.Text.RegularExpressions.Regex.Match(html, "<p class=\"error\"[^>]*>([^<]+)</p>").Groups[1].Value;
        Assert.NotEmpty(Message(unknown));
        Assert.Equal(Message(unknown), Message(wrong));
    }
}
