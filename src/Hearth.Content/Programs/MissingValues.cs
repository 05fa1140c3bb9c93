using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Hearth.Content.Programs;

/// <summary>
/// YAML can set any field to nothing (<c>title:</c> or <c>title: ~</c>), even one the model declares
/// non-nullable. This walks a freshly read object and names every such field, so validation never
/// meets a null it was promised would not be there.
/// </summary>
internal static class MissingValues
{
    private static readonly NullabilityInfoContext Nullability = new();

    public static IEnumerable<string> In(object value, string path = "") => Walk(value, path, depth: 0);

    // The walk reads the public properties of the program model's types by reflection. Those types are named here so
    // that compiling the tool ahead of time keeps their properties (and the nullability attributes beside them).
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ProgramDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ProgramCadence))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(MeasurementPoint))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(FacilitatorRequirements))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Recommendation))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(SessionDefinition))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(Exercise))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(HomeworkAssignment))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicProperties, typeof(ProgramTranslation))]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Every type the walk meets is a program model type kept above.")]
    private static IEnumerable<string> Walk(object value, string path, int depth)
    {
        if (depth > 16 || value is string || value.GetType().IsValueType)
        {
            yield break;
        }
        if (value is IEnumerable list)
        {
            var index = 0;
            foreach (var element in list)
            {
                var at = $"{path}[{index++}]";
                if (element is null)
                {
                    yield return at;
                    continue;
                }
                foreach (var inner in Walk(element, at, depth + 1))
                {
                    yield return inner;
                }
            }
            yield break;
        }
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanWrite || property.PropertyType.IsValueType)
            {
                continue;
            }
            var name = path.Length == 0 ? Camel(property.Name) : $"{path}.{Camel(property.Name)}";
            var current = property.GetValue(value);
            if (current is null)
            {
                if (Nullability.Create(property).WriteState == NullabilityState.NotNull)
                {
                    yield return name;
                }
                continue;
            }
            foreach (var inner in Walk(current, name, depth + 1))
            {
                yield return inner;
            }
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
