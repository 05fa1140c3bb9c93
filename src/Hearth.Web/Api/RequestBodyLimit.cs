using Microsoft.AspNetCore.Http.Features;

namespace Hearth.Web.Api;

/// <summary>
/// The largest body the JSON API reads. A check-in is a few hundred bytes; a limit far above that still
/// stops a hostile megabyte before it is parsed into a dictionary of a hundred thousand keys.
/// </summary>
public static class RequestBodyLimit
{
    public const long MaxBytes = 64 * 1024;

    /// <summary>Caps the body of every /api request (before model binding reads it) and refuses a declared larger one at once.</summary>
    public static IApplicationBuilder UseApiBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            if (context.Request.ContentLength > MaxBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = $"The API reads at most {MaxBytes / 1024} KB.",
                }, options: null, contentType: "application/problem+json");
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBytes; // a chunked body without a length stops at the limit too
            }
        }
        await next(context);
    });
}
