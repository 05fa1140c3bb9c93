using Hearth.Core.Insights;

namespace Hearth.Web.Insights;

/// <summary>
/// Reads the dashboard's default score into the <see cref="InsightAnswerStore"/> when the app starts, in
/// the background, so the first wellbeing lead of the day does not wait for millions of answers to load
/// (about half a minute at 100,000 clinicians × 3 years). Other scores load when first asked for.
/// </summary>
public sealed class InsightWarmUp(IServiceScopeFactory scopes, ILogger<InsightWarmUp> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Yield(); // let start-up finish first
            var (instrument, score) = InsightQueryText.Measure(null);
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<OrganisationInsights>().WarmAsync(instrument, score, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not fatal: the first question reads the answers itself.
            logger.LogWarning(ex, "Reading the dashboard's answers ahead failed; the first question will read them");
        }
    }
}
