using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Hearth.Web.Tests;

/// <summary>
/// The real app as its own process, killed with SIGKILL while check-ins pour in from many connections,
/// then started again on the same data: every check-in that was answered 201 is there, and nothing is
/// half-written (each stored check-in has all its scores). On CI this runs on PostgreSQL as well as SQLite.
/// </summary>
public class CrashSafetyTests
{
    public static TheoryData<string> Providers() => ReminderInstancesTests.Providers();

    private static Session Browser(Uri address) =>
        new(new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) });

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task No_acknowledged_check_in_is_lost_when_the_process_is_killed_mid_load(string provider)
    {
        var data = Directory.CreateTempSubdirectory("hearth-crash-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Hearth__DataDirectory"] = data,
            ["Hearth__RateLimits__WritesPerMinute"] = "0", // one address sends everything here
            ["Logging__LogLevel__Default"] = "Warning",
        };
        string? database = null;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")
                ?? throw new InvalidOperationException("HEARTH_TEST_POSTGRES is not set: PostgreSQL tests need a server (.ci/run starts one)");
            database = $"hearth_crash_{Guid.NewGuid():N}";
            environment["ConnectionStrings__Hearth"] = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        }
        var port = WebProcess.FreePort();
        var acknowledged = new ConcurrentBag<long>();
        try
        {
            using (var app = await WebProcess.StartAsync(data, environment, "--urls", $"http://127.0.0.1:{port}"))
            {
                using var admin = Browser(app.Address);
                var setUp = await admin.SubmitAsync("/setup", new()
                {
                    ["Input.Organisation"] = "Crash test", ["Input.Name"] = "Ada", ["Input.Email"] = "ada@crash.example",
                    ["Input.Password"] = HearthApp.Password, ["Input.Acknowledge"] = "true",
                });
                Assert.Equal(HttpStatusCode.Redirect, setUp.StatusCode);

                using var stop = new CancellationTokenSource();
                var senders = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        try
                        {
                            var response = await admin.Client.PostAsync("/api/v1/me/checkins",
                                new StringContent("""{"answers":{"1":3,"2":4,"3":2,"4":5,"5":1}}""", Encoding.UTF8, "application/json"));
                            if (response.StatusCode == HttpStatusCode.Created)
                            {
                                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                                acknowledged.Add(body.RootElement.GetProperty("measurement").GetProperty("id").GetInt64());
                            }
                        }
                        catch (HttpRequestException)
                        {
                            return; // the process is gone
                        }
                        catch (TaskCanceledException)
                        {
                            return;
                        }
                    }
                })).ToList();
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (acknowledged.Count < 300 && waited.Elapsed < TimeSpan.FromSeconds(60))
                {
                    await Task.Delay(20);
                }
                app.Kill(); // SIGKILL while the senders are still posting
                await stop.CancelAsync();
                await Task.WhenAll(senders);
            }
            Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} check-ins were acknowledged before the kill");

            using var restarted = await WebProcess.StartAsync(data, environment, "--urls", $"http://127.0.0.1:{port}");
            using var again = Browser(restarted.Address);
            Assert.Equal(HttpStatusCode.Redirect, (await again.SubmitAsync("/account/login", new() { ["Input.Email"] = "ada@crash.example", ["Input.Password"] = HearthApp.Password })).StatusCode);
            using var results = JsonDocument.Parse(await again.Client.GetStringAsync("/api/v1/me/results"));
            var stored = results.RootElement.EnumerateArray().ToList();
            var storedIds = stored.Select(m => m.GetProperty("id").GetInt64()).ToHashSet();
            Assert.All(acknowledged, id => Assert.Contains(id, storedIds));
            // Nothing half-written: every stored check-in has both WHO-5 scores, with values.
            Assert.All(stored, m => Assert.Equal(2, m.GetProperty("scores").EnumerateArray().Count(s => s.GetProperty("value").ValueKind == JsonValueKind.Number)));
        }
        finally
        {
            if (database is not null)
            {
                var server = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("HEARTH_TEST_POSTGRES")) { Database = "postgres" };
                await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString);
                await connection.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
            Directory.Delete(data, recursive: true);
        }
    }
}
