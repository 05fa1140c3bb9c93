using Microsoft.Data.Sqlite;

namespace Hearth.Web.Tests;

public class JournalTests(HearthApp app) : SetUpAppTests(app)
{

    [Fact]
    public async Task A_reflection_is_readable_by_its_author_only_and_stored_encrypted()
    {
        const string secret = "Today the session with the family left me shaking afterwards";
        using var author = await App.SignedInAsync("writer@test.example", "clinician");
        var saved = await (await author.SubmitAsync("/journal", new() { ["Text"] = secret }, formName: "reflect")).Content.ReadAsStringAsync();
        Assert.Contains(secret, saved);
        Assert.Contains(secret, await author.GetPageAsync("/journal"));

        using var colleague = await App.SignedInAsync("reader@test.example", "facilitator");
        Assert.DoesNotContain(secret, await colleague.GetPageAsync("/journal"));
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        Assert.DoesNotContain(secret, await admin.GetPageAsync("/admin"));

        // At rest: the database file (and its write-ahead log) never holds the words.
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(App.DataDirectory, "hearth.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(bytes));
            Assert.DoesNotContain(secret, System.Text.Encoding.Unicode.GetString(bytes));
        }
    }
}
