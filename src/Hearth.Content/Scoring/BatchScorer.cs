using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hearth.Content.Instruments;
using Sylvan.Data.Csv;

namespace Hearth.Content.Scoring;

public enum ScoreOutputFormat
{
    Json,
    Csv,
}

/// <summary>What a batch run did: how many respondents it scored and what was wrong with the input.</summary>
public sealed record BatchResult(long Respondents, IReadOnlyList<ValidationProblem> Problems, long ProblemCount)
{
    public bool Succeeded => ProblemCount == 0;
}

/// <summary>
/// Scores a CSV of responses in one streaming pass and writes each respondent's scores, bands and
/// safety flags as JSON or CSV. When the input has any bad row the caller discards the output, so
/// nothing partial is ever kept.
/// </summary>
public static partial class BatchScorer
{
    /// <summary>Rows handed from the reading thread to the writing thread at a time.</summary>
    private const int BatchRows = 4096;

    public static BatchResult Score(
        InstrumentScorer scorer,
        TextReader input,
        string inputName,
        Stream output,
        ScoreOutputFormat format,
        Action<long>? onProgress = null,
        Csv.CsvDialect.Choice? dialect = null)
    {
        // Two stages on two cores: this thread parses and validates the CSV, a second one scores and
        // writes. Batches circulate between a free pool and a full queue, so memory stays bounded.
        using var free = new BlockingCollection<RowBatch>();
        using var full = new BlockingCollection<RowBatch>(boundedCapacity: 4);
        for (var i = 0; i < 6; i++)
        {
            free.Add(new RowBatch(scorer.ItemCount));
        }

        // If writing fails (a full disk), the reader must not wait forever for a free batch.
        using var writerFailed = new CancellationTokenSource();
        var writing = Task.Run(() =>
        {
            try
            {
                WriteAll();
            }
            catch
            {
                writerFailed.Cancel();
                throw;
            }
        });

        void WriteAll()
        {
            using IScoreWriter writer = format == ScoreOutputFormat.Json ? new JsonScoreWriter(output, scorer) : new CsvScoreWriter(output, scorer);
            var scores = new double[scorer.ScoreCount];
            foreach (var batch in full.GetConsumingEnumerable())
            {
                for (var r = 0; r < batch.Count; r++)
                {
                    var answers = batch.Answers(r);
                    scorer.Score(answers, scores);
                    writer.Write(batch.Respondent(r), answers, scores);
                }
                batch.Clear();
                free.Add(batch);
            }
            writer.Flush();
        }

        BatchResult read;
        try
        {
            var current = free.Take(writerFailed.Token);
            read = ResponseCsv.Read(scorer, input, inputName, (respondent, answers) =>
            {
                current.Add(respondent, answers);
                if (current.Count == BatchRows)
                {
                    full.Add(current, writerFailed.Token);
                    current = free.Take(writerFailed.Token);
                }
            }, onProgress, dialect);
            if (current.Count > 0)
            {
                full.Add(current, writerFailed.Token);
            }
        }
        catch (OperationCanceledException) when (writerFailed.IsCancellationRequested)
        {
            read = null!; // the writer's own exception is rethrown below
        }
        finally
        {
            full.CompleteAdding();
            writing.GetAwaiter().GetResult();
        }
        return read;
    }

    /// <summary>A block of parsed rows: respondents packed into one char buffer, answers into one array.</summary>
    private sealed class RowBatch(int items)
    {
        private readonly double[] _answers = new double[BatchRows * items];
        private readonly int[] _respondentEnds = new int[BatchRows];
        private char[] _chars = new char[BatchRows * 16];
        private int _charCount;

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<char> respondent, double[] answers)
        {
            if (_charCount + respondent.Length > _chars.Length)
            {
                Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + respondent.Length));
            }
            respondent.CopyTo(_chars.AsSpan(_charCount));
            _charCount += respondent.Length;
            _respondentEnds[Count] = _charCount;
            answers.CopyTo(_answers.AsSpan(Count * items, items));
            Count++;
        }

        public ReadOnlySpan<char> Respondent(int row)
        {
            var start = row == 0 ? 0 : _respondentEnds[row - 1];
            return _chars.AsSpan(start, _respondentEnds[row] - start);
        }

        public ReadOnlySpan<double> Answers(int row) => _answers.AsSpan(row * items, items);

        public void Clear()
        {
            Count = 0;
            _charCount = 0;
        }
    }

    private interface IScoreWriter : IDisposable
    {
        void Write(ReadOnlySpan<char> respondent, ReadOnlySpan<double> answers, ReadOnlySpan<double> scores);

        void Flush();
    }

    /// <summary><c>[{"respondent": "r1", "scores": {"total": {"value": 12, "band": "moderate"}}, "safety": []}]</c></summary>
    private sealed class JsonScoreWriter : IScoreWriter
    {
        private static readonly JsonEncodedText RespondentName = JsonEncodedText.Encode("respondent");
        private static readonly JsonEncodedText ScoresName = JsonEncodedText.Encode("scores");
        private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
        private static readonly JsonEncodedText BandName = JsonEncodedText.Encode("band");
        private static readonly JsonEncodedText SafetyName = JsonEncodedText.Encode("safety");

        private readonly Utf8JsonWriter _json;
        private readonly InstrumentScorer _scorer;
        private readonly JsonEncodedText[] _scoreNames;
        private readonly JsonEncodedText[][] _bandLabels;
        private readonly JsonEncodedText[] _ruleIds;

        private readonly bool _fragment;

        /// <param name="fragment">Write only the objects, comma-separated, without the brackets around them: one piece of the array, for the fast road.</param>
        public JsonScoreWriter(Stream output, InstrumentScorer scorer, bool fragment = false)
        {
            _fragment = fragment;
            _scorer = scorer;
            _json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true, Indented = false });
            _scoreNames = [.. Enumerable.Range(0, scorer.ScoreCount).Select(s => JsonEncodedText.Encode(scorer.ScoreAt(s).Id))];
            _ruleIds = [.. Enumerable.Range(0, scorer.SafetyRuleCount).Select(r => JsonEncodedText.Encode(scorer.SafetyRuleAt(r).Id))];
            _bandLabels = [.. Enumerable.Range(0, scorer.ScoreCount).Select(s => scorer.ScoreAt(s).Bands.Select(b => JsonEncodedText.Encode(b.Label)).ToArray())];
            if (!fragment)
            {
                _json.WriteStartArray();
            }
        }

        public void Write(ReadOnlySpan<char> respondent, ReadOnlySpan<double> answers, ReadOnlySpan<double> scores)
        {
            var json = _json;
            json.WriteStartObject();
            json.WriteString(RespondentName, respondent);
            json.WriteStartObject(ScoresName);
            for (var s = 0; s < scores.Length; s++)
            {
                json.WriteStartObject(_scoreNames[s]);
                var value = scores[s];
                if (double.IsNaN(value))
                {
                    json.WriteNull(ValueName);
                    json.WriteNull(BandName);
                }
                else
                {
                    // Most scores are whole numbers; writing them as integers skips general float formatting.
                    if (value == Math.Floor(value) && Math.Abs(value) < 1e15)
                    {
                        json.WriteNumber(ValueName, (long)value);
                    }
                    else
                    {
                        json.WriteNumber(ValueName, value);
                    }
                    if (_scorer.BandIndexOf(s, value) is var band and >= 0)
                    {
                        json.WriteString(BandName, _bandLabels[s][band]);
                    }
                    else
                    {
                        json.WriteNull(BandName);
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteStartArray(SafetyName);
            for (var r = 0; r < _ruleIds.Length; r++)
            {
                if (_scorer.IsTriggered(r, answers))
                {
                    json.WriteStringValue(_ruleIds[r]);
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
            if (json.BytesPending > 1 << 16)
            {
                json.Flush();
            }
        }

        public void Flush()
        {
            if (!_fragment)
            {
                _json.WriteEndArray();
            }
            _json.Flush();
        }

        public void Dispose() => _json.Dispose();
    }

    /// <summary><c>respondent,&lt;score&gt;,&lt;score&gt;_band,…,safety</c>; safety rule ids joined by ';'.</summary>
    private sealed class CsvScoreWriter : IScoreWriter
    {
        private readonly StreamWriter _out;
        private readonly InstrumentScorer _scorer;
        private readonly char[] _number = new char[32];

        /// <param name="header">Begin with the header line; the fast road's pieces leave it to the first.</param>
        public CsvScoreWriter(Stream output, InstrumentScorer scorer, bool header = true)
        {
            _scorer = scorer;
            _out = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
            if (header)
            {
                _out.Write(ResponseCsv.RespondentColumn);
                for (var s = 0; s < scorer.ScoreCount; s++)
                {
                    var id = scorer.ScoreAt(s).Id;
                    _out.Write($",{id},{id}_band");
                }
                _out.Write(",safety\n");
            }
        }

        public void Write(ReadOnlySpan<char> respondent, ReadOnlySpan<double> answers, ReadOnlySpan<double> scores)
        {
            WriteField(respondent);
            for (var s = 0; s < scores.Length; s++)
            {
                _out.Write(',');
                var value = scores[s];
                if (!double.IsNaN(value))
                {
                    value.TryFormat(_number, out var written, "R", CultureInfo.InvariantCulture);
                    _out.Write(_number, 0, written);
                }
                _out.Write(',');
                if (!double.IsNaN(value) && _scorer.BandOf(s, value) is { } band)
                {
                    WriteField(band.Label);
                }
            }
            _out.Write(',');
            var first = true;
            for (var r = 0; r < _scorer.SafetyRuleCount; r++)
            {
                if (_scorer.IsTriggered(r, answers))
                {
                    if (!first)
                    {
                        _out.Write(';');
                    }
                    _out.Write(_scorer.SafetyRuleAt(r).Id);
                    first = false;
                }
            }
            _out.Write('\n');
        }

        private void WriteField(ReadOnlySpan<char> field) => Exports.CsvField.Write(_out, field);

        public void Flush() => _out.Flush();

        public void Dispose() => _out.Dispose();
    }
}
