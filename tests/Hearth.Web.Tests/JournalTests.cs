using Microsoft.Data.Sqlite;

namespace Hearth.Web.Tests;

public class JournalTests : IClassFixture<HearthApp>, IAsyncLifetime
{
    private readonly HearthApp _app;

    public JournalTests(HearthApp app) => _app = app;

    public Task InitializeAsync() => _app.EnsureSetUpAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_reflection_is_readable_by_its_author_only_and_stored_encrypted()
    {
        const string secret = "Today the session with the family left me shaking afterwards";
        using var author = await _app.SignedInAsync("writer@test.example", "clinician");
        var saved = await (await author.SubmitAsync("/journal", new() { ["Text"] = secret }, formName: "reflect")).Content.ReadAsStringAsync();
        Assert.Contains(secret, saved);
        Assert.Contains(secret, await author.GetPageAsync("/journal"));

        using var colleague = await _app.SignedInAsync("reader@test.example", "facilitator");
        Assert.DoesNotContain(secret, await colleague.GetPageAsync("/journal"));
        using var admin = await _app.SignedInAsync("admin@test.example", "administrator");
        Assert.DoesNotContain(secret, await admin.GetPageAsync("/admin"));

        // At rest: the database file (and its write-ahead log) never holds the words.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_app.DataDirectory, "hearth.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(bytes));
            Assert.DoesNotContain(secret, System.Text.Encoding.Unicode.GetString(bytes));
        }
    }
}
