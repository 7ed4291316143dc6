using Cx.Understanding.Domain.Profiles;
using Google.Protobuf.WellKnownTypes;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding;

/// <summary>Between the contract's enums and timestamps and the domain's.</summary>
internal static class ContractMapping
{
    public static IdentityKind? ToDomain(V1.IdentityKind kind) => kind switch
    {
        V1.IdentityKind.Email => IdentityKind.Email,
        V1.IdentityKind.Phone => IdentityKind.Phone,
        V1.IdentityKind.Account => IdentityKind.Account,
        V1.IdentityKind.Device => IdentityKind.Device,
        _ => null,
    };

    public static V1.IdentityKind ToContract(IdentityKind kind) => (V1.IdentityKind)(int)kind;

    public static string Name(IdentityKind kind) => kind.ToString().ToLowerInvariant();

    public static Timestamp? ToTimestamp(DateTime? utc) => utc is { } value ? ToTimestamp(value) : null;

    public static Timestamp ToTimestamp(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    public static V1.Consent ToContract(ConsentDecision consent) => new() { Purpose = consent.Purpose, Granted = consent.Granted, ChangedAt = ToTimestamp(consent.ChangedAtUtc) };
}
