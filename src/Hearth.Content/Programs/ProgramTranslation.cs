namespace Hearth.Content.Programs;

/// <summary>
/// A program's texts in another language: <c>translations/&lt;language&gt;/program.yaml</c> (the words a
/// person reads about the program) and <c>translations/&lt;language&gt;/sessions/NN-slug.md</c>, one per
/// session file of the original with the same name. Everything that is not words — cadence, outcomes,
/// minutes, the number of homework assignments — stays the original's, so a cohort can run in any of the
/// program's languages and its attendance and ticked homework mean the same in each.
/// </summary>
public sealed class ProgramTranslation
{
    /// <summary>A language tag such as <c>es-MX</c> or <c>fa-IR</c>; also the folder's name.</summary>
    public string Language { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Theory { get; set; } = "";
    public string Mechanism { get; set; } = "";
    /// <summary>The facilitator's requirements in this language (required when the program needs a facilitator).</summary>
    public string FacilitatorRequirements { get; set; } = "";
    /// <summary>The reasons of <see cref="ProgramDefinition.RecommendWhen"/>, in the same order.</summary>
    public List<string> RecommendReasons { get; set; } = [];

    /// <summary>Loaded from the translation's session files, in the original's order.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public List<SessionDefinition> Sessions { get; set; } = [];
}
