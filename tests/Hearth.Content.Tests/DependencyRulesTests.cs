namespace Hearth.Content.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void The_content_project_never_touches_a_database_or_the_projects_above_it() =>
        DependencyRules.AssertNoDependency(typeof(Hearth.Content.Instruments.InstrumentDefinition).Assembly,
            [.. DependencyRules.Database, "Hearth.Core", "Hearth.Web", "Hearth.Cli", "Microsoft.AspNetCore"]);
}
