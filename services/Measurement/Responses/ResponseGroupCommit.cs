using System.Threading.Channels;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Measurement.Responses;

/// <summary>
/// Group commit for response ingestion. Calls that arrive while a commit is under way wait in a
/// queue, and the next commit takes all of them (per tenant) in one transaction. A commit costs
/// about the same for one response as for hundreds, and on SQLite, which has a single writer,
/// callers queue here instead of retrying the database's write lock. Each caller still gets its
/// own answer: a refused submission refuses only its own responses.
/// </summary>
internal sealed partial class ResponseGroupCommit(IServiceScopeFactory scopes, ILogger<ResponseGroupCommit> logger) : BackgroundService
{
    /// <summary>Enough to amortize a commit; small enough that no caller waits behind a huge one.</summary>
    private const int MaxResponsesPerCommit = 5_000;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Records <paramref name="submission"/> for <paramref name="tenantId"/> in the next group commit.</summary>
    public async Task<SubmissionOutcome> SubmitAsync(string tenantId, Submission submission, CancellationToken cancellationToken)
    {
        var pending = new Pending(tenantId, submission, new TaskCompletionSource<SubmissionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new OperationCanceledException("The measurement service is stopping.");
        }

        // A caller that gives up stops waiting; its responses may still be recorded, as with any
        // call cut off after it was sent (a retry with the same submission ids is a duplicate).
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var group = new List<Pending>();
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await CommitWaitingAsync(group);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is already queued is still committed, so no accepted call is dropped.
            _queue.Writer.TryComplete();
            await CommitWaitingAsync(group);
        }
    }

    private async Task CommitWaitingAsync(List<Pending> group)
    {
        while (true)
        {
            group.Clear();
            var responses = 0;
            while (responses < MaxResponsesPerCommit && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                responses += next.Submission.Responses.Count;
            }

            if (group.Count == 0)
            {
                return;
            }

            foreach (var tenant in group.GroupBy(p => p.TenantId, StringComparer.Ordinal))
            {
                await CommitAsync(tenant.Key, tenant.ToList());
            }
        }
    }

    private async Task CommitAsync(string tenantId, List<Pending> group)
    {
        try
        {
            var outcomes = await RecordAsync(tenantId, group);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Complete(outcomes[i]);
            }
        }
        catch (Exception e) when (group.Count > 1)
        {
            // The database refused the group as a whole: each submission alone, so a failure
            // reaches only the caller it belongs to.
            LogGroupFailed(logger, e, group.Count);
            foreach (var pending in group)
            {
                await CommitAsync(tenantId, [pending]);
            }
        }
        catch (Exception e)
        {
            group[0].Completion.TrySetException(e);
        }
    }

    private async Task<IReadOnlyList<SubmissionOutcome>> RecordAsync(string tenantId, List<Pending> group)
    {
        await using var scope = scopes.CreateTenantScope(tenantId);
        var recorder = scope.ServiceProvider.GetRequiredService<ResponseRecorder>();

        // Not the callers' tokens: one caller giving up must not cancel the others' commit.
        return await recorder.RecordAsync(group.Select(p => p.Submission).ToList(), CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A group commit of {Count} submissions failed; committing them one by one")]
    private static partial void LogGroupFailed(ILogger logger, Exception exception, int count);

    private sealed record Pending(string TenantId, Submission Submission, TaskCompletionSource<SubmissionOutcome> Completion)
    {
        public void Complete(SubmissionOutcome outcome)
        {
            if (outcome.Error is not null)
            {
                Completion.TrySetException(outcome.Error);
            }
            else
            {
                Completion.TrySetResult(outcome);
            }
        }
    }
}
