using Hearth.Core.Studies;

namespace Hearth.Web.Studies;

/// <summary>
/// Places waitlisted study participants in their arm's cohort once their waves are over, on the reminder
/// interval, in each app instance. Unlike reminders it needs no mail server: joining a cohort is all it does.
/// </summary>
public sealed class WaitlistWorker(WaitlistRelease release, TimeProvider clock, HearthOptions options, ILogger<WaitlistWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.ReminderIntervalSeconds)), clock);
        do
        {
            try
            {
                if (await release.RunOnceAsync(stoppingToken) is var placed and > 0)
                {
                    logger.LogInformation("Placed {Count} waitlisted study participants in their cohort", placed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Waitlist pass failed; the next pass retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
