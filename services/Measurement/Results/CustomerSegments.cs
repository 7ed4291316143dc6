using Cx.Eventing.Subscribing;
using Cx.Events.V1;
using Cx.Measurement.Data;
using Cx.Persistence.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Cx.Measurement.Results;

/// <summary>
/// Whether a customer is a member of one of Understanding's segments now, as its
/// segment_membership_changed events say; results filtered by customer_segment_ids read it. Keyed
/// by the customer's hash, the one name an erasure's event carries.
/// </summary>
public sealed class CustomerSegmentRecord : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string SegmentId { get; set; } = string.Empty;

    /// <summary>SHA-256 of tenant and customer id, as the event gives it.</summary>
    public string CustomerHash { get; set; } = string.Empty;

    /// <summary>Empty once the customer is erased.</summary>
    public string CustomerId { get; set; } = string.Empty;

    public bool Member { get; set; }

    /// <summary>The last change applied: an older one arriving late changes nothing.</summary>
    public long Sequence { get; set; }

    public DateTime ChangedAtUtc { get; set; }

    internal static void Configure(EntityTypeBuilder<CustomerSegmentRecord> member)
    {
        member.ToTable("customer_segments");
        member.HasKey(m => new { m.TenantId, m.SegmentId, m.CustomerHash });
        member.Property(m => m.SegmentId).HasMaxLength(63);
        member.Property(m => m.CustomerHash).HasMaxLength(64);
        member.Property(m => m.CustomerId).HasMaxLength(100);

        // The filter's question: the members of these segments now.
        member.HasIndex(m => new { m.TenantId, m.SegmentId, m.Member, m.CustomerId });
    }
}

/// <summary>
/// Applies a membership change in order: a change is applied only when it is later (by its
/// sequence) than the last one applied for that customer and segment. An erasure ends the
/// membership for good, whatever arrives after it.
/// </summary>
internal sealed class KeepCustomerSegments(MeasurementDb db) : IHandleEvent<SegmentMembershipChanged>
{
    public async Task HandleAsync(SegmentMembershipChanged message, EventContext context, CancellationToken cancellationToken)
    {
        if (message.SegmentId.Length is 0 or > 63 || message.CustomerHash.Length is 0 or > 64 || message.CustomerId.Length > 100)
        {
            return;
        }

        var erased = message.Reason == SegmentMembershipReason.Erased;
        var record = db.CustomerSegments.Local.FirstOrDefault(m => m.SegmentId == message.SegmentId && m.CustomerHash == message.CustomerHash)
            ?? await db.CustomerSegments.FirstOrDefaultAsync(m => m.SegmentId == message.SegmentId && m.CustomerHash == message.CustomerHash, cancellationToken);
        if (record is null)
        {
            record = new CustomerSegmentRecord { SegmentId = message.SegmentId, CustomerHash = message.CustomerHash };
            db.CustomerSegments.Add(record);
        }
        else if (!erased && message.Sequence <= record.Sequence)
        {
            return;
        }

        record.CustomerId = erased ? string.Empty : message.CustomerId;
        record.Member = !erased && message.Joined;
        record.Sequence = erased ? long.MaxValue : message.Sequence;
        record.ChangedAtUtc = message.At?.ToDateTime() ?? context.OccurredAt.UtcDateTime;
    }
}
