using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Hearth.EndToEnd;

/// <summary>
/// The real app on a real loopback port, driven by Debian's headless Chromium through Playwright.
/// Screenshots of every page visited go to the test output folder (screenshots/).
/// </summary>
public class BrowserApp : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hearth-e2e-").FullName;
    private Factory? _factory;
    private IPlaywright? _playwright;

    /// <summary>The app's clock: it stands still at <see cref="Hearth.Tests.TestClock.Start"/>.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = Hearth.Tests.TestClock.Create();

    /// <summary>What the app logged at warning level and above, to explain a page that never came.</summary>
    public ServerLog ServerLog { get; } = new();

    public IBrowser Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");
    public string AxeScript { get; } = File.ReadAllText(FindAxe());

    /// <summary>App settings for this fixture beyond the data directory (a journey of many people lifts the per-address limits).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        _factory = new Factory(_dataDirectory, Clock, Settings, ServerLog);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("HEARTH_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    private static string FindAxe()
    {
        var axe = Hearth.Tests.RepoRoot.Combine("tests", "Hearth.EndToEnd", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(axe) ? axe : throw new FileNotFoundException("axe-core is not installed: run `npm ci` in tests/Hearth.EndToEnd (building the project does)");
    }

    private sealed class Factory(string dataDirectory, TimeProvider clock, IReadOnlyDictionary<string, string> settings, ServerLog serverLog) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Hearth:DataDirectory", dataDirectory);
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.AddProvider(serverLog));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }
}
