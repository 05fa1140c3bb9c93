using System.Net;
using Hearth.Web.Hosting;

namespace Hearth.Web.Tests;

/// <summary>What an operator expects of a .NET web app: standard arguments in any order, any working directory, a quiet console, HTML errors for browsers.</summary>
public class HostConventionsTests
{
    [Theory]
    [InlineData("--demo", "--urls", "http://127.0.0.1:5199")]
    [InlineData("--urls", "http://127.0.0.1:5199", "--demo")]
    [InlineData("--urls=http://127.0.0.1:5199", "--DEMO")]
    public void Hearth_switches_never_swallow_a_host_argument(params string[] args)
    {
        var (hostArgs, settings) = HostStart.Split(args);
        Assert.Equal("true", settings["Hearth:Demo"]);
        Assert.DoesNotContain(hostArgs, a => a.Contains("demo", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hostArgs, a => a.Contains("http://127.0.0.1:5199", StringComparison.Ordinal));
    }

    [Fact]
    public void The_content_root_is_the_apps_folder_when_the_working_directory_has_no_settings()
    {
        var elsewhere = Directory.CreateTempSubdirectory("hearth-cwd-").FullName;
        Assert.Equal(AppContext.BaseDirectory, HostStart.ContentRoot(elsewhere, AppContext.BaseDirectory));
        File.WriteAllText(Path.Combine(elsewhere, "appsettings.json"), "{}");
        Assert.Null(HostStart.ContentRoot(elsewhere, AppContext.BaseDirectory)); // the project folder during development
        Directory.Delete(elsewhere, recursive: true);
    }

    [Fact]
    public async Task Started_from_another_folder_with_demo_before_urls_it_listens_where_asked_with_its_stylesheet_and_a_quiet_console()
    {
        var elsewhere = Directory.CreateTempSubdirectory("hearth-cwd-").FullName;
        try
        {
            var port = WebProcess.FreePort();
            using var app = await WebProcess.StartAsync(elsewhere, new Dictionary<string, string> { ["Hearth__DataDirectory"] = Path.Combine(elsewhere, "data") },
                "--demo", "--urls", $"http://127.0.0.1:{port}");
            using var client = new HttpClient { BaseAddress = app.Address };
            Assert.Equal(port, app.Address.Port);
            var css = await client.GetAsync("/app.css");
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.Contains("demo login: sam@demo.hearth", app.Output, StringComparison.Ordinal);
            // appsettings.json was found: EF Core's SQL commands stay out of the console.
            Assert.DoesNotContain("Executed DbCommand", app.Output, StringComparison.Ordinal);
            Assert.True(app.Output.Split('\n').Length < 80, app.Output);
        }
        finally
        {
            Directory.Delete(elsewhere, recursive: true);
        }
    }
}

public class NotFoundPagesTests(HearthApp app) : SetUpAppTests(app)
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_browser_asking_for_an_unknown_page_gets_an_html_404_in_the_sites_layout(string method)
    {
        using var browser = App.NewSession();
        var response = await browser.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/no-such-page"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Skip to content", html, StringComparison.Ordinal); // the layout
    }

    [Fact]
    public async Task The_api_keeps_problem_details_for_unknown_addresses()
    {
        using var client = App.NewSession();
        var response = await client.Client.GetAsync("/api/v1/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
