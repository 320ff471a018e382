using HealthAI.Chaos.Scenarios;

namespace HealthAI.Chaos;

internal static class Usage
{
    public static void Print()
    {
        Console.WriteLine("usage: dotnet run -c Release --project tests/HealthAI.Chaos -- [scenario ...] [--quick] [--rate R] [--clients N] [--duration S] [--load mixed|root] [--repeat N] [--out DIR]");
        Console.WriteLine("load: mixed (default) = 70% GET /api/search, 15% POST /api/ask, 10% POST /api/documents (idempotent), 5% GET /; root = GET / only");
        Console.WriteLine("scenarios (default: all; with --quick: startup overhead kill-primary keyless-writes frozen-replica):");
        foreach (var scenario in ScenarioCatalog.All)
        {
            Console.WriteLine($"  {scenario.Name,-20} {scenario.Description}");
        }
    }
}
