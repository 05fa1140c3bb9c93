namespace Hearth.Cli.Tests;

/// <summary>Runs the <c>hearth</c> command in-process and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Err)
{
    public static CliRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = HearthCli.Run([.. args, "--content", Instruments], output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static string Root => Hearth.Tests.RepoRoot.Path;

    public static string Instruments => Hearth.Tests.RepoRoot.Combine("content", "instruments");
}

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("hearth-cli-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
