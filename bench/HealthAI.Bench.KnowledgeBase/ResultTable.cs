namespace HealthAI.Bench.KnowledgeBase;

/// <summary>The benchmark's figures, one column per engine, printed as one markdown table at the end.</summary>
internal sealed class ResultTable
{
    private readonly List<string> _measures = [];
    private readonly List<string> _engines = [];
    private readonly Dictionary<(string Engine, string Measure), string> _results = [];

    public void Add(string engine, string measure, string result)
    {
        if (!_measures.Contains(measure))
        {
            _measures.Add(measure);
        }

        if (!_engines.Contains(engine))
        {
            _engines.Add(engine);
        }

        _results[(engine, measure)] = result;
        Console.Error.WriteLine($"  [{engine}] {measure}: {result}");
    }

    public void Print()
    {
        var width = _measures.Max(measure => measure.Length);
        Console.WriteLine();
        Console.WriteLine($"| {"measure".PadRight(width)} | {string.Join(" | ", _engines)} |");
        Console.WriteLine($"| {new string('-', width)} |{string.Concat(_engines.Select(_ => " --- |"))}");
        foreach (var measure in _measures)
        {
            Console.WriteLine($"| {measure.PadRight(width)} | {string.Join(" | ", _engines.Select(engine => _results.GetValueOrDefault((engine, measure), "")))} |");
        }
    }
}
