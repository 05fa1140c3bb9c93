namespace Hearth.Statistics.Mixed;

/// <summary>
/// A 2 × 2 matrix by value: the random-slope model does all its per-pattern algebra on the subject's
/// (intercept, slope) pair, and a struct keeps that free of allocations in the optimiser's inner loop.
/// </summary>
internal readonly record struct Matrix2(double M00, double M01, double M10, double M11)
{
    public static Matrix2 Identity => new(1, 0, 0, 1);

    public static Matrix2 Symmetric(double m00, double m01, double m11) => new(m00, m01, m01, m11);

    /// <summary>The unit matrix with a one at (row, column).</summary>
    public static Matrix2 Unit(int row, int column) =>
        new(row == 0 && column == 0 ? 1 : 0, row == 0 && column == 1 ? 1 : 0, row == 1 && column == 0 ? 1 : 0, row == 1 && column == 1 ? 1 : 0);

    public double Determinant => M00 * M11 - M01 * M10;

    public double Trace => M00 + M11;

    public Matrix2 Transpose => new(M00, M10, M01, M11);

    public Matrix2 Inverse
    {
        get
        {
            var det = Determinant;
            return new(M11 / det, -M01 / det, -M10 / det, M00 / det);
        }
    }

    /// <summary>The symmetric part, (M + Mᵀ)/2: removes rounding asymmetry from products that are symmetric in exact arithmetic.</summary>
    public Matrix2 Symmetrised => Symmetric(M00, (M01 + M10) / 2, M11);

    public static Matrix2 operator +(Matrix2 a, Matrix2 b) => new(a.M00 + b.M00, a.M01 + b.M01, a.M10 + b.M10, a.M11 + b.M11);

    public static Matrix2 operator -(Matrix2 a, Matrix2 b) => new(a.M00 - b.M00, a.M01 - b.M01, a.M10 - b.M10, a.M11 - b.M11);

    public static Matrix2 operator *(double k, Matrix2 a) => new(k * a.M00, k * a.M01, k * a.M10, k * a.M11);

    public static Matrix2 operator *(Matrix2 a, Matrix2 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10, a.M00 * b.M01 + a.M01 * b.M11,
        a.M10 * b.M00 + a.M11 * b.M10, a.M10 * b.M01 + a.M11 * b.M11);
}
