using Npgsql;
using Polly;

namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// Where one read's first attempt runs, so that its hedge can tell a lost server from a slow one. A hedge is
/// sent to a standby, but while there is only one live server (no standby, or no primary during a switch)
/// Npgsql gives it that same server: running the read a second time there only doubles the load of a server
/// that is already slow, and cancelling the loser costs it one more connection (PostgreSQL's cancel request).
/// Such a hedge waits for the first attempt instead, and runs the read itself only if that attempt fails.
/// </summary>
internal sealed class ReadAttempts
{
    /// <summary>Carries one read's attempts from the read into every attempt's context (hedging copies the properties).</summary>
    public static readonly ResiliencePropertyKey<ReadAttempts?> Key = new("HealthAI.ReadAttempts");

    private volatile First? _first;

    /// <summary>A first attempt begins (the read's, or its retry's); it says when it ends.</summary>
    public First Begin() => _first = new First();

    /// <summary>The server <paramref name="connection"/> reached: its host and port (several servers may share a host).</summary>
    public static string ServerOf(NpgsqlConnection connection) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{connection.Host}:{connection.Port}");

    /// <summary>
    /// The end of the first attempt (true when it answered) if it still runs on <paramref name="server"/>; otherwise
    /// null, and the hedge runs the read (the first attempt is still connecting, it is on another server, or it is over).
    /// </summary>
    public Task<bool>? RunningOn(string server) =>
        _first is { Server: { } running } first && !first.Ended.IsCompleted && string.Equals(running, server, StringComparison.Ordinal)
            ? first.Ended
            : null;

    /// <summary>One first attempt: the server it reached once it has a connection, and its end.</summary>
    public sealed class First
    {
        private readonly TaskCompletionSource<bool> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string? Server { get; set; }

        public Task<bool> Ended => _ended.Task;

        /// <summary>The attempt is over; <paramref name="answered"/> when it returned the read's answer.</summary>
        public void End(bool answered) => _ended.TrySetResult(answered);
    }
}
