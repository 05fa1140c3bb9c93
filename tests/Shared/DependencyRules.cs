using System.Reflection;
using NetArchTest.Rules;

namespace Hearth.Tests;

/// <summary>
/// The project map (docs/architecture.md) as a test: an assembly's types may not depend on the namespaces
/// named here. A wrong reference fails the suite, with the types that broke the rule.
/// </summary>
internal static class DependencyRules
{
    public static readonly string[] Database = ["Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.AspNetCore.Identity"];

    public static void AssertNoDependency(Assembly assembly, params string[] forbidden)
    {
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny(forbidden).GetResult();
        Xunit.Assert.True(result.IsSuccessful,
            $"{assembly.GetName().Name} may not depend on {string.Join(", ", forbidden)}; these do: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }
}
