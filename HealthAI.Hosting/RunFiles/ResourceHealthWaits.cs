using Aspire.Hosting.ApplicationModel;

namespace HealthAI.Hosting;

/// <summary>Waits on resources that a command has just started again.</summary>
public static class ResourceHealthWaits
{
    /// <summary>
    /// Waits until <paramref name="resource"/> runs and passes its health checks. Right after a start command the
    /// latest snapshot can still be the stop's "Exited", which a health wait alone reads as a failed start, so the
    /// wait first sees the resource running.
    /// </summary>
    public static async Task WaitForHealthyAfterStartAsync(this ResourceNotificationService notifications, string resource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        await notifications.WaitForResourceAsync(resource, KnownResourceStates.Running, cancellationToken);
        await notifications.WaitForResourceHealthyAsync(resource, cancellationToken);
    }
}
