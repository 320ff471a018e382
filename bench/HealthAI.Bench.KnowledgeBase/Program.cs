using System.CommandLine;
using HealthAI.Testing;

namespace HealthAI.Bench.KnowledgeBase;

/// <summary>
/// Knowledge base benchmark, engines side by side: ingest, search at 10k and 100k chunks (through the API,
/// in each search mode), memory, backup, verify and restore. PostgreSQL is Debian's server as a throwaway
/// host process with its durable defaults (fsync and synchronous commit on), as SQLite runs with
/// synchronous = FULL. Rerun: <c>./healthai bench-knowledge-base</c>.
/// </summary>
internal static class KnowledgeBaseBench
{
    public static async Task<int> Main(string[] args)
    {
        var engines = new Option<string[]>("--engine")
        {
            Description = "sqlite, postgresql, or both (repeat the option); default both",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["sqlite", "postgresql"],
        };
        engines.AcceptOnlyFromAmong("sqlite", "postgresql");
        var modes = new Option<string[]>("--mode")
        {
            Description = "search modes of the long questions: lexical, semantic, hybrid (repeat the option); default all three",
            AllowMultipleArgumentsPerToken = true,
            DefaultValueFactory = _ => ["lexical", "semantic", "hybrid"],
        };
        modes.AcceptOnlyFromAmong("lexical", "semantic", "hybrid");
        var targetMegabytes = new Option<int>("--target-mb")
        {
            Description = "the knowledge base size for backup and restore, in MB on disk",
            DefaultValueFactory = _ => 100,
        };
        var command = new RootCommand("HealthAI knowledge base benchmark") { engines, modes, targetMegabytes };
        command.SetAction(async (parsed, cancel) =>
        {
            var table = new ResultTable();
            var targetBytes = parsed.GetValue(targetMegabytes) * 1024L * 1024;
            var searchModes = parsed.GetValue(modes)!.Distinct().ToList();
            foreach (var engine in parsed.GetValue(engines)!.Distinct())
            {
                var folder = Path.Combine(Path.GetTempPath(), $"healthai-bench-{Guid.NewGuid():N}");
                try
                {
                    if (engine == "postgresql")
                    {
                        await using var server = await PostgreSqlServer.StartAsync(durable: true, cancel);
                        await using var host = LoopbackReplica.Start(folder, await server.CreateDatabaseAsync("bench", cancel));
                        await EngineRun.RunAsync("PostgreSQL", host, targetBytes, searchModes, table, cancel);
                    }
                    else
                    {
                        await using var host = LoopbackReplica.Start(folder, connectionString: null);
                        await EngineRun.RunAsync("SQLite", host, targetBytes, searchModes, table, cancel);
                    }
                }
                finally
                {
                    if (Directory.Exists(folder))
                    {
                        Directory.Delete(folder, recursive: true);
                    }
                }
            }

            table.Print();
            return 0;
        });
        return await command.Parse(args).InvokeAsync();
    }
}
