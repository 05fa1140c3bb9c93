using System.Net;
using Hearth.Core.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hearth.Web.Tests;

/// <summary>What a copy of the database (or a backup) alone gives away: nothing that was encrypted, and no way in.</summary>
public class SecretsAtRestTests
{
    private const string Secret = "I keep replaying the session with the boy from Tuesday";

    [Fact]
    public async Task A_copied_database_without_its_key_file_opens_neither_the_journal_nor_a_cookie()
    {
        string cookie;
        string copy = Directory.CreateTempSubdirectory("hearth-copy-").FullName;
        using (var original = new HearthApp())
        {
            await original.EnsureSetUpAsync();
            await original.SignedInAsync("copied@secrets.example", "clinician");
            using var person = original.NewSession();
            var login = await person.SubmitAsync("/account/login", new() { ["Input.Email"] = "copied@secrets.example", ["Input.Password"] = HearthApp.Password });
            cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hearth=", StringComparison.Ordinal)).Split(';')[0];
            await person.SubmitAsync("/journal", new() { ["Text"] = Secret }, formName: "reflect");
            Assert.Contains(Secret, await person.GetPageAsync("/journal"), StringComparison.Ordinal);
            using var scope = original.Services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<HearthDbContext>().Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            File.Copy(Path.Combine(original.DataDirectory, "hearth.db"), Path.Combine(copy, "hearth.db")); // the database alone, not its key file
        }

        using var stranger = HearthApp.On(copy);
        using var thief = stranger.NewSession();
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/journal");
        withCookie.Headers.Add("Cookie", cookie);
        var response = await thief.Client.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // the cookie is not accepted
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);

        // Even signing in with the password (its hash is in the copy) shows no journal text.
        using var signedIn = await stranger.SignedInAsync("copied@secrets.example", "clinician");
        var journal = await signedIn.Client.GetAsync("/journal");
        Assert.Equal(HttpStatusCode.OK, journal.StatusCode);
        var page = await journal.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, page, StringComparison.Ordinal);
        Assert.Contains("cannot be read", page, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_data_directory_key_file_and_database_files_are_private_and_deleted_rows_are_zeroed()
    {
        using var app = new HearthApp();
        await app.EnsureSetUpAsync();
        using (var person = await app.SignedInAsync("files@secrets.example", "clinician"))
        {
            await person.SubmitAsync("/journal", new() { ["Text"] = "a note to make the database write" }, formName: "reflect");
        }
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(Private | UnixFileMode.UserExecute, File.GetUnixFileMode(app.DataDirectory));
        Assert.Equal(Private, File.GetUnixFileMode(Path.Combine(app.DataDirectory, "hearth-keys.pfx")));
        foreach (var file in new[] { "hearth.db", "hearth.db-wal", "hearth.db-shm" })
        {
            var path = Path.Combine(app.DataDirectory, file);
            Assert.True(File.Exists(path), file);
            Assert.Equal(Private, File.GetUnixFileMode(path));
        }
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HearthDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA secure_delete;";
        Assert.Equal(1L, Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
