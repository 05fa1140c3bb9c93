namespace Hearth.Web;

/// <summary>Settings under "Hearth" (environment: Hearth__DataDirectory, Hearth__Demo …).</summary>
public sealed class HearthOptions
{
    /// <summary>Where the SQLite file lives when no PostgreSQL connection string is given.</summary>
    public string DataDirectory { get; set; } = "hearth-data";

    /// <summary>
    /// The address people reach Hearth at (https://hearth.example.org). Every link Hearth writes into an
    /// e-mail, a calendar or a page to copy starts with it; it is required as soon as a mail server is
    /// configured, and it sets AllowedHosts.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// The address links start with: the configured one. Without a mail server nothing leaves Hearth by
    /// mail, so a laptop start without PublicUrl shows links built from the address the person typed.
    /// </summary>
    public string BaseUrlFor(HttpRequest request) => PublicUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";

    /// <summary>What is wrong with these settings for starting the app, or nothing.</summary>
    public IEnumerable<string> StartupProblems()
    {
        if (PublicUrl is not null && (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || url.PathAndQuery is not ("/" or "")))
        {
            yield return $"Hearth:PublicUrl (environment Hearth__PublicUrl) must be the site's address such as https://hearth.example.org, not '{PublicUrl}'";
        }
        if (!string.IsNullOrWhiteSpace(Smtp?.Host) && string.IsNullOrWhiteSpace(PublicUrl))
        {
            yield return "Hearth:PublicUrl (environment Hearth__PublicUrl) must be set when a mail server is configured (Hearth:Smtp:Host): "
                + "links in e-mails are built from it, never from the Host header of whoever's request caused the mail";
        }
    }

    /// <summary>
    /// The certificate (PKCS #12, no password) that encrypts the key ring: default hearth-keys.pfx in the data
    /// directory, created on first start. Instances that share a database must share this file. Back it up
    /// apart from the database: without it the database's journals, answers and notes cannot be read.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>Seed a demo organisation on first start.</summary>
    public bool Demo { get; set; }

    /// <summary>The Chromium (or Chrome) that prints reports as PDF; without it the reports are printed from the browser.</summary>
    public string Chromium { get; set; } = "/usr/bin/chromium";

    /// <summary>The demo accounts' password; a random one (printed at start) when not set.</summary>
    public string? DemoPassword { get; set; }

    /// <summary>Folder of the organisation's licensed instrument copies (default: "licensed" in the data directory).</summary>
    public string? LicensedInstruments { get; set; }

    /// <summary>How often each instance looks for due reminders.</summary>
    public int ReminderIntervalSeconds { get; set; } = 60;

    /// <summary>How many hours before a session its reminder is sent.</summary>
    public int ReminderLeadHours { get; set; } = 24;

    /// <summary>Mail server for invitations; without one, invitation links are shown to the administrator.</summary>
    public SmtpOptions? Smtp { get; set; }

    /// <summary>Requests per client address and minute (see docs/web.md, "Rate limits").</summary>
    public RateLimitOptions RateLimits { get; set; } = new();
}

public sealed class RateLimitOptions
{
    /// <summary>Sign-in, invitation, password-reset attempts per address and minute; 0 turns the limit off.</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Form posts and API writes per address and minute; 0 turns the limit off.</summary>
    public int WritesPerMinute { get; set; } = 120;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "hearth@localhost";
}
