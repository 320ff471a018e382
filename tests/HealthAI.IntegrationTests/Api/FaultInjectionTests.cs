using System.Diagnostics;
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

    private static async Task<TimeSpan> TimeAsync(HttpClient client, int delayMilliseconds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add(FaultInjectionOptions.DelayHeader, delayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var clock = Stopwatch.StartNew();
        (await client.SendAsync(request, Cancel)).EnsureSuccessStatusCode();
        return clock.Elapsed;
    }
}
