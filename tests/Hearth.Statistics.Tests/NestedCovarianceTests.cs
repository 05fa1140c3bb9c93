using Hearth.Statistics.Mixed;
using MathNet.Numerics.LinearAlgebra;

namespace Hearth.Statistics.Tests;

/// <summary>
/// The stepped-wedge model's per-cluster algebra (Woodbury, nested compound symmetry) against the same
/// quantities computed densely from the N × N covariance, at a θ away from the optimum — the fixtures
/// compare with R at the optimum only, while the optimiser relies on the criterion and its derivatives
/// everywhere.
/// </summary>
public class NestedCovarianceTests
{
    private const double ThetaSubject = 0.8;
    private const double ThetaCluster = 1.7;

    /// <summary>The design matrix, response and the dense H = I + u_s·Z_sZ_sᵀ + u_c·Z_cZ_cᵀ with its two G's.</summary>
    private sealed record Dense(Matrix<double> X, Vector<double> Y, Matrix<double> H, Matrix<double> SubjectG, Matrix<double> ClusterG);

    private static (WedgeDesign Design, Dense Dense) Build()
    {
        var data = new WedgeData(WedgeSimulation.Trial(seed: 5, clusters: 4, subjectsPerCluster: 4, periods: 4, pMissing: 0.3), "control");
        var design = new WedgeDesign(data);
        var n = data.Observations;
        var x = Matrix<double>.Build.Dense(n, design.P, (i, j) =>
            j == 0 ? 1 : j == design.ConditionColumn ? (data.ObservationTreated[i] ? 1 : 0) : (data.ObservationPeriod[i] == j ? 1 : 0));
        var subjectG = Matrix<double>.Build.Dense(n, n, (i, j) => data.ObservationSubject[i] == data.ObservationSubject[j] ? 1 : 0);
        var clusterG = Matrix<double>.Build.Dense(n, n, (i, j) =>
            data.SubjectCluster[data.ObservationSubject[i]] == data.SubjectCluster[data.ObservationSubject[j]] ? 1 : 0);
        var h = Matrix<double>.Build.DenseIdentity(n) + subjectG * (ThetaSubject * ThetaSubject) + clusterG * (ThetaCluster * ThetaCluster);
        return (design, new Dense(x, Vector<double>.Build.DenseOfArray(data.Scores), h, subjectG, clusterG));
    }

    private static void Close(Matrix<double> expected, Matrix<double> actual, string what)
    {
        var scale = expected.Enumerate().Max(Math.Abs);
        var error = (expected - actual).Enumerate().Max(Math.Abs);
        Assert.True(error <= 1e-10 * scale, $"{what}: largest difference {error:E2} on a scale of {scale:E2}");
    }

    [Fact]
    public void The_reml_problem_and_its_derivatives_match_the_dense_computation()
    {
        var (design, dense) = Build();
        var at = new NestedCovariance(design, ThetaSubject, ThetaCluster);
        var xy = dense.X.Append(dense.Y.ToColumnMatrix());
        var hInverse = dense.H.Inverse();
        Close(xy.Transpose() * hInverse * xy, at.Augmented, "X̃ᵀH⁻¹X̃");
        Assert.Equal(dense.H.Cholesky().DeterminantLn, at.Reml.LogDetH, 1e-10 * Math.Abs(at.Reml.LogDetH));

        var derivatives = at.Derivatives();
        foreach (var (g, i) in new[] { (dense.SubjectG, 0), (dense.ClusterG, 1) })
        {
            Close(-(xy.Transpose() * hInverse * g * hInverse * xy), derivatives[i].Augmented, $"∂X̃ᵀH⁻¹X̃/∂u[{i}]");
            var trace = (hInverse * g).Trace();
            Assert.True(Math.Abs(trace - derivatives[i].LogDetH) <= 1e-10 * trace, $"∂log|H|/∂u[{i}]: {trace:R} and {derivatives[i].LogDetH:R}");
        }
    }

    [Fact]
    public void The_kenward_roger_parts_match_pbkrtests_definitions_computed_densely()
    {
        var (design, dense) = Build();
        var at = new NestedCovariance(design, ThetaSubject, ThetaCluster);
        var parts = WedgeKenwardRoger.Inputs(design, at);
        var w = dense.H.Inverse() / at.Reml.Sigma2;
        Matrix<double>[] g = [dense.SubjectG, dense.ClusterG, Matrix<double>.Build.DenseIdentity(dense.H.RowCount)];
        var x = dense.X;
        for (var r = 0; r < 3; r++)
        {
            Close(-(x.Transpose() * w * g[r] * w * x), parts.P[r], $"P[{r}]");
            for (var s = 0; s < 3; s++)
            {
                Close(x.Transpose() * w * g[r] * w * g[s] * w * x, parts.Q[r, s], $"Q[{r}, {s}]");
                var trace = (g[r] * w * g[s] * w).Trace();
                Assert.True(Math.Abs(trace - parts.K[r, s]) <= 1e-10 * Math.Abs(trace), $"K[{r}, {s}]: {trace:R} and {parts.K[r, s]:R}");
            }
        }
    }
}
