using System.Globalization;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Cx.Persistence;
using Cx.ServiceDefaults.Hosting;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Personas;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using CommonV1 = Cx.Common.V1;
using MeasurementV1 = Cx.Measurement.V1;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Personas;

/// <summary>
/// Personas: described kinds of customer, tied to the segments that hold the real ones. Their size
/// is read from the segments' members when asked, and their scores from the measurement service,
/// so neither can drift from what those two know.
/// </summary>
internal sealed class PersonasApi(UnderstandingDb db, TimeProvider clock, MeasurementV1.MeasurementService.MeasurementServiceClient measurement)
{
    public const string ResourceType = "persona";

    public const string MeasurementService = "measurement";

    /// <summary>A measurement service that does not answer in this long is reported as unavailable rather than holding the read.</summary>
    private static readonly TimeSpan ScoreDeadline = TimeSpan.FromSeconds(10);

    public async Task<V1.Persona> CreateAsync(V1.Persona? persona, CancellationToken cancellationToken)
    {
        var description = Read(persona, new Validator(), creating: true);
        if (await db.Personas.AnyAsync(p => p.PersonaId == description.PersonaId, cancellationToken))
        {
            throw new AlreadyExistsException(ResourceType, description.PersonaId);
        }

        await RequireSegmentsAsync(description.SegmentIds, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var record = new PersonaRecord { PersonaId = description.PersonaId, CreatedAtUtc = now };
        Apply(record, description, now);
        db.Personas.Add(record);
        db.PersonaSegments.AddRange(description.SegmentIds.Select((id, i) => new PersonaSegmentRecord { PersonaId = record.PersonaId, SegmentId = id, Ordinal = i }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new AlreadyExistsException(ResourceType, record.PersonaId);
        }

        return await ToContractAsync(record, description.SegmentIds, cancellationToken);
    }

    public async Task<V1.Persona> GetAsync(V1.GetPersonaRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(Identifier.IsValid(request.PersonaId), "persona_id", Identifier.Rule);
        PersonaLimits.CheckWindow(request.WindowDays, "window_days", validator);
        validator.ThrowIfInvalid();
        var record = await FindAsync(request.PersonaId, tracked: false, cancellationToken);
        var segmentIds = await SegmentIdsAsync(record.PersonaId, cancellationToken);
        var persona = await ToContractAsync(record, segmentIds, cancellationToken);
        await ScoreAsync(persona, PersonaLimits.WindowDays(request.WindowDays), cancellationToken);
        return persona;
    }

    public async Task<V1.ListPersonasResponse> ListAsync(V1.ListPersonasRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        var page = PageRequest.Read(request.PageSize, request.PageToken, validator);
        validator.ThrowIfInvalid();
        var personas = db.Personas.AsNoTracking();
        if (page.AfterKey is { } after)
        {
            personas = personas.Where(p => string.Compare(p.PersonaId, after) > 0);
        }

        var window = await personas.OrderBy(p => p.PersonaId).Take(page.Size + 1).ToListAsync(cancellationToken);
        var shown = window.Take(page.Size).ToList();
        var ids = shown.Select(p => p.PersonaId).ToList();
        var segments = (await db.PersonaSegments.AsNoTracking().Where(s => ids.Contains(s.PersonaId)).ToListAsync(cancellationToken))
            .ToLookup(s => s.PersonaId, StringComparer.Ordinal);
        var response = new V1.ListPersonasResponse();
        foreach (var record in shown)
        {
            response.Personas.Add(await ToContractAsync(record, [.. segments[record.PersonaId].OrderBy(s => s.Ordinal).Select(s => s.SegmentId)], cancellationToken));
        }

        if (window.Count > page.Size)
        {
            response.NextPageToken = PageRequest.TokenAfter(window[page.Size - 1].PersonaId);
        }

        return response;
    }

    public async Task<V1.Persona> UpdateAsync(V1.UpdatePersonaRequest request, CancellationToken cancellationToken)
    {
        var validator = new Validator().Require(request.ExpectedVersion >= 0, "expected_version", "Zero (any version) or the version read.");
        var description = Read(request.Persona, validator, creating: false);
        var record = await FindAsync(description.PersonaId, tracked: true, cancellationToken);
        RequireVersion(record, request.ExpectedVersion);
        await RequireSegmentsAsync(description.SegmentIds, cancellationToken);

        Apply(record, description, clock.GetUtcNow().UtcDateTime);

        // A new version even when nothing differs: the caller asked for one, and expected_version must see it.
        db.Entry(record).State = EntityState.Modified;
        var stored = await db.PersonaSegments.Where(s => s.PersonaId == record.PersonaId).ToListAsync(cancellationToken);
        db.PersonaSegments.RemoveRange(stored.Where(s => !description.SegmentIds.Contains(s.SegmentId)));
        for (var i = 0; i < description.SegmentIds.Count; i++)
        {
            var segmentId = description.SegmentIds[i];
            if (stored.FirstOrDefault(s => s.SegmentId == segmentId) is { } kept)
            {
                kept.Ordinal = i;
            }
            else
            {
                db.PersonaSegments.Add(new PersonaSegmentRecord { PersonaId = record.PersonaId, SegmentId = segmentId, Ordinal = i });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await ToContractAsync(record, description.SegmentIds, cancellationToken);
    }

    public async Task<V1.DeletePersonaResponse> DeleteAsync(V1.DeletePersonaRequest request, CancellationToken cancellationToken)
    {
        new Validator().Require(request.ExpectedVersion >= 0, "expected_version", "Zero (any version) or the version read.").ThrowIfInvalid();
        var record = await FindAsync(request.PersonaId, tracked: true, cancellationToken);
        RequireVersion(record, request.ExpectedVersion);
        db.PersonaSegments.RemoveRange(await db.PersonaSegments.Where(s => s.PersonaId == record.PersonaId).ToListAsync(cancellationToken));
        db.Personas.Remove(record);
        await db.SaveChangesAsync(cancellationToken);
        return new V1.DeletePersonaResponse();
    }

    /// <summary>
    /// Measurement's own results for the persona's customers, metric by metric. A metric it refuses
    /// says why on its score; a service that does not answer is named on the persona, and no score is shown.
    /// </summary>
    private async Task ScoreAsync(V1.Persona persona, int windowDays, CancellationToken cancellationToken)
    {
        var to = clock.GetUtcNow();
        var from = to.AddDays(-windowDays);
        persona.ScoresFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(from);
        persona.ScoresTo = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(to);
        foreach (var metricId in persona.MetricIds)
        {
            var filter = new CommonV1.ResultFilter { CustomerSegmentIds = { persona.SegmentIds }, From = persona.ScoresFrom, To = persona.ScoresTo };
            try
            {
                var results = await measurement.GetResultsAsync(new MeasurementV1.GetResultsRequest { MetricId = metricId, Filter = filter }, deadline: DateTime.UtcNow + ScoreDeadline, cancellationToken: cancellationToken);
                persona.Scores.Add(new V1.PersonaScore { MetricId = metricId, Results = results });
            }
            catch (RpcException e) when (PeerAnswers.IsUnreachable(e.StatusCode) && !cancellationToken.IsCancellationRequested)
            {
                persona.Scores.Clear();
                persona.ScoresUnavailable = new V1.ScoresUnavailable { Service = MeasurementService, Reason = $"{e.StatusCode}: {e.Status.Detail}" };
                return;
            }
            catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
            {
                persona.Scores.Add(new V1.PersonaScore { MetricId = metricId, Problem = $"{e.StatusCode}: {e.Status.Detail}" });
            }
        }
    }

    private async Task RequireSegmentsAsync(IReadOnlyList<string> segmentIds, CancellationToken cancellationToken)
    {
        var ids = segmentIds.ToList();
        var existing = await db.Segments.AsNoTracking().Where(s => ids.Contains(s.SegmentId)).Select(s => s.SegmentId).ToListAsync(cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            if (!existing.Contains(ids[i]))
            {
                throw new PreconditionFailedException("SEGMENT_NOT_FOUND", string.Create(CultureInfo.InvariantCulture, $"persona.segment_ids[{i}]"),
                    $"persona.segment_ids[{i}]: there is no segment {ids[i]}; create it first, or name one that exists.");
            }
        }
    }

    private static void RequireVersion(PersonaRecord record, long expected)
    {
        ReadBeforeWrite.RequireVersion(expected, record.Version, "Persona " + record.PersonaId, ResourceType + "/" + record.PersonaId);
    }

    private async Task<PersonaRecord> FindAsync(string personaId, bool tracked, CancellationToken cancellationToken)
    {
        new Validator().Require(Identifier.IsValid(personaId), "persona_id", Identifier.Rule).ThrowIfInvalid();
        var personas = tracked ? db.Personas : db.Personas.AsNoTracking();
        return await personas.FirstOrDefaultAsync(p => p.PersonaId == personaId, cancellationToken) ?? throw new NotFoundException(ResourceType, personaId);
    }

    private async Task<List<string>> SegmentIdsAsync(string personaId, CancellationToken cancellationToken) =>
        await db.PersonaSegments.AsNoTracking().Where(s => s.PersonaId == personaId).OrderBy(s => s.Ordinal).Select(s => s.SegmentId).ToListAsync(cancellationToken);

    /// <summary>Customers in any of the segments now, each once however many of them hold it.</summary>
    private Task<long> SizeAsync(IReadOnlyList<string> segmentIds, CancellationToken cancellationToken)
    {
        var ids = segmentIds.ToList();
        return db.SegmentMembers.AsNoTracking().Where(m => ids.Contains(m.SegmentId)).Select(m => m.CustomerId).Distinct().LongCountAsync(cancellationToken);
    }

    private static PersonaDescription Read(V1.Persona? persona, Validator validator, bool creating)
    {
        if (persona is null)
        {
            validator.Add("persona", "Required.").ThrowIfInvalid();
        }

        var description = new PersonaDescription(
            persona!.PersonaId,
            persona.Name.Trim(),
            persona.Narrative,
            [.. persona.Goals.Select(g => g.Trim())],
            [.. persona.Motivations.Select(m => m.Trim())],
            [.. persona.Behaviours.Select(b => b.Trim())],
            [.. persona.Needs.Select(n => n.Trim())],
            [.. persona.Expectations.Select(e => e.Trim())],
            [.. persona.SegmentIds],
            [.. persona.MetricIds]);
        PersonaLimits.Check(description, "persona.", validator);

        // Size and scores are read-only and ignored, so a persona read, edited and sent back is accepted as it is.
        validator.Require(!creating || persona.Version == 0, "persona.version", "Set by the service: leave it unset.");
        validator.ThrowIfInvalid();
        return description;
    }

    private static void Apply(PersonaRecord record, PersonaDescription description, DateTime now)
    {
        record.Name = description.Name;
        record.Narrative = description.Narrative;
        record.GoalsJson = StoredJson.Of(description.Goals);
        record.MotivationsJson = StoredJson.Of(description.Motivations);
        record.BehavioursJson = StoredJson.Of(description.Behaviours);
        record.NeedsJson = StoredJson.Of(description.Needs);
        record.ExpectationsJson = StoredJson.Of(description.Expectations);
        record.MetricIdsJson = StoredJson.Of(description.MetricIds);
        record.UpdatedAtUtc = now;
    }

    private async Task<V1.Persona> ToContractAsync(PersonaRecord record, IReadOnlyList<string> segmentIds, CancellationToken cancellationToken) => new()
    {
        PersonaId = record.PersonaId,
        Name = record.Name,
        Narrative = record.Narrative,
        Goals = { StoredJson.Read<List<string>>(record.GoalsJson) },
        Motivations = { StoredJson.Read<List<string>>(record.MotivationsJson) },
        Behaviours = { StoredJson.Read<List<string>>(record.BehavioursJson) },
        Needs = { StoredJson.Read<List<string>>(record.NeedsJson) },
        Expectations = { StoredJson.Read<List<string>>(record.ExpectationsJson) },
        SegmentIds = { segmentIds },
        MetricIds = { StoredJson.Read<List<string>>(record.MetricIdsJson) },
        Version = record.Version,
        CreatedAt = ContractMapping.ToTimestamp(record.CreatedAtUtc),
        UpdatedAt = ContractMapping.ToTimestamp(record.UpdatedAtUtc),
        Size = await SizeAsync(segmentIds, cancellationToken),
    };
}
