namespace Hearth.Web;

/// <summary>Settings under "Hearth" (environment: Hearth__DataDirectory, Hearth__Demo …).</summary>
public sealed class HearthOptions
{
    /// <summary>Where the SQLite file lives when no PostgreSQL connection string is given.</summary>
    public string DataDirectory { get; set; } = "hearth-data";

    /// <summary>Seed a demo organisation on first start.</summary>
    public bool Demo { get; set; }

    /// <summary>Folder of the organisation's licensed instrument copies.</summary>
    public string? LicensedInstruments { get; set; }
}
