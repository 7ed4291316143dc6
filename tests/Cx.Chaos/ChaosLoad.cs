using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using M = Cx.Measurement.V1;
using CommonV1 = Cx.Common.V1;

namespace Cx.Chaos;

/// <summary>A response a client submitted: its own id, so sending it again is safe, and the score it gave.</summary>
public sealed record Submission(string SubmissionId, string CustomerId, int Score)
{
    public bool Detractor => Score <= 6;
}

/// <summary>
/// Clients recording responses through the gateway at once, each on its own connection, while
/// processes die under them. A client keeps its submission until it is acknowledged, retrying on
/// any failure (the gateway, measurement or Redis may be down), and only then moves to the next:
/// what is acknowledged is what the platform promised to keep.
/// </summary>
public sealed class ChaosLoad : IAsyncDisposable
{
    private readonly Func<GrpcChannel> _connect;
    private readonly Metadata _headers;
    private readonly ChaosLoadOptions _options;
    private readonly ConcurrentDictionary<string, Submission> _attempted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _acked = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _ackedAt = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _clients = [];
    private DateTime _giveUpAtUtc = DateTime.MaxValue;
    private int _failures;

    public ChaosLoad(Func<GrpcChannel> connect, Metadata headers, ChaosLoadOptions options)
    {
        _connect = connect;
        _headers = headers;
        _options = options;
    }

    /// <summary>Every submission sent at least once.</summary>
    public IReadOnlyDictionary<string, Submission> Attempted => _attempted;

    /// <summary>Acknowledged submissions, with the response id the platform answered.</summary>
    public IReadOnlyDictionary<string, string> Acked => _acked;

    /// <summary>When each submission was acknowledged, to tell which kill its fate followed.</summary>
    public IReadOnlyDictionary<string, DateTime> AckedAtUtc => _ackedAt;

    /// <summary>Calls that failed and were retried.</summary>
    public int Failures => _failures;

    public void Start()
    {
        for (var client = 0; client < _options.Clients; client++)
        {
            var number = client;
            _clients.Add(Task.Run(() => RunAsync(number)));
        }
    }

    /// <summary>No new submissions; the one each client holds is retried until acknowledged or until <paramref name="grace"/> has passed.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _giveUpAtUtc = DateTime.UtcNow + grace;
        await _stop.CancelAsync();
        await Task.WhenAll(_clients);
    }

    private async Task RunAsync(int client)
    {
        using var channel = _connect();
        var measurement = new M.MeasurementService.MeasurementServiceClient(channel);
        var random = new Random(_options.Seed + client);
        for (var sequence = 0; !_stop.IsCancellationRequested; sequence++)
        {
            var score = random.NextDouble() < _options.DetractorShare ? random.Next(0, 7) : random.Next(7, 11);
            var submission = new Submission($"{_options.RunId}-{client:D2}-{sequence:D6}", $"{_options.RunId}-c{client:D2}-{sequence:D6}", score);
            _attempted[submission.SubmissionId] = submission;
            await SubmitUntilAckedAsync(measurement, submission);
            try
            {
                await Task.Delay(_options.Pause, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task SubmitUntilAckedAsync(M.MeasurementService.MeasurementServiceClient measurement, Submission submission)
    {
        var request = new M.RecordResponseRequest
        {
            Response = new M.Response
            {
                SubmissionId = submission.SubmissionId,
                Context = new CommonV1.ResponseContext { CustomerId = submission.CustomerId, JourneyId = ChaosScenario.Journey, JourneyStepId = ChaosScenario.Step, Channel = "web" },
                Answers = { new CommonV1.Answer { MetricId = ChaosScenario.Metric, Score = submission.Score } },
            },
        };
        while (DateTime.UtcNow < _giveUpAtUtc)
        {
            try
            {
                var result = await measurement.RecordResponseAsync(request, _headers, DateTime.UtcNow + _options.CallTimeout);
                _ackedAt[submission.SubmissionId] = DateTime.UtcNow;
                _acked[submission.SubmissionId] = result.ResponseId;
                return;
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref _failures);
                await Task.Delay(_options.RetryPause);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.Zero);
        }

        _stop.Dispose();
    }
}

/// <summary>How hard the clients push.</summary>
public sealed record ChaosLoadOptions
{
    /// <summary>Prefixes every submission and customer id, so runs never collide.</summary>
    public string RunId { get; init; } = Guid.NewGuid().ToString("N")[..8];

    public int Clients { get; init; } = 6;

    /// <summary>Each client's pause between one acknowledged submission and the next.</summary>
    public TimeSpan Pause { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The share of responses that are detractors (NPS 0-6).</summary>
    public double DetractorShare { get; init; } = 0.3;

    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPause { get; init; } = TimeSpan.FromMilliseconds(250);

    public int Seed { get; init; } = 17;
}
