using System.Globalization;
using System.Text.Json;
using Hearth.Statistics.Reliability;

namespace Hearth.Statistics.Tests;

public class CronbachAlphaTests
{
    [Fact]
    public void Alpha_its_feldt_interval_and_item_statistics_match_r()
    {
        var lines = File.ReadAllLines(Path.Combine(Fixture.Directory, "reliability.csv"));
        var items = lines[0].Split(',');
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
        var data = new double[rows.Count, items.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < items.Length; j++)
            {
                data[i, j] = rows[i][j];
            }
        }
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixture.Directory, "reliability.expected.json"))).RootElement;

        var result = CronbachAlpha.Compute(items, data);

        Assert.Equal(expected.GetProperty("n").GetInt32(), result.N);
        Assert.Equal(expected.GetProperty("k").GetInt32(), result.K);
        Close.Equal(expected.GetProperty("alpha").GetDouble(), result.Alpha, "alpha");
        Close.Equal(expected.GetProperty("alpha_ci_lower").GetDouble(), result.CiLower, "alpha CI lower");
        Close.Equal(expected.GetProperty("alpha_ci_upper").GetDouble(), result.CiUpper, "alpha CI upper");
        foreach (var item in expected.GetProperty("items").EnumerateArray())
        {
            var actual = result.Items.Single(i => i.Item == item.GetProperty("item").GetString());
            Close.Equal(item.GetProperty("item_total_correlation").GetDouble(), actual.ItemTotalCorrelation, $"{actual.Item} item-total r");
            Close.Equal(item.GetProperty("alpha_if_deleted").GetDouble(), actual.AlphaIfDeleted, $"{actual.Item} alpha if deleted");
        }
    }

    [Fact]
    public void Identical_items_are_perfectly_consistent()
    {
        var data = new double[,] { { 1, 1, 1 }, { 2, 2, 2 }, { 4, 4, 4 }, { 3, 3, 3 } };
        Assert.Equal(1.0, CronbachAlpha.Compute(["a", "b", "c"], data).Alpha, 12);
    }

    [Fact]
    public void Too_few_items_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => CronbachAlpha.Compute(["a"], new double[,] { { 1 }, { 2 } }));
    }
}
