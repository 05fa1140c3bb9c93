using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Hearth.Web.Security;

/// <summary>
/// Requests per client address and minute, in two buckets: attempts to get into an account (sign-in,
/// accepting an invitation, password reset) and every other write (form posts, API writes). Reading is
/// never limited. A refused request gets 429 with Retry-After; the API says so as ProblemDetails, a browser
/// gets the status page, which tells when to try again.
/// </summary>
public static class RateLimits
{
    private static readonly string[] SignInPaths = ["/account/login", "/account/invite", "/account/forgot", "/account/reset"];

    public static IServiceCollection AddHearthRateLimits(this IServiceCollection services, RateLimitOptions options) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (bucket, perMinute) = BucketOf(context.Request, options);
                if (bucket is null || perMinute <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }
                return RateLimitPartition.GetFixedWindowLimiter($"{bucket}|{Hearth.Core.Security.ClientAddress.KeyOf(context.Connection.RemoteIpAddress)}", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 60;
                var response = rejected.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (rejected.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = $"Try again in {seconds} seconds.",
                    }, options: null, contentType: "application/problem+json", cancellationToken);
                }
            };
        });

    private static (string? Bucket, int PerMinute) BucketOf(HttpRequest request, RateLimitOptions options)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return (null, 0);
        }
        return SignInPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase))
            ? ("sign-in", options.SignInPerMinute)
            : ("write", options.WritesPerMinute);
    }
}
