using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hearth.Web.Tests;

/// <summary>An app with a mail server and a public address, as an organisation runs it.</summary>
public sealed class MailingApp : HearthApp
{
    public const string PublicUrl = "https://hearth.test.example";

    public SmtpSink Mail { get; } = new();

    protected override Uri BaseAddress => new(PublicUrl);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Hearth:PublicUrl", PublicUrl);
        builder.UseSetting("Hearth:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Hearth:Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The operator lets a second name through: links must still use the public address.
        builder.UseSetting("AllowedHosts", "hearth.test.example;other-name.example");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Mail.Dispose();
    }
}

public class PublicAddressTests(MailingApp app) : IClassFixture<MailingApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.EnsureSetUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Invitation_mails_link_to_the_public_address_whatever_host_the_request_named()
    {
        using var admin = await app.SignedInAsync("admin@test.example", "administrator");
        var form = await admin.GetPageAsync("/admin");
        // The same form posted as if the browser had reached the app under another name.
        admin.Client.DefaultRequestHeaders.Host = "other-name.example";
        await admin.SubmitAsync("/admin", new() { ["InviteEmail"] = "mailed@test.example", ["InviteRoles"] = "clinician" }, formName: "invite");
        var mail = Assert.Single(app.Mail.BodiesTo("mailed@test.example"));
        Assert.Matches(@"https://hearth\.test\.example/account/invite/[0-9a-f]+", mail);
        Assert.DoesNotContain("other-name.example", mail, StringComparison.Ordinal);
    }

    private static MimeKit.MimeMessage Parse(string data) => MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(data)));

    [Fact]
    public async Task Invitations_are_written_in_the_organisations_language_and_a_reset_in_the_persons_own()
    {
        using (var scope = app.Services.CreateScope())
        {
            var choices = scope.ServiceProvider.GetRequiredService<Hearth.Core.Organisations.LanguageChoices>();
            Assert.True((await choices.ChooseOrganisationDefaultAsync("admin", Hearth.Core.Organisations.Languages.Spanish)).Done);
        }
        try
        {
            using var admin = await app.SignedInAsync("admin@test.example", "administrator");
            await admin.SubmitAsync("/admin", new() { ["InviteEmail"] = "invitada@test.example", ["InviteRoles"] = "clinician" }, formName: "invite");
            var invitation = Parse(Assert.Single(app.Mail.BodiesTo("invitada@test.example")));
            Assert.StartsWith("Te invitamos a Hearth", invitation.Subject, StringComparison.Ordinal);
            Assert.Contains("Crea tu cuenta aquí", invitation.TextBody, StringComparison.Ordinal);
            Assert.Contains("14 días", invitation.TextBody, StringComparison.Ordinal);
            Assert.Matches(@"https://hearth\.test\.example/account/invite/[0-9a-f]+", invitation.TextBody);

            // A person who chose Russian gets Russian, whatever the organisation's default.
            (await app.SignedInAsync("russian@test.example", "clinician")).Dispose();
            using (var scope = app.Services.CreateScope())
            {
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Hearth.Core.Organisations.HearthUser>>();
                var id = (await users.FindByEmailAsync("russian@test.example"))!.Id;
                Assert.True((await scope.ServiceProvider.GetRequiredService<Hearth.Core.Organisations.LanguageChoices>().ChooseAsync(id, Hearth.Core.Organisations.Languages.Russian)).Done);
            }
            using var visitor = app.NewSession();
            await visitor.SubmitAsync("/account/forgot", new() { ["Email"] = "russian@test.example" }, formName: "forgot");
            var deadline = DateTime.UtcNow.AddSeconds(10); // the reset mail goes out in the background
            while (app.Mail.BodiesTo("russian@test.example").Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            var reset = Parse(Assert.Single(app.Mail.BodiesTo("russian@test.example")));
            Assert.Equal("Сброс пароля Hearth", reset.Subject);
            Assert.Contains("Выберите новый пароль", reset.TextBody, StringComparison.Ordinal);
        }
        finally
        {
            using var scope = app.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<Hearth.Core.Organisations.LanguageChoices>().ChooseOrganisationDefaultAsync("admin", Hearth.Core.Organisations.Languages.English);
        }
    }

    [Fact]
    public async Task A_host_that_is_not_allowed_is_refused()
    {
        using var browser = app.NewSession();
        browser.Client.DefaultRequestHeaders.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.GetAsync("/account/login")).StatusCode);
    }
}

public class StartupSettingsTests
{
    private sealed class MailWithoutAddress : HearthApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Hearth:Smtp:Host", "127.0.0.1");
        }
    }

    [Fact]
    public void A_mail_server_without_a_public_address_stops_the_start_with_a_clear_message()
    {
        using var app = new MailWithoutAddress();
        var error = Assert.ThrowsAny<Exception>(() => app.Services);
        Assert.Contains("Hearth:PublicUrl", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("must be set when a mail server is configured", error.ToString(), StringComparison.Ordinal);
    }

    private sealed class CapturingApp : HearthApp
    {
        public ConcurrentQueue<string> Logged { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(new CaptureProvider(Logged)));
        }
    }

    private sealed class CaptureProvider(ConcurrentQueue<string> sink) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CaptureLogger(sink);

        public void Dispose()
        {
        }

        private sealed class CaptureLogger(ConcurrentQueue<string> sink) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                sink.Enqueue(formatter(state, exception));
        }
    }

    [Fact]
    public async Task Without_a_mail_server_the_invitation_link_is_shown_but_never_logged()
    {
        using var app = new CapturingApp();
        await app.EnsureSetUpAsync();
        using var admin = await app.SignedInAsync("admin@test.example", "administrator");
        var page = await (await admin.SubmitAsync("/admin", new() { ["InviteEmail"] = "unmailed@test.example", ["InviteRoles"] = "clinician" }, formName: "invite")).Content.ReadAsStringAsync();
        var token = Regex.Match(page, "/account/invite/([0-9a-f]+)").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Contains(app.Logged, m => m.Contains("unmailed@test.example", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logged, m => m.Contains(token, StringComparison.Ordinal));
    }
}

public class PasswordResetTests(MailingApp app) : IClassFixture<MailingApp>, IAsyncLifetime
{
    public Task InitializeAsync() => app.EnsureSetUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string?> MailToAsync(string address)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(100))
        {
            if (app.Mail.BodiesTo(address) is { Count: > 0 } mails)
            {
                return mails[^1];
            }
        }
        return null;
    }

    [Fact]
    public async Task A_reset_link_is_mailed_only_to_real_accounts_with_the_same_answer_for_every_address()
    {
        (await app.SignedInAsync("forgetful@test.example", "clinician")).Dispose();
        using var a = app.NewSession();
        using var b = app.NewSession();
        var known = await (await a.SubmitAsync("/account/forgot", new() { ["Email"] = "forgetful@test.example" }, formName: "forgot")).Content.ReadAsStringAsync();
        var unknown = await (await b.SubmitAsync("/account/forgot", new() { ["Email"] = "nobody-here@test.example" }, formName: "forgot")).Content.ReadAsStringAsync();
        string Notice(string html) => Regex.Match(html, "<p class=\"notice\"[^>]*>([^<]+)</p>").Groups[1].Value;
        Assert.NotEmpty(Notice(known));
        Assert.Equal(Notice(known), Notice(unknown));
        Assert.NotNull(await MailToAsync("forgetful@test.example"));
        await Task.Delay(300);
        Assert.Empty(app.Mail.BodiesTo("nobody-here@test.example"));
    }

    [Fact]
    public async Task A_reset_link_changes_the_password_once_and_ends_every_session()
    {
        using var before = await app.SignedInAsync("resetter@test.example", "clinician");
        using var asker = app.NewSession();
        await asker.SubmitAsync("/account/forgot", new() { ["Email"] = "resetter@test.example" }, formName: "forgot");
        var mail = await MailToAsync("resetter@test.example");
        Assert.NotNull(mail);
        // Quoted-printable mail bodies may wrap long lines with "=" at the end.
        var unwrapped = mail!.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var link = new Uri(Regex.Match(unwrapped, @"https://hearth\.test\.example/account/reset\?\S+").Value);
        Assert.StartsWith(MailingApp.PublicUrl, link.ToString(), StringComparison.Ordinal);

        using var browser = app.NewSession();
        var changed = await browser.SubmitAsync(link.PathAndQuery, new() { ["NewPassword"] = "a fresh passphrase now" }, formName: "reset");
        Assert.Contains("Your password was changed", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await before.Client.GetAsync("/results")).StatusCode);
        var login = await browser.SubmitAsync("/account/login", new() { ["Input.Email"] = "resetter@test.example", ["Input.Password"] = "a fresh passphrase now" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);

        using var again = app.NewSession();
        var reused = await again.SubmitAsync(link.PathAndQuery, new() { ["NewPassword"] = "yet another passphrase" }, formName: "reset");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains("not valid any more", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
