using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hearth.Core.Persistence;

/// <summary>/health is healthy only when the database answers.</summary>
public sealed class DatabaseHealthCheck(HearthDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the database does not answer");
}
