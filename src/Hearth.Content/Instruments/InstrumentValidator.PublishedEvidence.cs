namespace Hearth.Content.Instruments;

/// <summary>The checks on what a score claims from published research: its reliability and its norm.</summary>
public static partial class InstrumentValidator
{
    private static void ValidatePublishedEvidence(InstrumentDefinition d, ScoreDefinition score, ScoreRange? range, string path, Action<string, string> add)
    {
        if (score.Reliability is { } r && (r.Coefficient <= 0 || r.Coefficient >= 1))
        {
            add($"{path}.reliability.coefficient", $"a reliability coefficient lies strictly between 0 and 1, not {NumberText.Format(r.Coefficient)}");
        }
        if (score.Norm is { } norm)
        {
            ValidateNorm(norm, range, $"{path}.norm", add);
        }

        // A questionnaire Hearth wrote itself has never been studied: a coefficient or a norm on it
        // would lend its scores an authority they do not have.
        if (d.Validated)
        {
            return;
        }
        if (score.Reliability is not null)
        {
            add($"{path}.reliability", $"score '{score.Id}' claims a reliability coefficient, but the instrument is not validated (\"validated\": false): there is no published reliability to cite");
        }
        if (score.Norm is not null)
        {
            add($"{path}.norm", $"score '{score.Id}' claims published norms, but the instrument is not validated (\"validated\": false): there is no reference sample to compare with");
        }
    }

    private static void ValidateNorm(ScoreNorm norm, ScoreRange? range, string path, Action<string, string> add)
    {
        if (!(norm.Sd > 0) || !double.IsFinite(norm.Sd))
        {
            add($"{path}.sd", $"a norm's standard deviation must be a number above 0, not {NumberText.Format(norm.Sd)}");
        }
        if (!double.IsFinite(norm.Mean))
        {
            add($"{path}.mean", "a norm's mean must be a finite number");
        }
        // Without a range (an item of the score is unknown, reported elsewhere) the mean cannot be placed.
        else if (range is { } r && (norm.Mean < r.Min - Tolerance || norm.Mean > r.Max + Tolerance))
        {
            add($"{path}.mean", $"the norm's mean {NumberText.Format(norm.Mean)} lies outside the score's range {NumberText.Format(r.Min)}–{NumberText.Format(r.Max)}");
        }
        RequireText(norm.Source, $"{path}.source", add);
        RequireText(norm.Sample, $"{path}.sample", add);
    }
}
