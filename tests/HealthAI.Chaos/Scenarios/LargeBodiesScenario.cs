using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Api.KnowledgeBase.Storage;
using HealthAI.Chaos.Analysis;
using HealthAI.Chaos.Workload;
using HealthAI.Testing;
using HealthAI.Testing.Load;

namespace HealthAI.Chaos.Scenarios;

/// <summary>
/// Bodies and responses of every allowed size, through each edge: a document at the API's largest (201),
/// a batch at its largest (200), and a backup download far larger than the edge's proxy buffers, which
/// must match its <c>Repr-Digest</c>. nginx spills all three to its temp folders, which its workers must
/// be able to write.
/// </summary>
internal sealed class LargeBodiesScenario : IChaosScenario
{
    // Restricted routes (/backup) take only the allow-list, which the harness sets to 127.0.0.1.
    private const string AllowedSource = "127.0.0.1";
    private const string AdminTokenParameter = "backup-admin-token";

    // nginx's default proxy buffers are 8 x 4 KiB plus one for the header: a download past 1 MiB spills to disk.
    private const long AboveProxyBuffers = 1024 * 1024;

    public string Name => "large-bodies";

    public string Description => "per edge: a document at the API's maximum (201), a batch at its maximum (200), a backup download larger than the proxy buffers matching its Repr-Digest";

    public async Task<IReadOnlyList<RunResult>> RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        await context.System.RestoreAsync(cancellationToken);
        var limits = new KnowledgeBaseOptions();
        var token = await ((ParameterResource)context.System.Resource(AdminTokenParameter)).GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{AdminTokenParameter} has no value.");
        var results = new List<RunResult>();
        foreach (var edge in HealthAITopology.Edges)
        {
            var target = context.EdgeUrl(edge);
            using var client = LoopbackClients.Create(AllowedSource, context.System.EdgeCertificate);
            var nonce = Guid.NewGuid().ToString("N")[..12];
            var clock = Stopwatch.StartNew();
            var samples = new List<LoadSample>();
            var problems = new List<string>();
            var figures = new Dictionary<string, double>();

            var document = LargeBodies.Document(limits.MaxDocumentBytes, nonce);
            var (status, _) = await SendAsync(client, clock, samples, "document", Json(HttpMethod.Post, new Uri(target, "/api/documents"), document, context.System.EditorToken), cancellationToken);
            Expect(problems, "document at the maximum size", status, HttpStatusCode.Created);

            var batch = LargeBodies.Batch(limits.MaxBatchBytes, limits.MaxBatchDocuments, nonce);
            (status, _) = await SendAsync(client, clock, samples, "batch", Json(HttpMethod.Post, new Uri(target, "/api/documents/batch"), batch, context.System.EditorToken), cancellationToken);
            Expect(problems, "batch at the maximum size", status, HttpStatusCode.OK);

            var create = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "/backup"));
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            (status, var created) = await SendAsync(client, clock, samples, "backup", create, cancellationToken);
            Expect(problems, "backup", status, HttpStatusCode.Created);
            if (status == HttpStatusCode.Created)
            {
                var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetString();
                var download = new HttpRequestMessage(HttpMethod.Get, new Uri(target, $"/backup/{id}/download"));
                download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                var (downloaded, digestMatches) = await DownloadAsync(client, clock, samples, download, cancellationToken);
                figures["download bytes"] = downloaded;
                Require(problems, downloaded > AboveProxyBuffers, $"the backup download was only {downloaded} bytes, not larger than the proxy buffers");
                Require(problems, digestMatches, "the backup download does not match its Repr-Digest");
            }

            figures["document bytes"] = document.Length;
            figures["batch bytes"] = batch.Length;
            ChaosContext.Log($"{Name} via {edge}: {string.Join(", ", samples.Select(s => $"{s.Kind} {s.Status} in {s.Latency.TotalMilliseconds:0} ms"))}");
            var plan = new LoadPlan(target, samples.Count / Math.Max(clock.Elapsed.TotalSeconds, 0.001), clock.Elapsed, [AllowedSource]);
            results.Add(new RunResult(Name, edge, plan, samples, []) { Figures = figures, ExtraGoalFailures = problems });
        }

        return results;
    }

    // Writes to the knowledge base carry the editor token.
    private static HttpRequestMessage Json(HttpMethod method, Uri uri, byte[] body, string? editorToken) => new(method, uri)
    {
        Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        Headers = { Authorization = editorToken is null ? null : new AuthenticationHeaderValue("Bearer", editorToken) },
    };

    private static async Task<(HttpStatusCode? Status, string Body)> SendAsync(HttpClient client, Stopwatch clock, List<LoadSample> samples, string kind, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = clock.Elapsed;
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, cancellationToken))
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                samples.Add(new LoadSample(started, clock.Elapsed - started, (int)response.StatusCode, Instance(response), null, 0, kind));
                return (response.StatusCode, body);
            }
        }
        catch (HttpRequestException error)
        {
            samples.Add(new LoadSample(started, clock.Elapsed - started, 0, null, error.HttpRequestError.ToString(), 0, kind));
            return (null, "");
        }
    }

    // Streams the body through SHA-256 and compares it with the RFC 9530 header: sha-256=:<base64>:.
    private static async Task<(long Bytes, bool DigestMatches)> DownloadAsync(HttpClient client, Stopwatch clock, List<LoadSample> samples, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = clock.Elapsed;
        try
        {
            using (request)
            using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[81920];
                long bytes = 0;
                for (int read; (read = await body.ReadAsync(buffer, cancellationToken)) > 0; bytes += read)
                {
                    hash.AppendData(buffer, 0, read);
                }

                var expected = response.Headers.TryGetValues("Repr-Digest", out var values) ? values.Single() : "";
                var actual = $"sha-256=:{Convert.ToBase64String(hash.GetHashAndReset())}:";
                samples.Add(new LoadSample(started, clock.Elapsed - started, (int)response.StatusCode, Instance(response), null, 0, "download"));
                return (bytes, response.IsSuccessStatusCode && expected == actual);
            }
        }
        catch (HttpRequestException error)
        {
            samples.Add(new LoadSample(started, clock.Elapsed - started, 0, null, error.HttpRequestError.ToString(), 0, "download"));
            return (0, false);
        }
    }

    private static string? Instance(HttpResponseMessage response) =>
        response.Headers.TryGetValues(HealthAI.ServiceDefaults.ReplicaHeaders.Instance, out var values) ? values.FirstOrDefault() : null;

    private static void Expect(List<string> problems, string what, HttpStatusCode? status, HttpStatusCode expected) =>
        Require(problems, status == expected, $"the {what} got {(status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : "no answer")}, not {(int)expected}");

    private static void Require(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
