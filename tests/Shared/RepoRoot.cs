namespace Hearth.Tests;

/// <summary>The repository's own files (shipped content, fixtures) located from a test binary: the folder holding Hearth.slnx.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Hearth.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Hearth.slnx not found above " + AppContext.BaseDirectory);
    }
}
