namespace Cx.Culture.Domain.Recognition;

public enum RecognitionStatus
{
    Proposed = 1,
    Awarded = 2,
    Declined = 3,
}

/// <summary>Where a recognition stands: awarded once the employee accepted and a manager (or the tenant's rule) approved.</summary>
public sealed record RecognitionProgress(RecognitionStatus Status, bool Accepted, bool Approved)
{
    /// <summary>
    /// A proposal from customers. A team has nobody to accept for it, and an employee who accepts
    /// automatically has consented already, so it needs only the approval; the tenant's rule
    /// approves at once.
    /// </summary>
    public static RecognitionProgress Proposed(bool acceptedAlready, bool autoApprove) => new RecognitionProgress(RecognitionStatus.Proposed, Accepted: acceptedAlready, Approved: autoApprove).Settled();

    /// <summary>What a colleague or a manager gives: awarded at once.</summary>
    public static RecognitionProgress Given() => new(RecognitionStatus.Awarded, Accepted: true, Approved: true);

    public RecognitionChange Accept() => Status switch
    {
        RecognitionStatus.Declined => RecognitionChange.Refused("DECLINED", "it was declined, and stays declined"),
        RecognitionStatus.Awarded => RecognitionChange.Refused("ALREADY_AWARDED", "it is awarded already"),
        _ => RecognitionChange.To(this with { Accepted = true }),
    };

    public RecognitionChange Decline() => Status switch
    {
        RecognitionStatus.Declined => RecognitionChange.To(this),
        RecognitionStatus.Awarded => RecognitionChange.Refused("ALREADY_AWARDED", "it is awarded already"),
        _ => RecognitionChange.To(new RecognitionProgress(RecognitionStatus.Declined, Accepted: false, Approved)),
    };

    public RecognitionChange Approve() => Status switch
    {
        RecognitionStatus.Declined => RecognitionChange.Refused("DECLINED", "the employee declined it"),
        RecognitionStatus.Awarded => RecognitionChange.Refused("ALREADY_AWARDED", "it is awarded already"),
        _ => RecognitionChange.To(this with { Approved = true }),
    };

    private RecognitionProgress Settled() => Status == RecognitionStatus.Proposed && Accepted && Approved ? this with { Status = RecognitionStatus.Awarded } : this;

    internal RecognitionProgress Next() => Settled();
}

/// <summary>The outcome of a step: the progress after it (and whether it awarded the recognition), or why it is refused.</summary>
public sealed record RecognitionChange(RecognitionProgress? After, bool AwardedNow, string? RefusalType, string? Refusal)
{
    internal static RecognitionChange To(RecognitionProgress progress)
    {
        var next = progress.Next();
        return new(next, AwardedNow: next.Status == RecognitionStatus.Awarded && progress.Status != RecognitionStatus.Awarded, null, null);
    }

    internal static RecognitionChange Refused(string type, string why) => new(null, false, type, why);
}
