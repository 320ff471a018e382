using System.Net;
using System.Net.Sockets;

namespace HealthAI.Api.Tests;

/// <summary>
/// A loopback relay in front of a real server that can be made to look as if the server's host vanished:
/// the connections it relays stay open but carry nothing more, and new connections are never accepted. The
/// kernel then drops their SYNs, because the listen queue (one connection long) is kept full, so a connect to
/// the relay waits out its timeout, as a connect to a killed container's address does.
/// </summary>
internal sealed class VanishingServerRelay : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly IPEndPoint _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly Task _accepting;
    private volatile bool _vanished;

    public VanishingServerRelay(string serverHost, int serverPort)
    {
        _server = new IPEndPoint(IPAddress.Parse(serverHost == "localhost" ? "127.0.0.1" : serverHost), serverPort);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>From now on nothing passes, and connects hang.</summary>
    public async Task VanishAsync()
    {
        _vanished = true;
        await _stop.CancelAsync();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        // Fill the listen queue, so that the kernel drops every later SYN.
        for (var i = 0; i < 4; i++)
        {
            var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            lock (_sockets)
            {
                _sockets.Add(filler);
            }

            using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            try
            {
                await filler.ConnectAsync(new IPEndPoint(IPAddress.Loopback, Port), attempt.Token);
            }
            catch (OperationCanceledException)
            {
                return; // The queue is full: this SYN was dropped.
            }
        }

        throw new InvalidOperationException("The relay's listen queue never filled up.");
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptAsync(_stop.Token);
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await server.ConnectAsync(_server, _stop.Token);
            lock (_sockets)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client, server);
            _ = PumpAsync(server, client);
        }
    }

    // Bytes that arrive after the vanishing are swallowed: the other side waits, as it would for a lost host.
    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (await from.ReceiveAsync(buffer, SocketFlags.None) is var read and > 0)
            {
                if (!_vanished)
                {
                    await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
                }
            }
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Dispose();
        lock (_sockets)
        {
            _sockets.ForEach(socket => socket.Dispose());
        }

        _stop.Dispose();
    }
}
