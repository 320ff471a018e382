[assembly: AssemblyFixture(typeof(HealthAI.Api.Tests.PostgreSqlFixture))]

namespace HealthAI.Api.Tests;

/// <summary>
/// One PostgreSQL server for the test run, started the first time a PostgreSQL test class asks for it (so a
/// run of SQLite-only classes never pays for it) and stopped at the end; each knowledge base a test makes
/// is a database of its own on it.
/// </summary>
public sealed class PostgreSqlFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private PostgreSqlServer? _server;

    public KnowledgeBaseUnderTest Engine => new PostgreSqlKnowledgeBase(this);

    public async Task<PostgreSqlServer> ServerAsync()
    {
        await _starting.WaitAsync();
        try
        {
            return _server ??= await PostgreSqlServer.StartAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _starting.Dispose();
    }
}
