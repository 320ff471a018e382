using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using HealthAI.Api.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HealthAI.Bench.BadInput;

/// <summary>
/// Bad-input benchmark: every body of the worst-case table, sent to one API replica on Kestrel (loopback),
/// timed, with the bytes the whole process allocated for it. Rerun: <c>./healthai bench-bad-input [rounds]</c>.
/// </summary>
internal static class BadInputBench
{
    private const string EditorToken = "bench-editor-token-0123456789";

    public static async Task Main(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var folder = Path.Combine(Path.GetTempPath(), $"healthai-bench-bad-input-{Guid.NewGuid():N}");
        try
        {
            await using var api = new BenchApi(folder, EditorToken);
            api.UseKestrel(0);
            using var client = api.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", EditorToken);

            Console.WriteLine("| case | body bytes | status | median ms | max ms | allocated per request | allocated / body |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var body in WorstCaseBodies.All)
            {
                // The first answer is what a fresh body gets; an accepted document then exists, and the rounds get 200.
                var first = await SendAsync(client, body);
                await SendAsync(client, body);
                var later = new SortedSet<int>();
                var times = new List<double>();
                long allocated = 0;
                for (var round = 0; round < rounds; round++)
                {
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    later.Add(await SendAsync(client, body));
                    times.Add(clock.Elapsed.TotalMilliseconds);
                    allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
                }

                times.Sort();
                var perRequest = allocated / rounds;
                var status = later.SetEquals([first]) ? $"{first}" : $"{first}, then {string.Join('/', later)}";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {body.Name} | {body.Body.Length:N0} | {status} | {times[times.Count / 2]:0.0} | {times[^1]:0.0} | {perRequest / 1024.0:N0} KiB | {(double)perRequest / body.Body.Length:0.00}× |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> SendAsync(HttpClient client, WorstCaseBody body)
    {
        using var content = new ByteArrayContent(body.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(body.ContentType);
        using var response = await client.PostAsync(new Uri(body.Path, UriKind.Relative), content);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    /// <summary>One API replica with its own folders and the editor token.</summary>
    private sealed class BenchApi(string folder, string editorToken) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("KnowledgeBase:DataDirectory", Path.Combine(folder, "data"));
            builder.UseSetting("Backups:Directory", Path.Combine(folder, "backups"));
            builder.UseSetting("KnowledgeBase:EditorToken", editorToken);
            builder.UseSetting("KnowledgeBase:MinFreeBytes", "0");
            builder.UseSetting("Backups:MinFreeBytes", "0");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
