using Hearth.Tests;

namespace Hearth.Cli.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void The_tool_uses_content_and_statistics_only() =>
        DependencyRules.AssertNoDependency(typeof(Hearth.Cli.HearthCli).Assembly, [.. DependencyRules.Database, "Hearth.Core", "Hearth.Web"]);
}
