using Cx.Domain.Errors;
using Cx.Understanding.Domain.Profiles;
using Google.Protobuf.Collections;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Profiles;

/// <summary>An identity as stored: its kind and normalised value.</summary>
internal sealed record DraftIdentity(IdentityKind Kind, string Value);

/// <summary>A profile read from the contract and checked, before it is stored.</summary>
internal sealed record DraftProfile(string CustomerId, List<DraftIdentity> Identities, Dictionary<string, string> Attributes, List<ConsentDecision> Consents);

internal sealed partial class ProfilesApi
{
    /// <summary>Checks a profile from a caller, recording each wrong field under <paramref name="prefix"/>.</summary>
    public static DraftProfile Read(V1.Profile profile, string prefix, Validator validator)
    {
        validator.Require(Identifier.IsReference(profile.CustomerId), prefix + "customer_id", "Required, at most 100 characters, no leading or trailing spaces.");
        var identities = ReadIdentities(profile.Identities, prefix + "identities", validator);
        validator.Require(identities.Count <= Identities.MaxPerProfile, prefix + "identities", $"At most {Identities.MaxPerProfile}.");
        ReadAttributes(profile.Attributes, prefix + "attributes", validator);
        validator.Require(profile.Consents.Count <= ProfileRules.MaxConsents, prefix + "consents", $"At most {ProfileRules.MaxConsents}.");
        for (var i = 0; i < profile.Consents.Count; i++)
        {
            validator.Require(ProfileRules.IsPurpose(profile.Consents[i].Purpose), $"{prefix}consents[{i}].purpose", ProfileRules.PurposeRule);
        }

        validator.Require(profile.Consents.Select(c => c.Purpose).Distinct(StringComparer.Ordinal).Count() == profile.Consents.Count, prefix + "consents", "Each purpose once.");
        return new DraftProfile(
            profile.CustomerId,
            identities,
            new Dictionary<string, string>(profile.Attributes, StringComparer.Ordinal),
            profile.Consents.Select(c => new ConsentDecision(c.Purpose, c.Granted, default)).OrderBy(c => c.Purpose, StringComparer.Ordinal).ToList());
    }

    public static List<DraftIdentity> ReadIdentities(RepeatedField<V1.Identity> identities, string field, Validator validator)
    {
        var read = new List<DraftIdentity>();
        for (var i = 0; i < identities.Count; i++)
        {
            var kind = ContractMapping.ToDomain(identities[i].Kind);
            if (kind is null)
            {
                validator.Add($"{field}[{i}].kind", "Required: EMAIL, PHONE, ACCOUNT or DEVICE.");
            }
            else if (!Identities.TryNormalise(kind.Value, identities[i].Value, out var value, out var problem))
            {
                validator.Add($"{field}[{i}].value", problem);
            }
            else if (!read.Contains(new DraftIdentity(kind.Value, value)))
            {
                read.Add(new DraftIdentity(kind.Value, value));
            }
        }

        return read;
    }

    public static void ReadAttributes(MapField<string, string> attributes, string field, Validator validator)
    {
        validator.Require(attributes.Count <= ProfileRules.MaxAttributes, field, $"At most {ProfileRules.MaxAttributes} attributes.");
        foreach (var (key, value) in attributes)
        {
            validator
                .Require(ProfileRules.IsAttributeKey(key), $"{field}[{key}]", "The key: " + ProfileRules.KeyRule)
                .Require(value.Length is > 0 and <= ProfileRules.MaxAttributeValue, $"{field}[{key}]", $"The value: required, at most {ProfileRules.MaxAttributeValue} characters (remove an attribute to clear it).");
        }
    }
}
