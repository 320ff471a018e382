namespace HealthAI.Bench.KnowledgeBase;

/// <summary>The benchmark's figures, printed as one table at the end.</summary>
internal sealed class ResultTable
{
    private readonly List<(string Measure, string Result)> _rows = [];

    public void Add(string measure, string result)
    {
        _rows.Add((measure, result));
        Console.Error.WriteLine($"  {measure}: {result}");
    }

    public void Print()
    {
        var width = _rows.Max(row => row.Measure.Length);
        Console.WriteLine();
        Console.WriteLine($"| {"measure".PadRight(width)} | result");
        Console.WriteLine($"| {new string('-', width)} | ------");
        foreach (var (measure, result) in _rows)
        {
            Console.WriteLine($"| {measure.PadRight(width)} | {result}");
        }
    }
}
