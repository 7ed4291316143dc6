using Cx.Domain.Errors;
using Cx.ServiceDefaults.Tenancy;
using Cx.Understanding.Data;
using Cx.Understanding.Domain.Enrichment.Praise;
using Cx.Understanding.Feedback;
using Microsoft.EntityFrameworkCore;
using V1 = Cx.Understanding.V1;

namespace Cx.Understanding.Names;

/// <summary>
/// The names customers write for the tenant's employees and teams, set as one list. Each change is
/// a new version (who and when); the <c>names</c> table holds the current list, which enrichment reads.
/// </summary>
internal sealed class NamesApi(UnderstandingDb db, ActorContext actor, TimeProvider clock)
{
    public async Task<V1.NameList> SetAsync(V1.SetNamesRequest request, CancellationToken cancellationToken)
    {
        new Validator()
            .Require(!request.HasExpectedVersion || request.ExpectedVersion >= 0, "expected_version", "0 or more: the version read (0 when there was none).")
            .ThrowIfInvalid();
        var entries = NameListRules.Check(request.Entries.Select(e => new NameEntry(e.EmployeeId, e.TeamId, e.Names.ToList())).ToList());
        var current = await db.NameLists.OrderByDescending(l => l.Version).FirstOrDefaultAsync(cancellationToken);
        var currentVersion = current?.Version ?? 0;
        if (request.HasExpectedVersion && request.ExpectedVersion != currentVersion)
        {
            throw new ConcurrencyConflictException("name list", "current", currentVersion);
        }

        var wanted = entries
            .SelectMany(e => e.Names.Select(n => new NameRecord { Name = n, EmployeeId = e.EmployeeId, TeamId = e.TeamId }))
            .ToDictionary(n => n.Name, StringComparer.Ordinal);
        var rows = await db.Names.ToListAsync(cancellationToken);
        var changed = rows.Count != wanted.Count;
        foreach (var row in rows)
        {
            if (!wanted.Remove(row.Name, out var name))
            {
                db.Names.Remove(row);
                changed = true;
            }
            else if ((row.EmployeeId, row.TeamId) != (name.EmployeeId, name.TeamId))
            {
                (row.EmployeeId, row.TeamId) = (name.EmployeeId, name.TeamId);
                changed = true;
            }
        }

        changed |= wanted.Count > 0;
        db.Names.AddRange(wanted.Values);
        if (!changed && current is not null)
        {
            // The same list again is no change, and no new version.
            return await ListAsync(cancellationToken);
        }

        var list = new NameListRecord { Version = currentVersion + 1, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.Actor };
        db.NameLists.Add(list);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (Cx.Persistence.DatabaseErrors.IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException("name list", "current", list.Version);
        }

        return await ListAsync(cancellationToken);
    }

    /// <summary>The current list: employees, then teams, each ordered by id, their names in ordinal order.</summary>
    public async Task<V1.NameList> ListAsync(CancellationToken cancellationToken)
    {
        var current = await db.NameLists.AsNoTracking().OrderByDescending(l => l.Version).FirstOrDefaultAsync(cancellationToken);
        var names = await db.Names.AsNoTracking().ToListAsync(cancellationToken);
        var list = new V1.NameList
        {
            Version = current?.Version ?? 0,
            CreatedAt = current is null ? null : ContractMapping.ToTimestamp(current.CreatedAtUtc),
            CreatedBy = current?.CreatedBy ?? string.Empty,
        };
        list.Entries.AddRange(names
            .GroupBy(n => (n.EmployeeId, TeamId: n.EmployeeId.Length > 0 ? string.Empty : n.TeamId))
            .OrderBy(g => g.Key.EmployeeId.Length == 0)
            .ThenBy(g => g.Key.EmployeeId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.TeamId, StringComparer.Ordinal)
            .Select(g => new V1.NameEntry
            {
                EmployeeId = g.Key.EmployeeId,
                TeamId = g.First().TeamId,
                Names = { g.Select(n => n.Name).Order(StringComparer.Ordinal) },
            }));
        return list;
    }
}
