namespace RelIntel.Api.Infrastructure;

/// <summary>
/// A background service that looks once at start-up and then every <see cref="Interval"/> on the injected clock (so tests
/// move it with their own), until the service stops. What a look does, and what a failed look logs, is the worker's own.
/// </summary>
public abstract class PeriodicWorker(TimeProvider clock) : BackgroundService
{
    protected TimeProvider Clock { get; } = clock;

    protected abstract TimeSpan Interval { get; }

    /// <summary>One look; it should not throw but for cancellation (the next look tries again).</summary>
    public abstract Task TickAsync(CancellationToken stoppingToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, Clock);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
