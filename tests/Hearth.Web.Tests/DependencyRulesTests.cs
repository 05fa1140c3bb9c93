using Hearth.Tests;
using Microsoft.AspNetCore.Components;
using NetArchTest.Rules;

namespace Hearth.Web.Tests;

public class DependencyRulesTests
{
    [Fact]
    public void The_web_app_never_references_the_tool() =>
        DependencyRules.AssertNoDependency(typeof(Hearth.Web.Extensions).Assembly, "Hearth.Cli");

    [Fact]
    public void Pages_and_components_never_use_the_database_directly()
    {
        // Pages call feature services; the DbContext (and everything in Persistence) stays behind them.
        var result = Types.InAssembly(typeof(Hearth.Web.Extensions).Assembly).That().Inherit<ComponentBase>()
            .ShouldNot().HaveDependencyOnAny("Hearth.Core.Persistence").GetResult();
        Assert.True(result.IsSuccessful, "these use the database directly: " + string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
    }

    [Fact]
    public void Only_the_composition_root_touches_the_database()
    {
        // Security, API, programs and pages go through Core's services; only the host's wiring (Extensions,
        // the reminder worker that builds its dispatcher) names the DbContext or EF Core.
        var result = Types.InAssembly(typeof(Hearth.Web.Extensions).Assembly)
            .That().DoNotHaveName(nameof(Hearth.Web.Extensions)).And().DoNotHaveNameStartingWith("ReminderWorker")
            .ShouldNot().HaveDependencyOnAny("Hearth.Core.Persistence.HearthDbContext", "Microsoft.EntityFrameworkCore").GetResult();
        Assert.True(result.IsSuccessful, "these use the database directly: " + string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []));
        // The rule can see such a dependency: the composition root has one.
        Assert.True(Types.InAssembly(typeof(Hearth.Web.Extensions).Assembly).That().HaveName(nameof(Hearth.Web.Extensions))
            .Should().HaveDependencyOnAny("Hearth.Core.Persistence.HearthDbContext").GetResult().IsSuccessful);
    }
}
