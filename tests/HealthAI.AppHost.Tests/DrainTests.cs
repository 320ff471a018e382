using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Api.Faults;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Tests;

[Collection(HealthAIAppGroup.Name)]
public sealed class DrainTests(HealthAIAppFixture fixture)
{
    private const string Replica = "healthai-app-3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stopping_a_replica_turns_it_unready_before_it_exits_and_fails_no_request_it_accepted()
    {
        var endpoint = fixture.Endpoint(Replica);
        // A fresh connection per request: a refused connection is a request the replica never accepted.
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero });
        var clock = Stopwatch.StartNew();
        var outcomes = new ConcurrentQueue<Outcome>();
        var readiness = new ConcurrentQueue<Outcome>();
        using var stopLoops = CancellationTokenSource.CreateLinkedTokenSource(Cancel);

        using var slowRequest = new HttpRequestMessage(HttpMethod.Get, endpoint);
        slowRequest.Headers.Add(FaultInjectionOptions.DelayHeader, "1500");
        var inFlight = client.SendAsync(slowRequest, Cancel);
        var traffic = LoopAsync(() => client.GetAsync(endpoint, stopLoops.Token), outcomes, clock, stopLoops.Token);
        var probes = LoopAsync(() => client.GetAsync(new Uri(endpoint, HealthEndpoints.Readiness), stopLoops.Token), readiness, clock, stopLoops.Token);
        await Task.Delay(300, Cancel);

        var stopAt = clock.Elapsed;
        await fixture.RunCommandAsync(Replica, KnownResourceCommands.StopCommand, Cancel);
        await WaitUntilAsync(() => readiness.Any(o => o.At > stopAt && o.Refused), TimeSpan.FromSeconds(30));
        await stopLoops.CancelAsync();
        await Task.WhenAll(traffic, probes);
        var slowResponse = await inFlight;

        var firstUnready = readiness.Where(o => o.At > stopAt && o.Status == HttpStatusCode.ServiceUnavailable).Select(o => o.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var exit = readiness.Where(o => o.At > stopAt && o.Refused).Min(o => o.At);
        Assert.True(firstUnready < exit, $"/readyz never answered 503 between the stop ({stopAt}) and the exit ({exit})");
        Assert.Contains(outcomes, o => o.At > firstUnready && o.Status == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, slowResponse.StatusCode);
        var failed = outcomes.Where(o => !o.Refused && o.Status != HttpStatusCode.OK).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} accepted requests failed: {string.Join("; ", failed.Take(5))}");
        Assert.True(outcomes.Count(o => o.Status == HttpStatusCode.OK) > 10, "too little traffic reached the replica to prove anything");

        await fixture.System.StartAsync([Replica], Cancel);
    }

    private static async Task LoopAsync(Func<Task<HttpResponseMessage>> send, ConcurrentQueue<Outcome> outcomes, Stopwatch clock, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var at = clock.Elapsed;
            try
            {
                using var response = await send();
                outcomes.Enqueue(new Outcome(at, response.StatusCode, null));
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException error)
            {
                outcomes.Enqueue(new Outcome(at, null, error.HttpRequestError));
            }

            await Task.Delay(25, CancellationToken.None);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < timeout, $"gave up after {timeout}");
            await Task.Delay(50, Cancel);
        }
    }

    private sealed record Outcome(TimeSpan At, HttpStatusCode? Status, HttpRequestError? Error)
    {
        public bool Refused => Error == HttpRequestError.ConnectionError;
    }
}
