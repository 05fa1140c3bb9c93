using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Hearth.Content.Programs;

/// <summary>
/// The readers of program files, generated at compile time for every type a program.yaml, a session's front
/// matter or a translation holds: the hearth tool is compiled ahead of time, where reflection-built readers
/// cannot be made.
/// </summary>
[YamlStaticContext]
[YamlSerializable(typeof(ProgramDefinition))]
[YamlSerializable(typeof(ProgramCadence))]
[YamlSerializable(typeof(MeasurementPoint))]
[YamlSerializable(typeof(FacilitatorRequirements))]
[YamlSerializable(typeof(Recommendation))]
[YamlSerializable(typeof(SessionDefinition))]
[YamlSerializable(typeof(Exercise))]
[YamlSerializable(typeof(HomeworkAssignment))]
[YamlSerializable(typeof(ProgramTranslation))]
[YamlSerializable(typeof(ProgramYaml.IdOnly))]
public sealed partial class ProgramYaml : StaticContext
{
    /// <summary>Field names are snake_case in the files (<c>facilitator_notes</c>).</summary>
    public static readonly IDeserializer Reader = new StaticDeserializerBuilder(new ProgramYaml())
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads only a file's top-level id, whatever else it holds.</summary>
    public static readonly IDeserializer IdReader = new StaticDeserializerBuilder(new ProgramYaml())
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>
    /// Reads a file as <typeparamref name="T"/>. A file whose top level is not fields (a lone word, a list) is a
    /// <see cref="YamlException"/> at its start, like every other problem of shape: the generated reader would
    /// hand back the word itself.
    /// </summary>
    public static T? Read<T>(IDeserializer reader, string yaml) where T : class
    {
        try
        {
            return reader.Deserialize<T>(yaml);
        }
        catch (InvalidCastException)
        {
            var start = new Mark(0, 1, 1);
            throw new YamlException(start, start, "expected fields (name: value) at the top of the file");
        }
    }

    public sealed class IdOnly
    {
        [YamlMember(Alias = "id")]
        public string? Id { get; set; }
    }
}
