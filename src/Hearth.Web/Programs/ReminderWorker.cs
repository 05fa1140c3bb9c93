using Hearth.Core.Cohorts;
using Hearth.Core.Persistence;
using Hearth.Content.Programs;
using Hearth.Web.Setup;

namespace Hearth.Web.Programs;

/// <summary>Reminders by e-mail through the organisation's mail server.</summary>
public sealed class EmailReminderSender(Mailer mailer) : IReminderSender
{
    public bool IsAvailable => mailer.IsConfigured;

    public Task SendAsync(ReminderMessage message, CancellationToken cancellationToken) =>
        mailer.SendAsync(message.Email, message.Subject, message.Body, cancellationToken);
}

/// <summary>
/// Runs the reminder dispatcher every minute in each app instance. The dispatcher keeps its state in
/// the database, so a restart resumes where it stopped and several instances never send twice. Without
/// a mail server nothing is claimed, so reminders go out once one is configured.
/// </summary>
public sealed class ReminderWorker(IServiceProvider services, IReminderSender sender, ProgramLibrary library, TimeProvider clock, HearthOptions options, ILogger<ReminderWorker> logger) : BackgroundService
{
    // Recorded with each claim, so an operator can see which instance sent what.
    private readonly string _instance = $"{Environment.ProcessId}/{Guid.NewGuid():N}/{Environment.MachineName}" is var id && id.Length > 100 ? id[..100] : id;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sender.IsAvailable)
        {
            logger.LogInformation("No mail server configured (Hearth:Smtp): session and homework reminders are not sent");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.ReminderIntervalSeconds)), clock);
        do
        {
            try
            {
                var contexts = services.GetRequiredService<Func<HearthDbContext>>();
                // Study waves' invitations and reminders go through the same exactly-once dispatcher.
                IReminderSource[] sources = [services.GetRequiredService<Hearth.Core.Studies.WaveInvitations>()];
                var dispatcher = new ReminderDispatcher(contexts, library.Current,
                    sender, clock, new ReminderOptions { SessionLead = TimeSpan.FromHours(options.ReminderLeadHours) }, _instance, sources);
                var sent = await dispatcher.RunOnceAsync(stoppingToken);
                if (sent > 0)
                {
                    logger.LogInformation("Sent {Count} reminders", sent);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Reminder pass failed; the next pass retries");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
