using System.Globalization;
using Hearth.Core.Organisations;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Primitives;

namespace Hearth.Web.Localization;

/// <summary>
/// Which language a request is shown in, first match wins: the person's own choice (a cookie written when
/// they sign in or choose on /account), then their browser's Accept-Language (any Spanish is Mexico's, any
/// Persian Iran's), then the organisation's default, then English. Only the UI culture changes: the
/// formatting culture stays invariant (see <see cref="Text"/>).
/// </summary>
public static class HearthLocalization
{
    public const string CookieName = ".Hearth.Language";

    public static IServiceCollection AddHearthLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        // Spanish accents, Cyrillic and Persian written as themselves, not as &#x…; entities (which screen
        // readers and search handle, but which triple a Persian page's size). Markup characters are still encoded.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddSingleton<OrganisationLanguage>();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo(Languages.English));
            options.SupportedCultures = [CultureInfo.InvariantCulture];
            options.SupportedUICultures = [.. Languages.All.Select(CultureInfo.GetCultureInfo)];
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider { CookieName = CookieName },
                new CustomRequestCultureProvider(context => Task.FromResult(Result(FromBrowser(context.Request.Headers.AcceptLanguage)))),
                new CustomRequestCultureProvider(async context => Result(await context.RequestServices.GetRequiredService<OrganisationLanguage>()
                    .GetAsync(context.RequestServices.GetRequiredService<LanguageChoices>(), context.RequestAborted))),
            ];
        });
        return services;
    }

    /// <summary>Remembers a person's choice in the browser (null: forget it, so the browser's language decides).</summary>
    public static void Remember(HttpContext context, string? language)
    {
        if (Languages.Find(language) is { } chosen)
        {
            context.Response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { HttpOnly = true, Secure = context.Request.IsHttps, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        }
        else
        {
            context.Response.Cookies.Delete(CookieName);
        }
    }

    /// <summary>The first language of an Accept-Language header that Hearth has, by its primary subtag, in the order of the header's weights.</summary>
    public static string? FromBrowser(StringValues header)
    {
        var asked = Microsoft.Net.Http.Headers.StringWithQualityHeaderValue.TryParseList(header, out var values) ? values : [];
        foreach (var value in asked.Where(v => (v.Quality ?? 1) > 0).OrderByDescending(v => v.Quality ?? 1))
        {
            var primary = value.Value.ToString().Split('-')[0];
            if (Languages.All.FirstOrDefault(l => l.Split('-')[0].Equals(primary, StringComparison.OrdinalIgnoreCase)) is { } language)
            {
                return language;
            }
        }
        return null;
    }

    private static ProviderCultureResult? Result(string? language) => language is null ? null : new ProviderCultureResult(language);
}

/// <summary>The organisation's default language, read at most once a minute (every page asks when the browser names no language Hearth has).</summary>
public sealed class OrganisationLanguage(TimeProvider clock)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromMinutes(1);
    private (string? Language, DateTimeOffset ReadAt)? _cached;

    public async Task<string?> GetAsync(LanguageChoices choices, CancellationToken cancellationToken)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.ReadAt < Fresh)
        {
            return cached.Language;
        }
        var language = Languages.Find(await choices.OrganisationDefaultAsync(cancellationToken));
        _cached = (language, clock.GetUtcNow());
        return language;
    }

    /// <summary>Forgets the cached value, so this instance shows a new default at once.</summary>
    public void Forget() => _cached = null;
}
