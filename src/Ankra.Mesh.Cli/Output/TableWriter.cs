namespace Ankra.Mesh.Cli.Output;

/// <summary>Plain aligned columns, as kubectl prints them: upper-case headers, three spaces between columns.</summary>
internal static class TableWriter
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { headers.Select(header => header.ToUpperInvariant()).ToArray() };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, headers.Count).Select(column => all.Max(row => row[column].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, column) => column == row.Count - 1 ? cell : cell.PadRight(widths[column]));
            output.WriteLine(string.Join("   ", cells).TrimEnd());
        }
    }
}
