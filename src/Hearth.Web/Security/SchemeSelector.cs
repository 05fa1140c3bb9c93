using Microsoft.AspNetCore.Identity;

namespace Hearth.Web.Security;

/// <summary>Requests with a bearer token use personal access tokens; everything else uses the sign-in cookie.</summary>
public static class SchemeSelector
{
    public const string Name = "cookie-or-token";

    /// <summary>Tokens open the API only: a leaked token must not reach the account page (new tokens, 2FA, deletion).</summary>
    public static string Select(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? PersonalAccessTokenHandler.SchemeName
            : IdentityConstants.ApplicationScheme;
}

/// <summary>The API answers 401/403 with ProblemDetails; pages redirect to sign-in.</summary>
public static class ApiAware
{
    public static Task Unauthorized(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context) =>
        Respond(context, StatusCodes.Status401Unauthorized);

    public static Task Forbidden(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context) =>
        Respond(context, StatusCodes.Status403Forbidden);

    private static Task Respond(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
