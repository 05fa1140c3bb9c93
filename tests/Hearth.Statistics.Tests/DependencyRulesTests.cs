using Hearth.Tests;

namespace Hearth.Statistics.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void Statistics_depends_on_nothing_of_ours() =>
        DependencyRules.AssertNoDependency(typeof(Hearth.Statistics.Anova.MixedAnova).Assembly, "Hearth.Content", "Hearth.Core", "Hearth.Web", "Hearth.Cli");
}
