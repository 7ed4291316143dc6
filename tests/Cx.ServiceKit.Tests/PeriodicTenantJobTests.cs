using System.Collections.Concurrent;
using Cx.Domain.Errors;
using Cx.ServiceDefaults.Tenancy;
using Cx.ServiceKit.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cx.ServiceKit.Tests;

/// <summary>The one periodic job type: per tenant, in that tenant's scope, by the service's clock, one tenant's trouble never stopping the others.</summary>
public sealed class PeriodicTenantJobTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunOnce_RunsEachTenantWithWork_InAScopeActingForIt_AsTheSystem()
    {
        var (provider, ledger, _) = Build(["acme", "globex"]);
        await using var _1 = provider;

        var done = await provider.GetRequiredService<PeriodicTenantJob<RecordingJob>>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(2, done);
        Assert.Equal([("acme", "system", Start), ("globex", "system", Start)], ledger.Runs.OrderBy(r => r.Tenant, StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunOnce_ALostRaceAndAFailure_LeaveThoseTenants_TheOthersStillRun()
    {
        var (provider, ledger, logs) = Build(["conflict", "broken", "fine"]);
        await using var _1 = provider;
        ledger.Throw["conflict"] = new ConcurrencyConflictException("case", "c-1", 2);
        ledger.Throw["broken"] = new InvalidOperationException("disk full");

        var done = await provider.GetRequiredService<PeriodicTenantJob<RecordingJob>>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, done);
        Assert.Equal(["fine"], ledger.Runs.Select(r => r.Tenant));
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains("tenant broken", error.Message, StringComparison.Ordinal);
        Assert.Equal("disk full", error.Exception?.Message);
    }

    [Fact]
    public async Task Loop_RunsAtStart_ThenOnlyWhenTheServicesClockHasMovedAnInterval()
    {
        var (provider, ledger, _) = Build(["acme"]);
        await using var _1 = provider;
        var clock = provider.GetRequiredService<FakeTimeProvider>();
        var job = provider.GetRequiredService<PeriodicTenantJob<RecordingJob>>();

        await job.StartAsync(CancellationToken.None);
        await ledger.WaitForRunsAsync(1);

        // The loop waits on a timer of the clock's; moved before it is set, the clock would leave it a minute from then.
        Assert.True(await ((WaitingClock)clock).TimerSet.WaitAsync(TimeSpan.FromSeconds(10)), "The job never waited for its next run.");
        clock.Advance(TimeSpan.FromSeconds(59));
        await Task.Delay(200);
        Assert.Single(ledger.Runs);
        clock.Advance(TimeSpan.FromSeconds(1));
        await ledger.WaitForRunsAsync(2);
        await job.StopAsync(CancellationToken.None);

        Assert.Equal([Start, Start.AddMinutes(1)], ledger.Runs.Select(r => r.At));
    }

    [Fact]
    public async Task Loop_OfAScheduleNotInBackground_NeverRuns_WhileRunOnceStillDoes()
    {
        var (provider, ledger, _) = Build(["acme"], inBackground: false);
        await using var _1 = provider;
        var clock = provider.GetRequiredService<FakeTimeProvider>();
        var job = provider.GetRequiredService<PeriodicTenantJob<RecordingJob>>();

        await job.StartAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(200);
        Assert.Empty(ledger.Runs);
        Assert.Equal(1, await job.RunOnceAsync(CancellationToken.None));
        await job.StopAsync(CancellationToken.None);

        Assert.Equal([("acme", "system", Start.AddMinutes(5))], ledger.Runs);
    }

    private static (ServiceProvider Provider, Ledger Ledger, RecordingLogs Logs) Build(string[] tenants, bool inBackground = true)
    {
        var ledger = new Ledger(tenants);
        var logs = new RecordingLogs();
        var clock = new WaitingClock(Start);
        var services = new ServiceCollection()
            .AddCxTenancy()
            .AddLogging(l => l.AddProvider(logs))
            .AddSingleton<FakeTimeProvider>(clock)
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(ledger)
            .AddScoped<RecordingJob>()
            .AddSingleton(new JobSchedule<RecordingJob>(TimeSpan.FromMinutes(1), inBackground))
            .AddSingleton<PeriodicTenantJob<RecordingJob>>();
        return (services.BuildServiceProvider(), ledger, logs);
    }

    /// <summary>A test clock that tells when a timer is set on it.</summary>
    internal sealed class WaitingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public SemaphoreSlim TimerSet { get; } = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerSet.Release();
            return timer;
        }
    }

    internal sealed class Ledger(string[] tenants)
    {
        private readonly ConcurrentQueue<(string Tenant, string Actor, DateTimeOffset At)> _runs = new();

        public string[] Tenants { get; } = tenants;

        public Dictionary<string, Exception> Throw { get; } = [];

        public IReadOnlyList<(string Tenant, string Actor, DateTimeOffset At)> Runs => [.. _runs];

        public void Add(string tenant, string actor, DateTimeOffset at) => _runs.Enqueue((tenant, actor, at));

        public async Task WaitForRunsAsync(int count)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (_runs.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"The job ran {_runs.Count} times, not {count}.");
                await Task.Delay(20);
            }
        }
    }

    internal sealed class RecordingJob(Ledger ledger, ITenantContext tenant, ActorContext actor) : ITenantJob
    {
        public Task<IReadOnlyList<string>> TenantsWithWorkAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<string>>(ledger.Tenants);

        public Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (ledger.Throw.TryGetValue(tenant.TenantId, out var failure))
            {
                throw failure;
            }

            ledger.Add(tenant.TenantId, actor.Actor, now);
            return Task.FromResult(1);
        }
    }

    internal sealed class RecordingLogs : ILoggerProvider
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> _entries = new();

        public IReadOnlyList<(LogLevel Level, string Message, Exception? Exception)> Entries => [.. _entries];

        public ILogger CreateLogger(string categoryName) => new Logger(_entries);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<(LogLevel, string, Exception?)> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue((logLevel, formatter(state, exception), exception));
        }
    }
}
