using Cx.Design.Data;
using Cx.Domain.Errors;
using Google.Protobuf;
using V1 = Cx.Design.V1;

namespace Cx.Design.Interchange;

/// <summary>What importing one document did, the version or revision it is at after, and for a rejected one the field at fault and why.</summary>
internal sealed record ImportOutcome(V1.JourneyImportOutcome Outcome, long At, string Field = "", string Error = "");

/// <summary>A document as stored: its content, the revision a write to it names, and the version or revision an import reports.</summary>
internal sealed record StoredDocument<T>(T Content, long Revision, long At);

/// <summary>
/// Documents imported as their export gives them: one by one, each in its own transaction with its
/// own outcome, upserted by id. Created when new; left as it is when its latest content already
/// says the same, so importing an export again changes nothing; updated otherwise. One out of
/// shape, or naming what does not exist, is rejected with the field at fault, and the others go on.
/// </summary>
internal static class DocumentImport
{
    public const int MaxDocuments = 50;

    public static void RequireBatch<T>(IReadOnlyCollection<T> documents, Func<T, string> id, string field) => new Validator()
        .Require(documents.Count is > 0 and <= MaxDocuments, field, $"1 to {MaxDocuments}.")
        .Require(documents.Select(id).Distinct().Count() == documents.Count, field, "Each id at most once.")
        .ThrowIfInvalid();

    public static async Task<List<TResult>> EachAsync<T, TResult>(DesignDb db, IEnumerable<T> documents, Func<T, Task<TResult>> importOne)
    {
        var results = new List<TResult>();
        foreach (var document in documents)
        {
            results.Add(await importOne(document));
            db.ChangeTracker.Clear();
        }

        return results;
    }

    /// <param name="read">The document checked whole, its content only.</param>
    /// <param name="stored">What is stored under its id; null when nothing is.</param>
    /// <param name="create">Creates it; the version or revision it is at.</param>
    /// <param name="update">Updates it at the revision read; the version or revision it is at.</param>
    /// <param name="journeyField">The field naming the journey the document stands on, if any: rejected there when that journey is missing or unfit for it.</param>
    public static async Task<ImportOutcome> UpsertAsync<T>(
        T document,
        Func<T, T> read,
        Func<T, Task<StoredDocument<T>?>> stored,
        Func<T, Task<long>> create,
        Func<T, long, Task<long>> update,
        string? journeyField = null)
        where T : IMessage<T>
    {
        try
        {
            var content = read(document);
            return await stored(content) switch
            {
                null => new ImportOutcome(V1.JourneyImportOutcome.Created, await create(content)),
                { } same when same.Content.Equals(content) => new ImportOutcome(V1.JourneyImportOutcome.Unchanged, same.At),
                { } other => new ImportOutcome(V1.JourneyImportOutcome.Updated, await update(content, other.Revision)),
            };
        }
        catch (ValidationFailedException e)
        {
            var first = e.Violations[0];
            return new ImportOutcome(V1.JourneyImportOutcome.Rejected, 0, first.Field, first.Description);
        }
        catch (NotFoundException e) when (journeyField is not null && e.ResourceType == Journeys.JourneysApi.ResourceType)
        {
            return new ImportOutcome(V1.JourneyImportOutcome.Rejected, 0, journeyField, e.Message);
        }
        catch (PreconditionFailedException e) when (journeyField is not null && e.Subject.StartsWith(Journeys.JourneysApi.ResourceType + "/", StringComparison.Ordinal))
        {
            return new ImportOutcome(V1.JourneyImportOutcome.Rejected, 0, journeyField, e.Message);
        }
    }
}
