namespace Ankra.Mesh.Bench.Chain;

/// <summary>Summaries of samples; NaN when there are none (printed as n/a).</summary>
internal static class Stats
{
    public static double Percentile(List<double> values, double p) => LoadRunner.Percentile(values, p);

    public static double Mean(List<double> values) => values.Count == 0 ? double.NaN : values.Average();

}
