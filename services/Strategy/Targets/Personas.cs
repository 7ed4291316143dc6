using Cx.Domain.Errors;
using Grpc.Core;
using UnderstandingV1 = Cx.Understanding.V1;

namespace Cx.Strategy.Targets;

/// <summary>Understanding's personas, asked for the segments that hold their customers.</summary>
internal sealed class Personas(UnderstandingV1.UnderstandingService.UnderstandingServiceClient understanding)
{
    public const string UnderstandingService = "understanding";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    /// <summary>The persona's segments; INVALID_ARGUMENT on <paramref name="field"/> when Understanding has no such persona.</summary>
    public async Task<IReadOnlyList<string>> SegmentsOfAsync(string personaId, string field, CancellationToken cancellationToken)
    {
        try
        {
            var persona = await understanding.GetPersonaAsync(new UnderstandingV1.GetPersonaRequest { PersonaId = personaId }, deadline: DateTime.UtcNow + Deadline, cancellationToken: cancellationToken);
            return persona.SegmentIds;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            new Validator().Add(field, $"Understanding has no persona '{personaId}'.").ThrowIfInvalid();
            return [];
        }
        catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw MeasuredScores.Refused(e, "persona/" + personaId, "Understanding");
        }
    }
}
