using Cx.Domain.Errors;
using Cx.ServiceDefaults.Errors;
using Cx.Understanding.Data;
using Microsoft.Extensions.Configuration;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Profiles;

/// <summary>
/// Profiles imported from a stream, for imports too large for one call: read a batch of 1,000 at a
/// time, each batch imported and committed as ImportProfiles imports one, then forgotten, so the
/// memory held stays one batch (besides one result and one customer id per profile, at most
/// <see cref="DefaultMaxProfiles"/> unless configured otherwise) however long the stream is.
/// </summary>
internal sealed class ProfileStreamImport(ProfilesApi profiles, UnderstandingDb db, IConfiguration configuration)
{
    public const string MaxProfilesSetting = "Cx:Understanding:Import:MaxStreamProfiles";
    public const int DefaultMaxProfiles = 50_000;

    public async Task<V1.ImportProfilesResponse> ImportAsync(IAsyncEnumerable<V1.Profile> stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var max = configuration.GetValue(MaxProfilesSetting, DefaultMaxProfiles);
        var response = new V1.ImportProfilesResponse();
        var batch = new List<V1.Profile>(ProfilesApi.MaxImport);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var received = 0;
        await foreach (var profile in stream.WithCancellation(cancellationToken))
        {
            // The request interceptor sees whole requests only: each streamed message is checked here.
            if (RequestValues.Check(profile, $"profiles[{received}]") is { Count: > 0 } violations)
            {
                throw new ValidationFailedException(violations);
            }

            if (++received > max)
            {
                // What fits is kept, as a batch call's profiles are: the caller sends the rest in another stream.
                await ImportBatchAsync(batch, seen, response, cancellationToken);
                new Validator().Add("profiles", $"At most {max:N0} profiles a stream; the first {max:N0} were imported: send the rest in another.").ThrowIfInvalid();
            }

            batch.Add(profile);
            if (batch.Count == ProfilesApi.MaxImport)
            {
                await ImportBatchAsync(batch, seen, response, cancellationToken);
            }
        }

        if (batch.Count > 0)
        {
            await ImportBatchAsync(batch, seen, response, cancellationToken);
        }

        return response;
    }

    private async Task ImportBatchAsync(List<V1.Profile> batch, HashSet<string> seen, V1.ImportProfilesResponse response, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        response.Results.AddRange(await profiles.ImportAsync(batch, cancellationToken, seen));
        batch.Clear();

        // Committed: the rows need not stay tracked, and would otherwise grow with the stream.
        db.ChangeTracker.Clear();
    }
}
