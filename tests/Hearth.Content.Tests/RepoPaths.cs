
namespace Hearth.Tests;

/// <summary>The shipped content and the test cases of this project.</summary>
internal static class RepoPaths
{
    public static string Instruments => RepoRoot.Combine("content", "instruments");

    public static string Cases => RepoRoot.Combine("tests", "Hearth.Content.Tests", "Instruments", "Cases");
}
