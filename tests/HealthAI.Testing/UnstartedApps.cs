using Aspire.Hosting;

namespace HealthAI.Testing;

/// <summary>Disposes an app model that was built for inspection and never started.</summary>
public static class UnstartedApps
{
    /// <summary>
    /// Disposes <paramref name="app"/>. The testing builder runs the AppHost's entry point on a thread of its own,
    /// and disposal cancels that thread's start; when the cancellation lands inside the host's start, the host's
    /// stop then finds its hosted services unset and throws <see cref="ArgumentNullException"/>. Nothing ran, so
    /// nothing is left to stop: that exception alone is let go.
    /// </summary>
    public static async ValueTask DisposeAsync(DistributedApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            await app.DisposeAsync();
        }
        catch (ArgumentNullException error) when (error.StackTrace?.Contains("Microsoft.Extensions.Hosting.Internal.Host.StopAsync", StringComparison.Ordinal) == true)
        {
            // The start was cancelled half-way; see above.
        }
    }
}
