using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Evaluation;

/// <summary>
/// The segmented regression's three effects: the trend per period before the change, the jump in level at
/// its first period, and the change in trend after it; n periods and t on n − 4 df.
/// </summary>
public sealed record InterruptedTimeSeriesResult(EffectEstimate PreSlope, EffectEstimate LevelChange, EffectEstimate SlopeChange, int N);

/// <summary>
/// Interrupted time series by segmented OLS, <c>y ~ t + post + since</c>: t = 0, 1, 2, … is the period's
/// position, post is 1 from the change's first period on, and since counts periods from that first period
/// (0 there and before). Standard errors are Newey–West with lag 3 (<see cref="NeweyWest"/>), for the
/// autocorrelation monthly scores have; t tests on n − 4 df. Fitted by QR, so the long t column does not
/// square the design's condition number as the normal equations would.
/// </summary>
public static class InterruptedTimeSeries
{
    public const int Lag = 3;
    public const int MinimumPeriods = 5;

    /// <summary>The fewest periods on each side of the change: with two, that side's line passes through both
    /// points, its residuals are zero and its trend has no standard error.</summary>
    public const int MinimumPeriodsPerSide = 3;

    /// <param name="series">The outcome in time order, one value per period.</param>
    /// <param name="start">The index of the change's first period.</param>
    public static InterruptedTimeSeriesResult Fit(IReadOnlyList<double> series, int start)
    {
        var n = series.Count;
        if (n < MinimumPeriods)
        {
            throw new ArgumentException($"an interrupted time series needs at least {MinimumPeriods} periods; there are {n}");
        }
        if (start < MinimumPeriodsPerSide || n - start < MinimumPeriodsPerSide)
        {
            throw new ArgumentException($"the change starts at period {start + 1} of {n}: an interrupted time series needs at least {MinimumPeriodsPerSide} periods before the change and {MinimumPeriodsPerSide} from its start on");
        }
        var x = Matrix<double>.Build.Dense(n, 4, (t, j) => j switch
        {
            0 => 1,
            1 => t,
            2 => t >= start ? 1 : 0,
            _ => Math.Max(0, t - start),
        });
        var y = Vector<double>.Build.DenseOfEnumerable(series);
        var qr = x.QR();
        var beta = qr.Solve(y);
        var rInverse = qr.R.SubMatrix(0, 4, 0, 4).Inverse();
        var xtxInverse = rInverse.TransposeAndMultiply(rInverse);
        var covariance = NeweyWest.Covariance(x, y - x * beta, xtxInverse, Lag);
        double df = n - 4;
        // The Bartlett-weighted covariance is positive semi-definite, but with residuals at rounding level (a
        // series on an exact line) a variance can come out as −1e-30; that is zero, not a missing SE.
        EffectEstimate Part(int j) => EffectEstimate.Of(beta[j], Math.Sqrt(Math.Max(0, covariance[j, j])), df);
        return new InterruptedTimeSeriesResult(Part(1), Part(2), Part(3), n);
    }
}
