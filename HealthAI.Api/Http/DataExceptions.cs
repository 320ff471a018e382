using Npgsql;

namespace HealthAI.Api.Http;

/// <summary>
/// PostgreSQL's class 22 (data exception: a NUL byte, a value out of range, bad encoding) is the request's fault,
/// not the database's: answered 503, an edge would replay it on every replica, and each would refuse it the same way.
/// </summary>
internal static class DataExceptions
{
    /// <summary>The data exception in <paramref name="error"/> or its causes, or null.</summary>
    public static PostgresException? Find(Exception error)
    {
        for (Exception? cause = error; cause is not null; cause = cause.InnerException)
        {
            if (cause is PostgresException server && server.SqlState.StartsWith("22", StringComparison.Ordinal))
            {
                return server;
            }
        }

        return null;
    }
}
