namespace Hearth.Core.Tests;

/// <summary>Locates the repository's own files (the shipped content, test cases) from the test binary.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Instruments => Path.Combine(Root, "content", "instruments");

    public static string Cases => Path.Combine(Root, "tests", "Hearth.Core.Tests", "Instruments", "Cases");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hearth.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Hearth.slnx not found above " + AppContext.BaseDirectory);
    }
}
