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

public sealed class WebhookSubscriptionRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string SubscriptionId { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    /// <summary>Space-separated CloudEvent types, or "*".</summary>
    public string EventTypes { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    /// <summary>The signing key (raw bytes, base64 in the "whsec_" form callers see).</summary>
    public byte[] Secret { get; set; } = [];

    public string? RequestId { get; set; }

    public bool Deleted { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public sealed class WebhookDeliveryRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string DeliveryId { get; set; } = string.Empty;

    public string SubscriptionId { get; set; } = string.Empty;

    public string EventId { get; set; } = string.Empty;

    public string EventType { get; set; } = string.Empty;

    /// <summary>The body every attempt sends, fixed at creation so a signature covers the same bytes each time.</summary>
    public string Payload { get; set; } = string.Empty;

    public string Status { get; set; } = WebhookDeliveryStates.Pending;

    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastAttemptAtUtc { get; set; }

    /// <summary>Due time of the next attempt; null once the delivery is settled.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }

    public int LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public bool Test { get; set; }
}

public static class WebhookDeliveryStates
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string DeadLettered = "dead_lettered";
    public const string Abandoned = "abandoned";
}
