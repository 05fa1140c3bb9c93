using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Text.RegularExpressions;
using Hearth.Core.Organisations;
using Hearth.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Hearth.Web.Tests;

/// <summary>
/// The test server has no network peer; a test names the client's address with the X-Test-Client header
/// (read before any of the app's middleware), so per-address rules can be tested.
/// </summary>
internal sealed class ClientAddressFilter : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Client";

    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate following) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(value.ToString());
            }
            return following(context);
        });
        next(app);
    };
}

internal static class ClockServices
{
    /// <summary>Replaces the app's TimeProvider with the test's clock.</summary>
    public static IServiceCollection UseClock(this IServiceCollection services, TimeProvider clock)
    {
        services.RemoveAll<TimeProvider>();
        return services.AddSingleton(clock);
    }
}

/// <summary>The real app on a fresh SQLite file (or PostgreSQL when HEARTH_TEST_POSTGRES names one).</summary>
public class HearthApp : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;

    public HearthApp() => _dataDirectory = Directory.CreateTempSubdirectory("hearth-web-").FullName;

    /// <summary>An app on the given data directory (a copy of another's, say).</summary>
    public static HearthApp On(string dataDirectory) => new(dataDirectory);

    private HearthApp(string dataDirectory) => _dataDirectory = dataDirectory;

    public string DataDirectory => _dataDirectory;

    /// <summary>The app's clock: it stands still at <see cref="TestClock.Start"/> until a test advances it.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    /// <summary>The app's "now", for tests that derive dates from it.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Hearth:DataDirectory", _dataDirectory);
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.ConfigureTestServices(services =>
        {
            services.UseClock(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFilter>();
        });
    }

    public const string Password = "a long enough password";

    private static int _addresses;

    private static string NextAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}";
    }

    /// <summary>The address the test browsers use (the app's public address when a test gives it one).</summary>
    protected virtual Uri BaseAddress => new("https://localhost");

    /// <summary>A browser-like client: cookies kept, redirects not followed, HTTPS so Secure cookies travel.</summary>
    public Session NewSession(string? clientAddress = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            BaseAddress = BaseAddress,
            HandleCookies = true,
        });
        // Each browser its own address (like separate people), unless the test names one.
        client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, clientAddress ?? NextAddress());
        return new(client);
    }

    /// <summary>Sets Hearth up once (organisation + administrator) and returns the administrator's session.</summary>
    public async Task<Session> SetUpAsync()
    {
        var session = NewSession();
        var response = await session.SubmitAsync("/setup", new()
        {
            ["Input.Organisation"] = "Test Service",
            ["Input.Name"] = "Ada Admin",
            ["Input.Email"] = "admin@test.example",
            ["Input.Password"] = Password,
            ["Input.Acknowledge"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    private readonly SemaphoreSlim _setupLock = new(1, 1);

    /// <summary>Sets Hearth up unless it already is (tests in one class share the app).</summary>
    public async Task EnsureSetUpAsync()
    {
        await _setupLock.WaitAsync();
        try
        {
            using var probe = NewSession();
            if ((await probe.GetPageAsync("/setup")).Contains("Create organisation", StringComparison.Ordinal))
            {
                (await SetUpAsync()).Dispose();
            }
        }
        finally
        {
            _setupLock.Release();
        }
    }

    /// <summary>Creates an account with the given roles directly and signs it in through the login form.</summary>
    public async Task<Session> SignedInAsync(string email, params string[] roles) => await SignedInFromAsync(null, email, roles);

    /// <summary>As <see cref="SignedInAsync"/>, from a given client address.</summary>
    public async Task<Session> SignedInFromAsync(string? address, string email, params string[] roles)
    {
        using (var scope = Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<HearthUser>>();
            if (await users.FindByEmailAsync(email) is null)
            {
                var user = new HearthUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
                var created = await users.CreateAsync(user, Password);
                Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
                await users.AddToRolesAsync(user, roles);
            }
        }
        var session = NewSession(address);
        var response = await session.SubmitAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return session;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the temp folder is cleaned by the system.
        }
    }
}

/// <summary>One user's browser: GETs pages, fills in their forms (with the hidden antiforgery and handler fields) and posts them.</summary>
public sealed partial class Session(HttpClient client) : IDisposable
{
    public HttpClient Client { get; } = client;

    public async Task<string> GetPageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Posts the form named <paramref name="formName"/> (or the page's first form) with its hidden fields plus <paramref name="fields"/>.</summary>
    public Task<HttpResponseMessage> SubmitAsync(string path, Dictionary<string, string> fields, string? formName = null) =>
        SubmitAsync(path, (IEnumerable<KeyValuePair<string, string>>)fields, formName);

    /// <summary>As above, with fields that may repeat a name (a form's rows).</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formName = null) =>
        await SubmitFromAsync(await GetPageAsync(path), path, fields, formName);

    /// <summary>Posts a form found in a page already fetched (a form that only a previous post shows, such as a confirmation).</summary>
    public async Task<HttpResponseMessage> SubmitFromAsync(string html, string path, IEnumerable<KeyValuePair<string, string>> fields, string? formName = null)
    {
        var forms = FormPattern().Matches(html).Select(m => m.Value).ToList();
        // Without a name: the page's first form that Blazor handles (the layout's sign-out form has no handler).
        var form = formName is null ? forms.First(f => f.Contains("name=\"_handler\"", StringComparison.Ordinal))
            : forms.First(f => f.Contains($"value=\"{formName}\"", StringComparison.Ordinal));
        var values = new List<KeyValuePair<string, string>>();
        foreach (Match hidden in HiddenPattern().Matches(form))
        {
            values.Add(new(WebUtility.HtmlDecode(hidden.Groups["name"].Value), WebUtility.HtmlDecode(hidden.Groups["value"].Value)));
        }
        values.AddRange(fields);
        return await Client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    /// <summary>Signs out through the layout's sign-out form, as the button does.</summary>
    public async Task<HttpResponseMessage> SignOutAsync()
    {
        var html = await GetPageAsync("/results");
        var form = FormPattern().Matches(html).Select(m => m.Value).First(f => f.Contains("action=\"/account/logout\"", StringComparison.Ordinal));
        var values = HiddenPattern().Matches(form).Select(h => new KeyValuePair<string, string>(WebUtility.HtmlDecode(h.Groups["name"].Value), WebUtility.HtmlDecode(h.Groups["value"].Value)));
        return await Client.PostAsync("/account/logout", new FormUrlEncodedContent(values));
    }

    /// <summary>As <see cref="SubmitAsync"/>, as multipart/form-data with one file.</summary>
    public Task<HttpResponseMessage> UploadAsync(string path, string formName, string fileField, string fileName, string content) =>
        UploadAsync(path, formName, fileField, fileName, System.Text.Encoding.UTF8.GetBytes(content));

    public async Task<HttpResponseMessage> UploadAsync(string path, string formName, string fileField, string fileName, byte[] content)
    {
        var html = await GetPageAsync(path);
        var form = FormPattern().Matches(html).Select(m => m.Value).First(f => f.Contains($"value=\"{formName}\"", StringComparison.Ordinal));
        using var body = new MultipartFormDataContent();
        foreach (Match hidden in HiddenPattern().Matches(form))
        {
            body.Add(new StringContent(WebUtility.HtmlDecode(hidden.Groups["value"].Value)), WebUtility.HtmlDecode(hidden.Groups["name"].Value));
        }
        body.Add(new ByteArrayContent(content), fileField, fileName);
        return await Client.PostAsync(path, body);
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("<form[^>]*method=\"post\"[\\s\\S]*?</form>")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenPattern();
}
