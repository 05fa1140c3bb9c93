namespace Hearth.Content.Instruments;

/// <summary>
/// The constructs an instrument may say it measures: the empathy-based stress family and its neighbours,
/// and the working conditions behind them (job demands and job resources).
/// </summary>
public static class Constructs
{
    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "burnout", "secondary-traumatic-stress", "compassion-satisfaction", "stress", "resilience",
        "self-compassion", "empathy", "social-support", "loneliness", "wellbeing", "depression",
        "anxiety", "engagement", "mindfulness", "job-demands", "job-resources",
    };
}
