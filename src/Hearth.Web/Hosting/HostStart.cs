namespace Hearth.Web.Hosting;

/// <summary>
/// How the host is started from a command line: Hearth's own flags taken out of the arguments (so that
/// a flag never swallows the next standard argument as its value), and a content root that does not
/// depend on the working directory.
/// </summary>
public static class HostStart
{
    /// <summary>Hearth's own switches, which take no value.</summary>
    private static readonly Dictionary<string, string> Switches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--demo"] = "Hearth:Demo",
    };

    /// <summary>Splits Hearth's switches (as configuration keys set to "true") from the arguments the host reads.</summary>
    public static (string[] HostArgs, Dictionary<string, string?> Settings) Split(IEnumerable<string> args)
    {
        var hostArgs = new List<string>();
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var arg in args)
        {
            if (Switches.TryGetValue(arg, out var key))
            {
                settings[key] = "true";
            }
            else
            {
                hostArgs.Add(arg);
            }
        }
        return ([.. hostArgs], settings);
    }

    /// <summary>
    /// The folder holding appsettings.json: the working directory when it has one (the project folder
    /// during development), otherwise the folder of the app's own files, so the published app finds its
    /// settings and wwwroot wherever it is started from.
    /// </summary>
    public static string? ContentRoot(string workingDirectory, string appDirectory) =>
        File.Exists(Path.Combine(workingDirectory, "appsettings.json")) ? null
        : File.Exists(Path.Combine(appDirectory, "appsettings.json")) ? appDirectory
        : null;
}
