namespace Cx.Governance.Domain.Cases;

/// <summary>
/// One active case per customer and journey: a customer who complains again about the same journey
/// is still being recovered, so the new signal joins that case instead of opening a second one with
/// a second owner calling them. The key is stored on the active case only and unique, which lets
/// the database refuse a concurrent second case as well.
/// </summary>
public static class ActiveCase
{
    /// <summary>The key a case holds while it is active, unique among a tenant's cases.</summary>
    public static string Key(string customerId, string journeyId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(journeyId);
        return customerId + "|" + journeyId;
    }

    /// <summary>Whether a signal can open or join a case: without a customer there is no one to recover.</summary>
    public static bool CanTakeSignal(string customerId) => !string.IsNullOrEmpty(customerId);

    /// <summary>
    /// Whether a signal adds to the active case: a response already on it is the same signal
    /// delivered again, and joins nothing.
    /// </summary>
    public static bool Joins(IEnumerable<string> responseIdsOnCase, string responseId)
    {
        ArgumentNullException.ThrowIfNull(responseIdsOnCase);
        return !responseIdsOnCase.Contains(responseId, StringComparer.Ordinal);
    }
}
