using System.Globalization;
using System.Text;

/// <summary>
/// A three-arm trial (waitlist, compassion, mentalization) with pre, post and follow-up waves in
/// long format: subject,arm,wave,score. Scores drift down in the active arms, with subject-level
/// random intercepts so the waves correlate as repeated measures do.
/// </summary>
internal static class TrialGenerator
{
    private static readonly string[] Arms = ["waitlist", "compassion", "mentalization"];
    private static readonly string[] Waves = ["pre", "post", "followup"];
    private static readonly double[,] Effects = { { 0, -0.5, -1 }, { 0, -4, -5 }, { 0, -5, -7 } };

    /// <param name="missing">The chance that a wave is missing (its row left out); each subject keeps at least one.</param>
    public static int Write(int subjects, string path, double missing = 0)
    {
        var random = new Random(20261123);
        var gaps = new Random(20261203); // its own stream: the scores are the same with or without gaps
        var keep = new bool[3];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("subject,arm,wave,score\n");
        Span<char> number = stackalloc char[32];
        for (var s = 0; s < subjects; s++)
        {
            var arm = s % 3;
            var person = 25 + 6 * Normal(random);
            for (var w = 0; w < 3; w++)
            {
                keep[w] = missing <= 0 || gaps.NextDouble() >= missing;
            }
            if (!keep.Contains(true))
            {
                keep[0] = true;
            }
            for (var w = 0; w < 3; w++)
            {
                var score = Math.Round(person + Effects[arm, w] + 3 * Normal(random), 1);
                if (!keep[w])
                {
                    continue;
                }
                writer.Write('s');
                writer.Write(s);
                writer.Write(',');
                writer.Write(Arms[arm]);
                writer.Write(',');
                writer.Write(Waves[w]);
                writer.Write(',');
                score.TryFormat(number, out var written, "0.0", CultureInfo.InvariantCulture);
                writer.Write(number[..written]);
                writer.Write('\n');
            }
        }
        Console.Error.WriteLine($"wrote {subjects} subjects × 3 waves to {path}{(missing > 0 ? $", each wave missing with probability {missing}" : "")}");
        return 0;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
