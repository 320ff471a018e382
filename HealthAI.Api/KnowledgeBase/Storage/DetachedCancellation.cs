namespace HealthAI.Api.KnowledgeBase.Storage;

/// <summary>
/// A token for Npgsql that is cancelled on a thread of its own once the caller's token is. Npgsql answers a
/// cancelled command with PostgreSQL's cancel request, and it opens that request's connection synchronously, on
/// the thread that cancels: up to the connect timeout, twice while GSS encryption is "prefer". Against a server
/// that vanished (killed, its packets dropped), the hedging's winner, which cancels the loser before it returns,
/// waited those seconds, and so did the budget's timer and the pool threads that every read shares: a switch of
/// primary made searches outlast the edges' 2.5 s on every replica at once (a fresh clone's drill failed 1,241
/// reads). Only the abandoned attempt waits on the request now.
/// </summary>
internal readonly struct DetachedCancellation : IDisposable
{
    private readonly CancellationTokenRegistration _relay;

    private DetachedCancellation(CancellationToken caller)
    {
        if (!caller.CanBeCanceled)
        {
            return;
        }

        // Not disposed: the detached cancel may still run once the attempt is over, and a source with no timer
        // holds nothing that the collector does not free.
        var source = new CancellationTokenSource();
        Token = source.Token;
        _relay = caller.UnsafeRegister(static state => _ = Task.Factory.StartNew(
            static source => ((CancellationTokenSource)source!).Cancel(), state, CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default), source);
    }

    /// <summary>The token to hand to Npgsql; <see cref="CancellationToken.None"/> when the caller's can never be cancelled.</summary>
    public CancellationToken Token { get; }

    /// <summary>Relays the cancellation of <paramref name="caller"/>, off the cancelling thread.</summary>
    public static DetachedCancellation From(CancellationToken caller) => new(caller);

    public void Dispose() => _relay.Dispose();
}
