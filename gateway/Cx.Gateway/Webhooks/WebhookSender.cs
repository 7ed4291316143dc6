using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Cx.Domain.Errors;
using Cx.Gateway.Data;
using Cx.Persistence.Messaging;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cx.Gateway.Webhooks;

/// <summary>
/// Sends due deliveries, every tenant's, a few at a time. Each attempt is signed afresh (its own
/// webhook-timestamp) and recorded; a failure is retried after the next delay of the schedule, and
/// after the last one the delivery stays failed until redelivered by hand. The state lives in the
/// delivery rows, not in memory: a restart resumes what was due, and a lease on the row keeps two
/// gateway replicas from sending the same delivery at once. A crash mid-attempt sends it again
/// once the lease runs out, with the same webhook-id, so receivers can drop the repeat.
/// </summary>
internal sealed partial class WebhookSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    WebhookSettings settings,
    WebhookSecrets secrets,
    TimeProvider clock,
    ILogger<WebhookSender> logger) : BackgroundService
{
    public const string HttpClientName = "cx-webhooks";

    private const int ExcerptLength = 1000;

    private static readonly ActivitySource Tracing = new("Cx.Gateway.Webhooks");

    private readonly OutboxSignal _wake = new();

    private DateTime _prunedAtUtc = DateTime.MinValue;

    /// <summary>Something became due now (a test event, a redelivery): look without waiting for the next poll.</summary>
    public void Wake() => _wake.Notify();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) > 0)
                {
                }

                await PruneHourlyAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSendingFailed(e);
            }

            await _wake.WaitAsync(settings.PollInterval, stoppingToken);
        }
    }

    /// <summary>One round: every delivery due now (up to a batch) gets one attempt.</summary>
    /// <returns>How many deliveries were due.</returns>
    internal async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<(string Tenant, string DeliveryId)> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // The one read across tenants, and only to learn what is due; each attempt runs as its tenant.
            due = (await scope.ServiceProvider.GetRequiredService<GatewayDb>().WebhookDeliveries.IgnoreQueryFilters().AsNoTracking()
                .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAtUtc <= now && (d.LeasedUntilUtc == null || d.LeasedUntilUtc < now))
                .OrderBy(d => d.NextAttemptAtUtc)
                .Take(settings.MaxConcurrentSends * 4)
                .Select(d => new { d.TenantId, d.DeliveryId })
                .ToListAsync(cancellationToken))
                .Select(d => (d.TenantId, d.DeliveryId)).ToList();
        }

        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentSends, CancellationToken = cancellationToken },
            async (delivery, token) => await AttemptAsync(delivery.Tenant, delivery.DeliveryId, token));
        return due.Count;
    }

    /// <summary>
    /// Deletes finished deliveries past their retention, and their attempts, once an hour by the clock
    /// (and first when the sender starts); and encrypts the secrets an earlier version kept in clear.
    /// </summary>
    private async Task PruneHourlyAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now - _prunedAtUtc < TimeSpan.FromHours(1))
        {
            return;
        }

        _prunedAtUtc = now;
        var cutoff = now - settings.DeliveryRetention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        if (await secrets.ProtectPlaintextAsync(db, cancellationToken) is > 0 and var encrypted)
        {
            LogSecretsEncrypted(encrypted);
        }

        var expired = db.WebhookDeliveries.IgnoreQueryFilters()
            .Where(d => d.State != WebhookDeliveryState.Pending && d.CreatedAtUtc < cutoff);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.WebhookAttempts.IgnoreQueryFilters()
            .Where(a => expired.Any(d => d.TenantId == a.TenantId && d.DeliveryId == a.DeliveryId))
            .ExecuteDeleteAsync(cancellationToken);
        await expired.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AttemptAsync(string tenant, string deliveryId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateTenantScope(tenant);
        var db = scope.ServiceProvider.GetRequiredService<GatewayDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var leaseEnd = now + settings.AttemptTimeout + TimeSpan.FromSeconds(30);
        var claimed = await db.WebhookDeliveries
            .Where(d => d.DeliveryId == deliveryId && d.State == WebhookDeliveryState.Pending && d.NextAttemptAtUtc <= now && (d.LeasedUntilUtc == null || d.LeasedUntilUtc < now))
            .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeasedUntilUtc, leaseEnd), cancellationToken);
        if (claimed == 0)
        {
            // Another replica took it, or it changed since it was found due.
            return;
        }

        var delivery = await db.WebhookDeliveries.FirstAsync(d => d.DeliveryId == deliveryId, cancellationToken);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.SubscriptionId == delivery.SubscriptionId, cancellationToken);
        delivery.LeasedUntilUtc = null;
        if (subscription is not { Enabled: true })
        {
            delivery.State = WebhookDeliveryState.Failed;
            delivery.NextAttemptAtUtc = null;
            delivery.LastError = "Not sent: the subscription is disabled.";
        }
        else
        {
            // The attempt continues the trace of what caused the delivery: the event's handling, or the test call.
            ActivityContext.TryParse(delivery.TraceParent, null, isRemote: true, out var cause);
            using var span = Tracing.StartActivity("send webhook " + delivery.EventType, ActivityKind.Client, cause);
            span?.SetTag("cx.webhook.delivery_id", delivery.DeliveryId);
            span?.SetTag("cx.webhook.attempt", delivery.AttemptCount + 1);
            var attempt = await SendAsync(subscription, delivery, cancellationToken);
            if (attempt.Error.Length > 0)
            {
                span?.SetStatus(ActivityStatusCode.Error, attempt.Error);
            }

            Record(delivery, subscription, attempt);
            db.WebhookAttempts.Add(attempt);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            // The subscription and its deliveries were deleted during the attempt: nothing to record.
        }
    }

    private void Record(WebhookDeliveryRecord delivery, WebhookSubscriptionRecord subscription, WebhookAttemptRecord attempt)
    {
        delivery.AttemptCount++;
        delivery.Url = subscription.Url;
        delivery.LastStatusCode = attempt.StatusCode;
        delivery.LastError = attempt.Error;
        if (attempt.Error.Length == 0)
        {
            delivery.State = WebhookDeliveryState.Succeeded;
            delivery.NextAttemptAtUtc = null;
            return;
        }

        delivery.FailuresInRow++;
        if (delivery.FailuresInRow >= settings.MaxAttempts)
        {
            delivery.State = WebhookDeliveryState.Failed;
            delivery.NextAttemptAtUtc = null;
            LogDeliveryFailed(delivery.DeliveryId, delivery.FailuresInRow, attempt.Error);
            return;
        }

        delivery.NextAttemptAtUtc = clock.GetUtcNow().UtcDateTime + settings.RetryDelays[delivery.FailuresInRow - 1];
    }

    private async Task<WebhookAttemptRecord> SendAsync(WebhookSubscriptionRecord subscription, WebhookDeliveryRecord delivery, CancellationToken cancellationToken)
    {
        var attemptedAt = clock.GetUtcNow();
        var attempt = new WebhookAttemptRecord
        {
            TenantId = delivery.TenantId,
            DeliveryId = delivery.DeliveryId,
            Number = delivery.AttemptCount + 1,
            AttemptedAtUtc = attemptedAt.UtcDateTime,
        };
        var timestamp = attemptedAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.MessageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var inForce = subscription.PreviousSecretUntilUtc > attemptedAt.UtcDateTime ? [subscription.Secret, subscription.PreviousSecret] : new[] { subscription.Secret };
        string[] revealed;
        try
        {
            revealed = inForce.Select(secrets.Reveal).ToArray();
        }
        catch (CryptographicException)
        {
            // Not a receiver's fault, and not one to stop the other deliveries for: it shows on this one.
            attempt.Error = "Not sent: the signing secret cannot be decrypted with this gateway's key ring (Cx:Gateway:DataProtection:KeyRingPath).";
            return attempt;
        }

        request.Headers.Add("webhook-signature", WebhookSignature.Header(revealed, delivery.MessageId, timestamp, delivery.Body));
        request.Headers.UserAgent.ParseAdd("cx-webhooks/1");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.AttemptTimeout);
        var elapsed = Stopwatch.StartNew();
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            attempt.StatusCode = (int)response.StatusCode;
            attempt.ResponseExcerpt = await ExcerptAsync(response, timeout.Token);
            attempt.Error = response.IsSuccessStatusCode ? string.Empty
                : (int)response.StatusCode is >= 300 and < 400 ? $"The receiver answered {attempt.StatusCode}: redirects are not followed."
                : $"The receiver answered {attempt.StatusCode}.";
        }
        catch (HttpRequestException e)
        {
            attempt.Error = Truncate(Innermost(e) is WebhookTargetRefusedException refused ? refused.Message : "No connection: " + Innermost(e).Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            attempt.Error = $"No answer within {settings.AttemptTimeout.TotalSeconds:0.#} s.";
        }

        attempt.DurationMs = (int)Math.Min(int.MaxValue, elapsed.ElapsedMilliseconds);
        return attempt;
    }

    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[ExcerptLength * 4];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            return Truncate(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The status already says how it went; a body cut short is not a failure of the delivery.
            return string.Empty;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static string Truncate(string text) => text.Length <= ExcerptLength ? text : text[..ExcerptLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted the signing secrets of {Count} webhook subscriptions kept in clear by an earlier version")]
    private partial void LogSecretsEncrypted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending webhooks failed; trying again at the next poll")]
    private partial void LogSendingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed after {Attempts} attempt(s): {Error}")]
    private partial void LogDeliveryFailed(string deliveryId, int attempts, string error);
}
