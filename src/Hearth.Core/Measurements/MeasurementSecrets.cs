using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Hearth.Core.Measurements;

/// <summary>
/// A measurement's answers and its safety flags are encrypted per person (Data Protection, under a purpose
/// that names the person), like the journal: a copy of the database does not show who answered what, or
/// whose answers signalled risk. Scores and bands stay readable, because organisation figures are computed
/// from them in the database (and only ever shown in groups above the anonymity threshold).
/// Rows written before encryption (plain JSON, plain rule ids) are still read, and <see cref="SealLegacy"/>
/// encrypts them.
/// </summary>
public sealed class MeasurementSecrets(IDataProtectionProvider protection)
{
    private IDataProtector For(string userId) => protection.CreateProtector("Hearth.Answers.v1", userId);

    /// <summary>Fills the encrypted fields of a new measurement.</summary>
    public void Seal(Measurement measurement, IReadOnlyDictionary<string, double> answers, IEnumerable<string> safetyRuleIds)
    {
        var protector = For(measurement.UserId);
        measurement.AnswersJson = protector.Protect(JsonSerializer.Serialize(answers));
        // Always a ciphertext, with or without flags: an empty column would itself say "no risk".
        measurement.SafetyRules = protector.Protect(string.Join(",", safetyRuleIds));
    }

    /// <summary>linkId → published value. Empty when the answers cannot be decrypted (the key is gone).</summary>
    public IReadOnlyDictionary<string, double> Answers(Measurement measurement)
    {
        if (IsPlainJson(measurement.AnswersJson))
        {
            return JsonSerializer.Deserialize<Dictionary<string, double>>(measurement.AnswersJson) ?? [];
        }
        return TryUnprotect(measurement, measurement.AnswersJson) is { } json ? JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? [] : new Dictionary<string, double>();
    }

    /// <summary>Ids of the safety rules that fired.</summary>
    public IReadOnlyList<string> SafetyRules(Measurement measurement)
    {
        var stored = measurement.SafetyRules;
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }
        var plain = IsPlainRuleList(stored) ? stored : TryUnprotect(measurement, stored) ?? "";
        return plain.Split(',', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Encrypts a row written before answers were encrypted; false when it already was.</summary>
    public bool SealLegacy(Measurement measurement)
    {
        if (!IsPlainJson(measurement.AnswersJson) && measurement.SafetyRules is { } stored && !IsPlainRuleList(stored))
        {
            return false;
        }
        var answers = Answers(measurement);
        var rules = SafetyRules(measurement);
        Seal(measurement, answers, rules);
        return true;
    }

    private string? TryUnprotect(Measurement measurement, string ciphertext)
    {
        try
        {
            return For(measurement.UserId).Unprotect(ciphertext);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // Data Protection output is base64url: it never starts with '{'.
    private static bool IsPlainJson(string stored) => stored.StartsWith('{');

    // Rule ids are short slugs with dashes; a ciphertext is a long base64url string that starts "CfDJ8".
    private static bool IsPlainRuleList(string stored) => !stored.StartsWith("CfDJ8", StringComparison.Ordinal);
}

/// <summary>Encrypts, at start-up, measurements stored before answers were encrypted (in batches, each its own transaction).</summary>
public static class LegacyAnswerSealing
{
    public static async Task<int> RunAsync(Persistence.HearthDbContext db, MeasurementSecrets secrets, CancellationToken cancellationToken = default)
    {
        var sealedRows = 0;
        while (true)
        {
#pragma warning disable CA1866 // the string overload is the one EF Core translates to SQL (LIKE '{%')
            var batch = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
                db.Measurements.Where(m => m.AnswersJson.StartsWith("{") || (m.SafetyRules != null && !m.SafetyRules.StartsWith("CfDJ8")))
                    .OrderBy(m => m.Id).Take(500), cancellationToken);
#pragma warning restore CA1866
            if (batch.Count == 0)
            {
                return sealedRows;
            }
            sealedRows += batch.Count(secrets.SealLegacy);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
