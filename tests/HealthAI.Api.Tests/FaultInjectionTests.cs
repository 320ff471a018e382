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

        var slow = await TimeAsync(enabled.CreateClient(), 600);
        var fast = await TimeAsync(disabled.CreateClient(), 600);

        Assert.True(slow >= TimeSpan.FromMilliseconds(550), $"enabled: answered after {slow}");
        Assert.True(fast < TimeSpan.FromMilliseconds(550), $"disabled: answered after {fast}");
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
