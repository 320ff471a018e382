using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using HealthAI.Api.Faults;
using HealthAI.ServiceDefaults;

namespace HealthAI.AppHost.Tests;

[Collection(HealthAIAppGroup.Name)]
public sealed class DrainTests(HealthAIAppFixture fixture) : IAsyncLifetime
{
    private const string Replica = "healthai-app-3";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // Also when an assertion failed: a replica left stopped would fail every later test of the collection.
    public async ValueTask DisposeAsync() => await fixture.RestoreAsync(CancellationToken.None);

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
        // When Kestrel closes its listening socket, Linux resets the connections still queued for accept: the
        // replica never took them. Such a reset comes after every answered request; one before is a dropped request.
        var lastAnswered = outcomes.Where(o => o.Status is not null).Max(o => o.At);
        var failed = outcomes.Where(o => !o.Refused && o.Status != HttpStatusCode.OK && !(o.Reset && o.At >= lastAnswered)).ToList();
        Assert.True(failed.Count == 0, $"{failed.Count} accepted requests failed: {string.Join("; ", failed.Take(5))}");
        Assert.True(outcomes.Count(o => o.Status == HttpStatusCode.OK) > 10, "too little traffic reached the replica to prove anything");
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
                outcomes.Enqueue(new Outcome(at, null, error.HttpRequestError, IsReset(error)));
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

    private static bool IsReset(Exception error)
    {
        for (Exception? inner = error; inner is not null; inner = inner.InnerException)
        {
            if (inner is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset })
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Outcome(TimeSpan At, HttpStatusCode? Status, HttpRequestError? Error, bool Reset = false)
    {
        public bool Refused => Error == HttpRequestError.ConnectionError;
    }
}
