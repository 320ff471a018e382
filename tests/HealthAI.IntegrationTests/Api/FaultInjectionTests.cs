using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HealthAI.Api.Faults;

namespace HealthAI.Api.Tests;

public sealed class FaultInjectionTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_requested_delay_is_honoured_only_when_faults_are_enabled()
    {
        await using var enabled = new ApiFactory(new Dictionary<string, string?> { ["Faults:Enabled"] = "true" });
        await using var disabled = new ApiFactory();

        // Each host answers once first, so its start-up (on a loaded machine, seconds) is not timed; the delay is
        // long enough that a loaded machine's slow answer is not mistaken for an honoured one.
        var (enabledClient, disabledClient) = (enabled.CreateClient(), disabled.CreateClient());
        await TimeAsync(enabledClient, 0);
        await TimeAsync(disabledClient, 0);
        var slow = await TimeAsync(enabledClient, 3000);
        var fast = await TimeAsync(disabledClient, 3000);

        Assert.True(slow >= TimeSpan.FromMilliseconds(2950), $"enabled: answered after {slow}");
        Assert.True(fast < TimeSpan.FromMilliseconds(2950), $"disabled: answered after {fast}");
    }

    [Fact]
    public async Task A_too_large_maximum_delay_fails_start_up_naming_the_key()
    {
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Faults:MaxDelay"] = "01:00:00" });

        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("Faults:MaxDelay", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_crash_after_a_write_is_not_played_when_faults_are_disabled()
    {
        await using var api = new ApiFactory();

        var stored = await PostAsync(api.CreateClient(), Documents.Numbered("crash-off", 1), key: null, crash: true);

        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
    }

    [Fact]
    public async Task A_replayed_or_refused_write_does_not_play_the_crash()
    {
        // Only a fresh commit's acknowledgement is the one a crash loses: these answers committed nothing, so the replica lives.
        await using var api = new ApiFactory(new Dictionary<string, string?> { ["Faults:Enabled"] = "true" });
        var client = api.CreateClient();
        var key = Guid.NewGuid().ToString("N");
        await PostAsync(client, Documents.Numbered("crash-replay", 1), key, crash: false);

        var replayed = await PostAsync(client, Documents.Numbered("crash-replay", 1), key, crash: true);
        var refused = await PostAsync(client, new { title = "", text = "" }, key: null, crash: true);

        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, object document, string? key, bool crash)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/documents") { Content = JsonContent.Create(document) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (crash)
        {
            request.Headers.Add(FaultInjectionOptions.CrashAfterWriteHeader, "true");
        }

        return await client.SendAsync(request, Cancel);
    }

    private static async Task<TimeSpan> TimeAsync(HttpClient client, int delayMilliseconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(FaultInjectionOptions.DelayHeader, delayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        (await client.SendAsync(request, Cancel)).EnsureSuccessStatusCode();
        return clock.Elapsed;
    }
}
