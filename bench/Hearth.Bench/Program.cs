using System.Globalization;
using System.Text;
using Hearth.Content.Instruments;

// Benchmark data generators. Deterministic (fixed seed) so every run measures the same file.
//   generate-responses INSTRUMENT_FILE N OUT.csv   — N respondents answering every item, ~2% left blank
//   generate-trial N OUT.csv [MISSING]             — N subjects × 3 arms × 3 waves, long format; MISSING: chance a wave is absent
//   seed-pages CONNECTION_OR_DATADIR CLINICIANS WEEKS [DATADIR] — the web app's database for bench/pages (see PagesBench)
//   physical-limit FILE                            — the time to read FILE from the page cache and pass over it once
if (args is ["physical-limit", var limitFile])
{
    return PhysicalLimit.Run(limitFile);
}
if (args is ["profile-analyze", .. var profileArgs])
{
    return AnalyzeProfile.Run(profileArgs);
}
if (args is ["study-report", var studyConnection, var studyParticipants])
{
    return await StudyReportBench.RunAsync(studyConnection, int.Parse(studyParticipants, CultureInfo.InvariantCulture));
}
if (args is ["insights", var insightsConnection, var cliniciansText, var weeksText])
{
    return await InsightsBench.RunAsync(insightsConnection, int.Parse(cliniciansText, CultureInfo.InvariantCulture), int.Parse(weeksText, CultureInfo.InvariantCulture));
}
if (args is ["seed-pages", var pagesTarget, var pagesClinicians, var pagesWeeks, .. var pagesRest] && pagesRest.Length <= 1)
{
    return await PagesBench.RunAsync(pagesTarget, int.Parse(pagesClinicians, CultureInfo.InvariantCulture), int.Parse(pagesWeeks, CultureInfo.InvariantCulture),
        pagesRest is [var pagesKeys] ? pagesKeys : null);
}
if (args is ["generate-trial", var subjectsText, var trialOutput, .. var trialRest] && trialRest.Length <= 1)
{
    return TrialGenerator.Write(int.Parse(subjectsText, CultureInfo.InvariantCulture), trialOutput,
        trialRest is [var missingText] ? double.Parse(missingText, CultureInfo.InvariantCulture) : 0);
}
if (args is not ["generate-responses", var instrumentFile, var countText, var output])
{
    Console.Error.WriteLine("usage: Hearth.Bench generate-responses INSTRUMENT_FILE N OUT.csv | generate-trial N OUT.csv | " + PagesBench.Usage + " | " + AnalyzeProfile.Usage);
    return 2;
}

var load = InstrumentLoader.LoadFile(instrumentFile);
if (!load.IsValid)
{
    foreach (var problem in load.Problems)
    {
        Console.Error.WriteLine(problem);
    }
    return 1;
}
var instrument = load.Definition!;
var count = int.Parse(countText, CultureInfo.InvariantCulture);
var values = instrument.Items
    .Select(i => instrument.FindScale(i.Scale)!.Options.Select(o => o.Value!.Value.ToString(CultureInfo.InvariantCulture)).ToArray())
    .ToArray();

var random = new Random(20261123);
using var writer = new StreamWriter(output, false, new UTF8Encoding(false), 1 << 20);
writer.Write("respondent");
foreach (var item in instrument.Items)
{
    writer.Write(',');
    writer.Write(item.LinkId);
}
writer.Write('\n');
for (var r = 1; r <= count; r++)
{
    writer.Write('r');
    writer.Write(r);
    foreach (var options in values)
    {
        writer.Write(',');
        if (random.Next(50) != 0)
        {
            writer.Write(options[random.Next(options.Length)]);
        }
    }
    writer.Write('\n');
}
Console.Error.WriteLine($"wrote {count} respondents of {instrument.Id} ({instrument.Items.Count} items) to {output}");
return 0;
