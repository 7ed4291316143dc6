namespace Cx.Domain.Errors;

/// <summary>
/// Optimistic concurrency as a caller sees it: a write that names the revision (or version) it
/// read is refused when another write came in between, so nobody overwrites what they never saw.
/// Zero names none: the write applies to whatever is there.
/// </summary>
public static class ReadBeforeWrite
{
    /// <summary>FAILED_PRECONDITION REVISION_MISMATCH unless <paramref name="expected"/> is 0 or <paramref name="current"/>.</summary>
    /// <param name="what">The resource as a sentence names it, e.g. "Journey online-purchase".</param>
    /// <param name="subject">The resource as the violation names it, e.g. "journey/online-purchase".</param>
    public static void RequireRevision(long expected, long current, string what, string subject) =>
        Require("REVISION_MISMATCH", "revision", expected, current, what, subject);

    /// <summary>The same, for the resources whose counter the contract calls their version: VERSION_MISMATCH.</summary>
    public static void RequireVersion(long expected, long current, string what, string subject) =>
        Require("VERSION_MISMATCH", "version", expected, current, what, subject);

    private static void Require(string type, string counter, long expected, long current, string what, string subject)
    {
        if (expected != 0 && expected != current)
        {
            throw new PreconditionFailedException(type, subject, $"{what} is at {counter} {current}, not {expected}: read it again and decide on what it is now.");
        }
    }
}
