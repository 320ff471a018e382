using System.CommandLine;
using HealthAI.Bench.KnowledgeBase;
using HealthAI.Testing;

// Knowledge base benchmark, engines side by side: ingest, search at 10k and 100k chunks, backup, verify
// and restore. PostgreSQL is Debian's server as a throwaway host process with its durable defaults
// (fsync and synchronous commit on), as SQLite runs with synchronous = FULL.
var engines = new Option<string[]>("--engine")
{
    Description = "sqlite, postgresql, or both (repeat the option); default both",
    AllowMultipleArgumentsPerToken = true,
    DefaultValueFactory = _ => ["sqlite", "postgresql"],
};
engines.AcceptOnlyFromAmong("sqlite", "postgresql");
var targetMegabytes = new Option<int>("--target-mb")
{
    Description = "the knowledge base size for backup and restore, in MB on disk",
    DefaultValueFactory = _ => 100,
};
var command = new RootCommand("HealthAI knowledge base benchmark") { engines, targetMegabytes };
command.SetAction(async (parsed, cancel) =>
{
    var table = new ResultTable();
    var targetBytes = parsed.GetValue(targetMegabytes) * 1024L * 1024;
    foreach (var engine in parsed.GetValue(engines)!.Distinct())
    {
        var folder = Path.Combine(Path.GetTempPath(), $"healthai-bench-{Guid.NewGuid():N}");
        try
        {
            if (engine == "postgresql")
            {
                await using var server = await PostgreSqlServer.StartAsync(durable: true, cancel);
                await using var host = BenchHost.Create(folder, await server.CreateDatabaseAsync("bench", cancel));
                await EngineRun.RunAsync("PostgreSQL", host, targetBytes, table, cancel);
            }
            else
            {
                await using var host = BenchHost.Create(folder, connectionString: null);
                await EngineRun.RunAsync("SQLite", host, targetBytes, table, cancel);
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
