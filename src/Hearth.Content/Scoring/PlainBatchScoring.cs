using System.Runtime.CompilerServices;
using Hearth.Content.Csv;
using Hearth.Content.Instruments;

namespace Hearth.Content.Scoring;

public static partial class BatchScorer
{
    /// <summary>Input per piece: small enough that the first pieces are written while the last are scored, big enough to keep threads busy.</summary>
    private const int PieceBytes = 4 << 20;

    /// <summary>
    /// The fast road for a plain file (<see cref="PlainCsv"/>), which nearly every export is: the file is cut into
    /// pieces of a few megabytes that every core parses, checks, scores and writes into its own buffer, and the
    /// buffers go to <paramref name="output"/> in file order. At the first thing out of the ordinary (an answer a
    /// question does not allow, a missing respondent, a quote, a row with another number of fields, …) it rewinds
    /// the output to where it started and returns null: <see cref="Score"/> then reads the file as a stream and names
    /// each problem by line and column. What it writes is byte for byte what <see cref="Score"/> writes (tested).
    /// </summary>
    public static BatchResult? TryScorePlainFile(InstrumentScorer scorer, string path, Stream output, ScoreOutputFormat format, CsvDialect.Choice? dialect = null) =>
        TryScorePlainFile(scorer, path, output, format, dialect, PieceBytes);

    /// <param name="pieceBytes">Input per piece; tests make it small to cut a small file into many pieces.</param>
    internal static BatchResult? TryScorePlainFile(InstrumentScorer scorer, string path, Stream output, ScoreOutputFormat format, CsvDialect.Choice? dialect, int pieceBytes)
    {
        if (!output.CanSeek || PlainCsv.ReadAll(path) is not { } data || PlainCsv.HeaderOf(data, dialect) is not { } header
            || ResponseCsv.MapColumns(scorer, header.Names, (_, _) => { }) is not var (_, itemOfColumn))
        {
            return null;
        }
        var origin = output.Position;
        var pieces = PlainCsv.Cut(data, header.BodyStart, (int)Math.Max(1, (data.Length - header.BodyStart) / pieceBytes));
        var declined = false;
        using var gate = new SemaphoreSlim(Math.Min(Environment.ProcessorCount, 8));
        var scored = pieces.Select(piece => Task.Run(async () =>
        {
            await gate.WaitAsync();
            try
            {
                return Volatile.Read(ref declined) ? null : ScorePiece(scorer, data, piece, header, itemOfColumn, format);
            }
            finally
            {
                gate.Release();
            }
        })).ToArray();

        if (format == ScoreOutputFormat.Json)
        {
            output.WriteByte((byte)'[');
        }
        else
        {
            new CsvScoreWriter(output, scorer).Dispose(); // the header line alone
        }
        long respondents = 0;
        foreach (var piece in scored)
        {
            if (piece.GetAwaiter().GetResult() is not { } written)
            {
                Volatile.Write(ref declined, true);
                Task.WaitAll(scored);
                output.SetLength(origin);
                output.Position = origin;
                return null;
            }
            if (written.Respondents == 0)
            {
                continue;
            }
            if (format == ScoreOutputFormat.Json && respondents > 0)
            {
                output.WriteByte((byte)',');
            }
            output.Write(written.Buffer.GetBuffer(), 0, (int)written.Buffer.Length);
            respondents += written.Respondents;
        }
        if (format == ScoreOutputFormat.Json)
        {
            output.WriteByte((byte)']');
        }
        return new BatchResult(respondents, [], 0);
    }

    private sealed record ScoredPiece(MemoryStream Buffer, long Respondents);

    // Each piece runs once over hundreds of thousands of lines: compiled fully optimised at first call rather than
    // taken as ReadyToRun code, which cannot inline across assemblies and is never recompiled for a single call.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ScoredPiece? ScorePiece(InstrumentScorer scorer, byte[] data, (int Start, int End) piece, PlainCsv.Header header, int[] itemOfColumn, ScoreOutputFormat format)
    {
        ReadOnlySpan<byte> rest = data.AsSpan(piece.Start, piece.End - piece.Start);
        if (PlainCsv.CountRows(rest) < 0)
        {
            return null;
        }
        // JSON of a 30-item questionnaire is about 3.1 times the size of the answers it scores: room for that at
        // once, as growing a buffer of megabytes copies it whole.
        var buffer = new MemoryStream(capacity: (int)Math.Min(Array.MaxLength, 7L * rest.Length / 2 + 4096));
        using IScoreWriter writer = format == ScoreOutputFormat.Json ? new JsonScoreWriter(buffer, scorer, fragment: true) : new CsvScoreWriter(buffer, scorer, header: false);
        var columns = itemOfColumn.Length;
        var everyColumn = Enumerable.Range(0, columns).ToArray();
        Span<int> start = stackalloc int[columns];
        Span<int> length = stackalloc int[columns];
        Span<char> name = stackalloc char[PlainCsv.MaxNameBytes];
        var answers = new double[scorer.ItemCount];
        var scores = new double[scorer.ScoreCount];
        var decimalComma = header.Dialect.DecimalComma;
        long respondents = 0;
        while (!rest.IsEmpty)
        {
            if (!PlainCsv.NextLine(ref rest, out var line) || PlainCsv.Split(line, header.Delimiter, everyColumn, start, length) != columns)
            {
                return null;
            }
            scoped ReadOnlySpan<char> respondent = default;
            Array.Fill(answers, double.NaN);
            for (var c = 0; c < columns; c++)
            {
                var cell = PlainCsv.Trim(line.Slice(start[c], length[c]));
                var item = itemOfColumn[c];
                if (item < 0)
                {
                    if (!PlainCsv.TryName(cell, name, out respondent))
                    {
                        return null;
                    }
                }
                else if (!cell.IsEmpty)
                {
                    if (!NumberText.TryParse(cell, out var value, decimalComma) || !scorer.IsAllowed(item, value))
                    {
                        return null;
                    }
                    answers[item] = value;
                }
            }
            scorer.Score(answers, scores);
            writer.Write(respondent, answers, scores);
            respondents++;
        }
        writer.Flush();
        return new ScoredPiece(buffer, respondents);
    }
}
