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
