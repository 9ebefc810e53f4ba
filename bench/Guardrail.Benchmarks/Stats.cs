namespace Guardrail.Benchmarks;

/// <summary>The median of some measurements with their spread: min–max and the interquartile range.</summary>
internal sealed record Stats(double Median, double Min, double Max, double Q1, double Q3, int Count)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        return new Stats(Quantile(sorted, 0.5), sorted[0], sorted[^1], Quantile(sorted, 0.25), Quantile(sorted, 0.75), sorted.Length);
    }

    /// <summary>e.g. <c>3.12 (IQR 3.05–3.20, min–max 2.98–3.41)</c>.</summary>
    public string Describe(string format) =>
        $"{Median.ToString(format, System.Globalization.CultureInfo.InvariantCulture)} (IQR {F(Q1)}–{F(Q3)}, min–max {F(Min)}–{F(Max)})";

    private string F(double v) => v.ToString(Median >= 100 ? "F0" : Median >= 10 ? "F1" : "F2", System.Globalization.CultureInfo.InvariantCulture);

    // Linear interpolation between the closest ranks.
    private static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}
