namespace Hearth.Core.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void Core_holds_no_web_or_tool_code() =>
        DependencyRules.AssertNoDependency(typeof(Hearth.Core.Persistence.HearthDbContext).Assembly,
            "Hearth.Web", "Hearth.Cli", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Mvc");
}
