using Firely.Fhir.Validation;
using Hearth.Content.Fhir;
using Hearth.Content.Scoring;
using Hearth.Tests;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Hearth.Content.Tests.Fhir;

/// <summary>
/// Every export checked with Firely's validator against the R4 specification and the StructureDefinitions
/// Hearth ships (content/fhir): no errors, and no extension of Hearth's that the validator cannot resolve.
/// </summary>
public class SpecificationValidationTests
{
    private static readonly Lazy<Validator> R4 = new(() =>
    {
        var core = new CachedResolver(new ZipSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));
        var hearth = new DirectorySource(RepoRoot.Combine("content", "fhir"), new DirectorySourceSettings { IncludeSubDirectories = false });
        // Hearth's definitions are written by hand as differentials; the snapshot source completes them.
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(hearth, core)));
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    public static TheoryData<string> Instruments() =>
        [.. TestInstruments.Shipped.Value.Instruments.Where(i => i.CanBeAdministered).Select(i => i.Id)];

    private static void AssertConforms(Resource resource)
    {
        var outcome = R4.Value.Validate(resource);
        var errors = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(Describe)));
        var unresolvedOfOurs = outcome.Issue.Where(i => (i.Details?.Text ?? "").Contains(FhirUris.HearthBase, StringComparison.Ordinal)).ToList();
        Assert.True(unresolvedOfOurs.Count == 0, string.Join("\n", unresolvedOfOurs.Select(Describe)));
    }

    private static string Describe(OperationOutcome.IssueComponent issue) =>
        $"{issue.Severity} at {string.Join(", ", issue.Expression)}: {issue.Details?.Text}";

    [Theory]
    [MemberData(nameof(Instruments))]
    public void Every_questionnaire_export_conforms_to_r4_and_hearths_definitions(string id) =>
        AssertConforms(QuestionnaireExporter.Export(TestInstruments.ShippedOne(id)));

    [Fact]
    public void Response_exports_conform_to_r4_and_hearths_definitions()
    {
        var scorer = new InstrumentScorer(TestInstruments.ShippedOne("phq-9"));
        var answers = Enumerable.Range(1, 9).ToDictionary(i => $"{i}", i => (double?)(i == 9 ? 2 : 1));
        var bundle = ResponseExporter.ExportBundle([("r1", scorer.Score(answers))], new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero));
        AssertConforms(bundle);
        AssertConforms((QuestionnaireResponse)bundle.Entry[0].Resource!);
    }
}
