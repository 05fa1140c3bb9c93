using Hearth.Tests;

namespace Hearth.Web.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void The_web_app_never_references_the_tool() =>
        DependencyRules.AssertNoDependency(typeof(Hearth.Web.Extensions).Assembly, "Hearth.Cli");
}
