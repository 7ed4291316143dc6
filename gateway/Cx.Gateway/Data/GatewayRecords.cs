using Cx.Persistence.Tenancy;

namespace Cx.Gateway.Data;

/// <summary>An API key: only the SHA-256 of its secret is kept.</summary>
public sealed class ApiKeyRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string KeyId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>Space-separated permissions, e.g. "measurement:write governance:read".</summary>
    public string Permissions { get; set; } = string.Empty;

    public byte[] SecretHash { get; set; } = [];

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}

/// <summary>
/// A URL a tenant subscribed to event types. The secret signs its deliveries, so it must be kept
/// recoverable: encrypted under the gateway's key ring (<c>WebhookSecrets</c>), not hashed.
/// </summary>
public sealed class WebhookSubscriptionRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string SubscriptionId { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    /// <summary>Space-separated event types, e.g. "cx.governance.case_opened.v1 cx.governance.case_closed.v1".</summary>
    public string EventTypes { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>The secret before the last rotation, still signing beside the new one until <see cref="PreviousSecretUntilUtc"/>.</summary>
    public string PreviousSecret { get; set; } = string.Empty;

    public DateTime? PreviousSecretUntilUtc { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = string.Empty;
}

/// <summary>One event (or test event) on its way to one subscription, with its retry state.</summary>
public sealed class WebhookDeliveryRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string DeliveryId { get; set; } = string.Empty;

    public string SubscriptionId { get; set; } = string.Empty;

    /// <summary>The webhook-id header: the event's id, the same on every attempt.</summary>
    public string MessageId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    public string Body { get; set; } = string.Empty;

    /// <summary>The W3C traceparent of what caused the delivery (the event's handling, or the test call), so its attempts join that trace.</summary>
    public string TraceParent { get; set; } = string.Empty;

    public bool Test { get; set; }

    public WebhookDeliveryState State { get; set; }

    /// <summary>The URL of the latest attempt.</summary>
    public string Url { get; set; } = string.Empty;

    public int AttemptCount { get; set; }

    /// <summary>Failed attempts since the delivery was made or redelivered: the place in the retry schedule.</summary>
    public int FailuresInRow { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? NextAttemptAtUtc { get; set; }

    /// <summary>Set while a sender holds the delivery, so two gateway replicas never send it at once.</summary>
    public DateTime? LeasedUntilUtc { get; set; }

    public int LastStatusCode { get; set; }

    public string LastError { get; set; } = string.Empty;
}

public enum WebhookDeliveryState
{
    Pending = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>One attempt of a delivery: what the receiver answered, or why nothing was.</summary>
public sealed class WebhookAttemptRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string DeliveryId { get; set; } = string.Empty;

    public int Number { get; set; }

    public DateTime AttemptedAtUtc { get; set; }

    public int StatusCode { get; set; }

    public string Error { get; set; } = string.Empty;

    public int DurationMs { get; set; }

    public string ResponseExcerpt { get; set; } = string.Empty;
}
