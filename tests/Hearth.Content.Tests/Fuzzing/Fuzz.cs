using System.Text;
using CsCheck;

namespace Hearth.Content.Tests.Fuzzing;

/// <summary>
/// Generated inputs for every parser, and the property they must all keep: a parser either succeeds or
/// returns precise problems. It never throws, never runs past a time limit and never allocates without
/// bound (a limit proportional to the input). Each test says how many inputs it tries.
/// </summary>
internal static class Fuzz
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>Runs the parser on the input under the three guards; a failure names the input.</summary>
    public static void Check(string input, Action<string> parse)
    {
        var run = Task.Run(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            parse(input);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        });
        if (!run.Wait(TimeLimit))
        {
            throw new TimeoutException($"the parser ran past {TimeLimit} on: {Show(input)}");
        }
        if (run.Exception is { } failure)
        {
            throw new InvalidOperationException($"the parser threw on: {Show(input)}", failure.InnerException ?? failure);
        }
        var limit = 64L * 1024 * 1024 + 2_000L * Encoding.UTF8.GetByteCount(input);
        if (run.Result > limit)
        {
            throw new InvalidOperationException($"the parser allocated {run.Result:N0} bytes (limit {limit:N0}) on: {Show(input)}");
        }
    }

    private static string Show(string input) => input.Length <= 400 ? input : input[..400] + $"… ({input.Length} characters)";

    /// <summary>Tokens that break careless CSV readers, mixed with ordinary ones.</summary>
    public static readonly string[] CsvTokens =
    [
        "", "0", "1", "2", "3", "5", "-1", "1.5", "1e308", "-1e400", "NaN", "Infinity", "∞", "٣", "0x10", " 2 ", "\"", "\"\"", "\"a,b\"",
        "\"unterminated", ",", ",,", "\r", "\n", "\r\n", "\t", "=SUM(1)", "respondent", "id", "subject", "wave", "arm", "score",
        "pre", "post", "a", "b", "é", "😀", "\0", new string('9', 400), "1,2,3",
    ];

    /// <summary>Text built from <see cref="CsvTokens"/>: mostly well-formed lines, with every kind of damage.</summary>
    public static Gen<string> Csv(string header) =>
        Gen.Int[0, CsvTokens.Length - 1].Array[0, 12].Array[0, 40].Select(rows =>
        {
            var text = new StringBuilder(header).Append('\n');
            foreach (var row in rows)
            {
                text.AppendJoin(',', row.Select(t => CsvTokens[t])).Append('\n');
            }
            return text.ToString();
        });

    /// <summary>A real file damaged at random: characters replaced, dropped, repeated or inserted, or the file cut short.</summary>
    public static Gen<string> Mutated(string original) =>
        Gen.Int[0, int.MaxValue].Select(seed =>
        {
            var random = new Random(seed);
            var text = new StringBuilder(original);
            const string Noise = "{}[]\":,-0123456789.eE \n\ttrue false null \\u0000 é\u00a0 #&*|>";
            for (var edits = random.Next(1, 12); edits > 0 && text.Length > 0; edits--)
            {
                var at = random.Next(text.Length);
                switch (random.Next(5))
                {
                    case 0: text[at] = Noise[random.Next(Noise.Length)]; break;
                    case 1: text.Remove(at, Math.Min(text.Length - at, random.Next(1, 40))); break;
                    case 2: text.Insert(at, Noise.AsSpan(random.Next(Noise.Length - 5), 5)); break;
                    case 3: text.Insert(at, text.ToString(at, Math.Min(text.Length - at, random.Next(1, 200)))); break;
                    default: text.Length = at; break;
                }
            }
            // As a file read from disk would be: a pair of surrogates cut in two becomes U+FFFD.
            return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text.ToString()));
        });
}
