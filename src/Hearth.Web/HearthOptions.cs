namespace Hearth.Web;

/// <summary>Settings under "Hearth" (environment: Hearth__DataDirectory, Hearth__Demo …).</summary>
public sealed class HearthOptions
{
    /// <summary>Where the SQLite file lives when no PostgreSQL connection string is given.</summary>
    public string DataDirectory { get; set; } = "hearth-data";

    /// <summary>The address people reach Hearth at (https://hearth.example.org), for links in invitations.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>The address links in mails and feeds start with: the configured one, else the request's own.</summary>
    public string BaseUrlFor(HttpRequest request) => PublicUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";

    /// <summary>Seed a demo organisation on first start.</summary>
    public bool Demo { get; set; }

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
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "hearth@localhost";
}
