using Cx.Domain.Errors;
using Cx.Gateway.Auth;
using Cx.Gateway.Data;
using Cx.Gateway.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cx.Gateway.Keys;

/// <summary>The API key admin API, for the caller's own tenant.</summary>
internal sealed class ApiKeysApi(ApiKeyIssuer issuer, ApiKeyDirectory directory) : ApiKeyService.ApiKeyServiceBase
{
    public override async Task<CreatedApiKey> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().User;
        var requested = request.Permissions.ToList();

        // Delegation never escalates: a key holds at most what its creator holds.
        var held = CallerIdentity.PermissionsOf(caller).ToList();
        var beyond = requested.Where(p => Permissions.TryParse(p, out _, out _) && !Permissions.Covers(held, [p])).ToList();
        if (beyond.Count > 0)
        {
            throw new PermissionDeniedException(beyond[0], $"A key cannot hold permissions its creator lacks: {string.Join(", ", beyond)}.");
        }

        var (key, secret) = await issuer.CreateAsync(
            request.Name,
            requested,
            ExpiresAt(request),
            CallerIdentity.Actor(caller) ?? "anonymous",
            context.CancellationToken);
        return new CreatedApiKey { Key = ToContract(key), Secret = secret };
    }

    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        var (keys, next) = await issuer.ListAsync(request.PageSize, request.PageToken, request.IncludeInactive, context.CancellationToken);
        return new ListApiKeysResponse { Keys = { keys.Select(ToContract) }, NextPageToken = next };
    }

    public override async Task<ApiKey> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        var key = await issuer.RevokeAsync(request.KeyId, context.CancellationToken);
        directory.Forget(key.KeyId);
        return ToContract(key);
    }

    private static DateTime? ExpiresAt(CreateApiKeyRequest request)
    {
        // Timestamp.ToDateTime throws for values outside 0001-9999 or with bad nanos: the caller's mistake, not a fault.
        var valid = request.ExpiresAt is null
            || (request.ExpiresAt.Seconds is >= -62135596800 and <= 253402300799 && request.ExpiresAt.Nanos is >= 0 and < 1_000_000_000);
        new Validator().Require(valid, "expires_at", "Not a valid timestamp (0001-01-01 to 9999-12-31).").ThrowIfInvalid();
        return request.ExpiresAt?.ToDateTime();
    }

    internal static ApiKey ToContract(ApiKeyRecord record)
    {
        var key = new ApiKey
        {
            KeyId = record.KeyId,
            Tenant = record.TenantId,
            Name = record.Name,
            Permissions = { PermissionList.Split(record.Permissions) },
            CreatedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(record.CreatedAtUtc, DateTimeKind.Utc)),
            CreatedBy = record.CreatedBy,
        };
        if (record.ExpiresAtUtc is { } expires)
        {
            key.ExpiresAt = Timestamp.FromDateTime(DateTime.SpecifyKind(expires, DateTimeKind.Utc));
        }

        if (record.RevokedAtUtc is { } revoked)
        {
            key.RevokedAt = Timestamp.FromDateTime(DateTime.SpecifyKind(revoked, DateTimeKind.Utc));
        }

        return key;
    }
}
