using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hearth.Web.Tests;

public class AccountTests(HearthApp app) : SetUpAppTests(app)
{

    private static Dictionary<string, string> Who5(int value) => Enumerable.Range(1, 5).ToDictionary(i => $"item-{i}", _ => $"{value}");

    [Fact]
    public async Task A_person_can_export_their_own_data_as_csv_and_fhir()
    {
        using var dana = await App.SignedInAsync("dana@test.example", "clinician");
        await dana.SubmitAsync("/checkin", Who5(4));

        var csv = await dana.Client.GetStringAsync("/me/export.csv");
        Assert.StartsWith("measurement,instrument,version,kind,submitted_at,field,value,band", csv);
        Assert.Contains(",item:3,4,", csv);
        Assert.Contains(",score:total,80,", csv);

        using var bundle = JsonDocument.Parse(await dana.Client.GetStringAsync("/me/export.fhir.json"));
        Assert.Equal("Bundle", bundle.RootElement.GetProperty("resourceType").GetString());
        Assert.Equal("QuestionnaireResponse", bundle.RootElement.GetProperty("entry")[0].GetProperty("resource").GetProperty("resourceType").GetString());
    }

    [Fact]
    public async Task Deleting_the_account_removes_it_and_its_data()
    {
        using var erin = await App.SignedInAsync("erin@test.example", "clinician");
        await erin.SubmitAsync("/checkin", Who5(2));

        var refused = await erin.SubmitAsync("/account", new() { ["Confirm"] = "delete" }, formName: "delete");
        Assert.Contains("Type DELETE", await refused.Content.ReadAsStringAsync());

        var deleted = await erin.SubmitAsync("/account", new() { ["Confirm"] = "DELETE" }, formName: "delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        using var again = App.NewSession();
        var login = await again.SubmitAsync("/account/login", new() { ["Input.Email"] = "erin@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.NotEqual(HttpStatusCode.Redirect, login.StatusCode);
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_the_authenticator_code()
    {
        using var fay = await App.SignedInAsync("fay@test.example", "clinician");
        var page = await fay.GetPageAsync("/account");
        var key = Regex.Match(page, "Enter this key in the app: <code>([A-Z2-7]+)</code>").Groups[1].Value;
        Assert.NotEmpty(key);
        var enabled = await fay.SubmitAsync("/account", new() { ["Code"] = Totp(key, DateTimeOffset.UtcNow) }, formName: "totp");
        Assert.Contains("Two-factor sign-in is on", await enabled.Content.ReadAsStringAsync());

        using var next = App.NewSession();
        var first = await next.SubmitAsync("/account/login", new() { ["Input.Email"] = "fay@test.example", ["Input.Password"] = HearthApp.Password });
        Assert.Contains("Enter the code from your authenticator app", await first.Content.ReadAsStringAsync());
        var second = await next.SubmitAsync("/account/login", new()
        {
            ["Input.Email"] = "fay@test.example",
            ["Input.Password"] = HearthApp.Password,
            ["Input.Code"] = Totp(key, DateTimeOffset.UtcNow),
        });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
    }

    [Fact]
    public async Task The_administrator_chooses_the_check_in()
    {
        using var admin = await App.SignedInAsync("admin@test.example", "administrator");
        await admin.SubmitAsync("/admin", [], formName: "checkin-ucla-3");
        using var gus = await App.SignedInAsync("gus@test.example", "clinician");
        Assert.Contains("Three-Item Loneliness Scale", await gus.GetPageAsync("/checkin"));
        await admin.SubmitAsync("/admin", [], formName: "checkin-who-5");
        Assert.Contains("WHO-5", await gus.GetPageAsync("/checkin"));
    }

    /// <summary>RFC 6238 with the defaults authenticator apps use: HMAC-SHA1, 30-second steps, 6 digits.</summary>
    private static string Totp(string base32Key, DateTimeOffset at)
    {
        var key = Base32(base32Key);
        var counter = BitConverter.GetBytes(at.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
#pragma warning disable CA5350 // RFC 6238 authenticator codes are defined over HMAC-SHA1
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
