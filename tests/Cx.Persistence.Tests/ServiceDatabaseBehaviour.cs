using Cx.Domain.Errors;
using Cx.Persistence.Messaging;
using Cx.Persistence.Tests.Notes;
using Microsoft.EntityFrameworkCore;

namespace Cx.Persistence.Tests;

/// <summary>
/// The promises of a service database, run against each provider: tenancy enforced below the
/// service, and optimistic concurrency that reports conflicts instead of overwriting.
/// </summary>
public abstract class ServiceDatabaseBehaviour : IAsyncLifetime
{
    protected abstract NotesDb Open(string tenant);

    protected abstract NotesDb OpenWithoutTenant();

    public virtual async Task InitializeAsync()
    {
        await using var db = OpenWithoutTenant();
        await db.Database.MigrateAsync();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    private async Task<Note> AddNoteAsync(string tenant, string text)
    {
        await using var db = Open(tenant);
        var note = new Note { Id = Guid.NewGuid(), Text = text };
        db.Notes.Add(note);
        await db.SaveChangesAsync();
        return note;
    }

    [Fact]
    public async Task Migrate_AppliedAtStart_LeavesNothingPending()
    {
        await using var db = OpenWithoutTenant();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        await db.Database.MigrateAsync();
    }

    [Fact]
    public async Task Add_WithoutTenant_IsStampedWithTheCallsTenantAtVersionOne()
    {
        var note = await AddNoteAsync("acme", "first");

        Assert.Equal(("acme", 1L), (note.TenantId, note.Version));
    }

    [Fact]
    public async Task Query_AnotherTenantsRows_AreInvisible()
    {
        var note = await AddNoteAsync("acme", "private to acme");

        await using var other = Open("globex");
        Assert.Null(await other.Notes.FirstOrDefaultAsync(n => n.Id == note.Id));
        Assert.Null(await other.Notes.FindAsync(note.Id));
        Assert.DoesNotContain(await other.Notes.ToListAsync(), n => n.Id == note.Id);

        await using var owner = Open("acme");
        Assert.Equal("private to acme", (await owner.Notes.SingleAsync(n => n.Id == note.Id)).Text);
    }

    [Fact]
    public async Task Add_ForAnotherTenant_IsRefusedAndWritesNothing()
    {
        var id = Guid.NewGuid();
        await using (var db = Open("acme"))
        {
            db.Notes.Add(new Note { Id = id, TenantId = "globex", Text = "smuggled" });
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using var globex = Open("globex");
        Assert.Null(await globex.Notes.FirstOrDefaultAsync(n => n.Id == id));
    }

    [Fact]
    public async Task Update_AnotherTenantsRowAttachedByHand_IsRefusedAndChangesNothing()
    {
        var note = await AddNoteAsync("acme", "original");

        await using (var intruder = Open("globex"))
        {
            intruder.Attach(new Note { Id = note.Id, TenantId = "acme", Text = "original", Version = 1 }).Entity.Text = "defaced";
            await Assert.ThrowsAsync<InvalidOperationException>(() => intruder.SaveChangesAsync());
        }

        await using var owner = Open("acme");
        Assert.Equal("original", (await owner.Notes.SingleAsync(n => n.Id == note.Id)).Text);
    }

    [Fact]
    public async Task Update_MovingARowToAnotherTenant_IsRefused()
    {
        var note = await AddNoteAsync("acme", "stay here");

        await using var db = Open("acme");
        (await db.Notes.SingleAsync(n => n.Id == note.Id)).TenantId = "globex";

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Query_OutsideATenantsCall_CannotRun()
    {
        await AddNoteAsync("acme", "needs a tenant to be read");

        await using var db = OpenWithoutTenant();

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Notes.ToListAsync());
    }

    [Fact]
    public async Task Save_EachChange_IncrementsTheVersion()
    {
        var note = await AddNoteAsync("acme", "v1");

        await using var db = Open("acme");
        var loaded = await db.Notes.SingleAsync(n => n.Id == note.Id);
        loaded.Text = "v2";
        await db.SaveChangesAsync();
        loaded.Text = "v3";
        await db.SaveChangesAsync();

        Assert.Equal(3, loaded.Version);
    }

    [Fact]
    public async Task Save_ConcurrentEditsOfOneAggregate_SecondIsAConflictWithTheCurrentVersion()
    {
        var note = await AddNoteAsync("acme", "base");
        await using var first = Open("acme");
        await using var second = Open("acme");
        var mine = await first.Notes.SingleAsync(n => n.Id == note.Id);
        var theirs = await second.Notes.SingleAsync(n => n.Id == note.Id);

        mine.Text = "first wins";
        await first.SaveChangesAsync();
        theirs.Text = "second loses";
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => second.SaveChangesAsync());

        Assert.Equal(2, conflict.CurrentVersion);
        Assert.Equal(note.Id.ToString(), conflict.ResourceName);
        await using var check = Open("acme");
        var stored = await check.Notes.SingleAsync(n => n.Id == note.Id);
        Assert.Equal(("first wins", 2L), (stored.Text, stored.Version));
    }

    [Fact]
    public async Task ExpectVersion_StaleVersionFromAClient_IsAConflict()
    {
        var note = await AddNoteAsync("acme", "base");
        await using (var editor = Open("acme"))
        {
            (await editor.Notes.SingleAsync(n => n.Id == note.Id)).Text = "edited";
            await editor.SaveChangesAsync();
        }

        await using var db = Open("acme");
        var loaded = await db.Notes.SingleAsync(n => n.Id == note.Id);
        db.ExpectVersion(loaded, 1);
        loaded.Text = "based on what the client saw at version 1";

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => db.SaveChangesAsync());
        Assert.Equal(2, conflict.CurrentVersion);
    }

    [Fact]
    public async Task ExpectVersion_CurrentVersion_Saves()
    {
        var note = await AddNoteAsync("acme", "base");

        await using var db = Open("acme");
        var loaded = await db.Notes.SingleAsync(n => n.Id == note.Id);
        db.ExpectVersion(loaded, 1);
        loaded.Text = "fresh";
        await db.SaveChangesAsync();

        Assert.Equal(2, loaded.Version);
    }

    [Fact]
    public async Task Save_EditOfAnAggregateDeletedMeanwhile_IsAConflictSayingItIsGone()
    {
        var note = await AddNoteAsync("acme", "doomed");
        await using var editor = Open("acme");
        var loaded = await editor.Notes.SingleAsync(n => n.Id == note.Id);
        await using (var remover = Open("acme"))
        {
            remover.Notes.Remove(await remover.Notes.SingleAsync(n => n.Id == note.Id));
            await remover.SaveChangesAsync();
        }

        loaded.Text = "too late";
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => editor.SaveChangesAsync());

        Assert.Null(conflict.CurrentVersion);
    }

    [Fact]
    public async Task InsertRows_AreStoredAsSaveChangesStoresThem_StampedWithTheTenantAtVersionOne()
    {
        var notes = Enumerable.Range(0, 2_500).Select(i => new Note { Id = Guid.NewGuid(), Text = $"note {i}" }).ToList();

        await using (var db = Open("acme"))
        {
            await db.InsertRowsAsync(notes, CancellationToken.None);
        }

        await using var reader = Open("acme");
        var stored = await reader.Notes.Where(n => n.Text.StartsWith("note ")).ToDictionaryAsync(n => n.Id);
        Assert.Equal(2_500, stored.Count);
        Assert.All(notes, n => Assert.Equal((n.Text, "acme", 1L), (stored[n.Id].Text, stored[n.Id].TenantId, stored[n.Id].Version)));
        var first = await reader.Notes.SingleAsync(n => n.Id == notes[0].Id);
        first.Text = "edited";
        await reader.SaveChangesAsync();
        Assert.Equal(2L, first.Version);
    }

    [Fact]
    public async Task InsertRows_TypesAndDatabaseKeys_RoundTripThroughTheModel()
    {
        var at = new DateTime(2026, 11, 24, 8, 30, 15, DateTimeKind.Utc);
        var seen = new DateTimeOffset(2026, 11, 24, 9, 30, 15, TimeSpan.Zero);
        var marks = new[] { new Mark { NoteId = Guid.NewGuid(), AtUtc = at, Seen = seen, Rating = 4 }, new Mark { NoteId = Guid.NewGuid(), AtUtc = at, Seen = seen } };

        await using (var db = Open("acme"))
        {
            await db.InsertRowsAsync(marks, CancellationToken.None);
        }

        await using var reader = Open("acme");
        var stored = await reader.Marks.Where(m => m.NoteId == marks[0].NoteId || m.NoteId == marks[1].NoteId).OrderBy(m => m.Id).ToListAsync();
        Assert.Equal([marks[0].NoteId, marks[1].NoteId], stored.Select(m => m.NoteId));
        Assert.True(stored[0].Id > 0 && stored[1].Id > stored[0].Id);
        Assert.Equal((at, seen, (int?)4), (stored[0].AtUtc, stored[0].Seen, stored[0].Rating));
        Assert.Null(stored[1].Rating);
        Assert.Single(await reader.Marks.Where(m => m.Seen == seen && m.NoteId == marks[0].NoteId).ToListAsync());
    }

    [Fact]
    public async Task InsertRows_ForAnotherTenant_AreRefusedAndWriteNothing()
    {
        var id = Guid.NewGuid();
        await using (var db = Open("acme"))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertRowsAsync([new Note { Id = Guid.NewGuid(), Text = "mine" }, new Note { Id = id, TenantId = "globex", Text = "smuggled" }], CancellationToken.None));
        }

        await using var globex = Open("globex");
        Assert.Null(await globex.Notes.FirstOrDefaultAsync(n => n.Id == id));
    }

    [Fact]
    public async Task InsertRows_AUniqueKeyTaken_IsAUniqueViolationAndNoRowIsWritten()
    {
        var taken = Guid.NewGuid();
        var fresh = Guid.NewGuid();
        await using (var db = Open("acme"))
        {
            await db.InsertRowsAsync([new Mark { NoteId = taken, AtUtc = DateTime.UtcNow, Seen = DateTimeOffset.UtcNow }], CancellationToken.None);
            var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertRowsAsync(
                [new Mark { NoteId = fresh, AtUtc = DateTime.UtcNow, Seen = DateTimeOffset.UtcNow }, new Mark { NoteId = taken, AtUtc = DateTime.UtcNow, Seen = DateTimeOffset.UtcNow }],
                CancellationToken.None));
            Assert.True(DatabaseErrors.IsUniqueViolation(failure));
        }

        await using var reader = Open("acme");
        Assert.False(await reader.Marks.AnyAsync(m => m.NoteId == fresh));
    }

    [Fact]
    public async Task InsertRows_InACallersTransaction_RollBackWithIt()
    {
        var id = Guid.NewGuid();
        await using (var db = Open("acme"))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.InsertRowsAsync([new Note { Id = id, Text = "undone" }], CancellationToken.None);
            await transaction.RollbackAsync();
        }

        await using var reader = Open("acme");
        Assert.Null(await reader.Notes.FirstOrDefaultAsync(n => n.Id == id));
    }

    private static OutboxMessage Event(string subject, DateTimeOffset occurredAt) => new()
    {
        EventId = Guid.NewGuid().ToString("N"),
        Type = "cx.testing.note_written.v1",
        Subject = subject,
        TenantId = "acme",
        CorrelationId = "corr-" + subject,
        TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
        Data = "{\"subject\":\"" + subject + "\"}",
        OccurredAt = occurredAt,
    };

    [Fact]
    public async Task Save_RaisedEvents_AreStoredInOrderWithEveryFieldAsWritten()
    {
        var subject = "note-" + Guid.NewGuid().ToString("N");
        var at = new DateTimeOffset(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
        var raised = new[] { Event(subject + "-a", at), Event(subject + "-b", at.AddSeconds(1)) };
        await using (var db = Open("acme"))
        {
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = subject });
            db.Outbox.AddRange(raised);
            Assert.Equal(3, await db.SaveChangesAsync());
            Assert.Empty(db.ChangeTracker.Entries<OutboxMessage>());
        }

        await using var reader = OpenWithoutTenant();
        var stored = await reader.Outbox.Where(m => m.Subject.StartsWith(subject)).OrderBy(m => m.Sequence).ToListAsync();
        Assert.Equal(raised.Select(r => r.Subject), stored.Select(m => m.Subject));
        Assert.True(stored[0].Sequence > 0 && stored[1].Sequence > stored[0].Sequence);
        Assert.All(stored.Zip(raised), pair => Assert.Equal(
            (pair.Second.EventId, pair.Second.Type, pair.Second.TenantId, pair.Second.CorrelationId, pair.Second.TraceParent, pair.Second.Data, pair.Second.OccurredAt, (DateTimeOffset?)null, 0),
            (pair.First.EventId, pair.First.Type, pair.First.TenantId, pair.First.CorrelationId, pair.First.TraceParent, pair.First.Data, pair.First.OccurredAt, pair.First.PublishedAt, pair.First.PublishAttempts)));
    }

    [Fact]
    public async Task Save_AChangeFails_NoEventIsStored_AndTheRetryStoresEachOnce()
    {
        var taken = await AddNoteAsync("acme", "taken");
        var subject = "retried-" + Guid.NewGuid().ToString("N");
        var fresh = new Note { Id = Guid.NewGuid(), Text = "fresh" };
        var duplicate = new Note { Id = taken.Id, Text = "duplicate key" };
        await using (var db = Open("acme"))
        {
            db.Notes.AddRange(fresh, duplicate);
            db.Outbox.Add(Event(subject, DateTimeOffset.UtcNow));

            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Equal(EntityState.Added, Assert.Single(db.ChangeTracker.Entries<OutboxMessage>()).State);

            db.Entry(duplicate).State = EntityState.Detached;
            await db.SaveChangesAsync();
        }

        await using var reader = OpenWithoutTenant();
        Assert.Equal(1, await reader.Outbox.CountAsync(m => m.Subject == subject));
        await using var acme = Open("acme");
        Assert.NotNull(await acme.Notes.FirstOrDefaultAsync(n => n.Id == fresh.Id));
    }

    [Fact]
    public async Task Save_FailedAndCleared_StoresNoEvent()
    {
        var taken = await AddNoteAsync("acme", "taken");
        var subject = "cleared-" + Guid.NewGuid().ToString("N");
        await using (var db = Open("acme"))
        {
            db.Notes.Add(new Note { Id = taken.Id, Text = "duplicate key" });
            db.Outbox.Add(Event(subject, DateTimeOffset.UtcNow));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

            db.ChangeTracker.Clear();
            await db.SaveChangesAsync();
        }

        await using var reader = OpenWithoutTenant();
        Assert.False(await reader.Outbox.AnyAsync(m => m.Subject == subject));
    }

    [Fact]
    public async Task Save_InACallersTransaction_EventsRollBackWithIt()
    {
        var subject = "rolled-back-" + Guid.NewGuid().ToString("N");
        await using (var db = Open("acme"))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notes.Add(new Note { Id = Guid.NewGuid(), Text = subject });
            db.Outbox.Add(Event(subject, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var reader = OpenWithoutTenant();
        Assert.False(await reader.Outbox.AnyAsync(m => m.Subject == subject));
    }

    [Fact]
    public async Task AddToRows_ExistingKeys_AddTheTotalsAndNewKeysAreInserted()
    {
        var name = "visits-" + Guid.NewGuid().ToString("N");
        await using (var db = Open("acme"))
        {
            await db.AddToRowsAsync([new Tally { Name = name, Count = 2, Sum = 1.5 }], [nameof(Tally.Count), nameof(Tally.Sum)], CancellationToken.None);
            await db.AddToRowsAsync([new Tally { Name = name, Count = 3, Sum = 0.25 }, new Tally { Name = name + "-other", Count = 1, Sum = 1 }], [nameof(Tally.Count), nameof(Tally.Sum)], CancellationToken.None);
        }

        await using (var globex = Open("globex"))
        {
            await globex.AddToRowsAsync([new Tally { Name = name, Count = 100, Sum = 100 }], [nameof(Tally.Count), nameof(Tally.Sum)], CancellationToken.None);
        }

        await using var reader = Open("acme");
        var tallies = await reader.Tallies.Where(t => t.Name.StartsWith(name)).OrderBy(t => t.Name).ToListAsync();
        Assert.Equal([(name, 5L, 1.75), (name + "-other", 1L, 1.0)], tallies.Select(t => (t.Name, t.Count, t.Sum)));
    }

    [Fact]
    public async Task AddToRows_ConcurrentWriters_LoseNoIncrement()
    {
        var name = "concurrent-" + Guid.NewGuid().ToString("N");
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var db = Open("acme");
                await db.AddToRowsAsync([new Tally { Name = name, Count = 1, Sum = 0.5 }], [nameof(Tally.Count), nameof(Tally.Sum)], CancellationToken.None);
            }
        }));

        await using var reader = Open("acme");
        var tally = await reader.Tallies.SingleAsync(t => t.Name == name);
        Assert.Equal((200L, 100.0), (tally.Count, tally.Sum));
    }
}

public sealed class SqliteServiceDatabaseTests : ServiceDatabaseBehaviour
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "cx-notes-" + Guid.NewGuid().ToString("N") + ".db");

    protected override NotesDb Open(string tenant) => Create(new FixedTenant(tenant));

    protected override NotesDb OpenWithoutTenant() => Create(new NoTenant());

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }

    private NotesDbSqlite Create(Cx.ServiceDefaults.Tenancy.ITenantContext tenant) =>
        new(new DbContextOptionsBuilder<NotesDbSqlite>().UseSqlite($"Data Source={_file}").Options, tenant);
}

[Collection(PostgreSqlGroup.Name)]
public sealed class PostgreSqlServiceDatabaseTests(PostgreSqlServer server) : ServiceDatabaseBehaviour
{
    private string _connectionString = string.Empty;

    public override async Task InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync("notes_" + Guid.NewGuid().ToString("N")[..12]);
        await base.InitializeAsync();
    }

    protected override NotesDb Open(string tenant) => Create(new FixedTenant(tenant));

    protected override NotesDb OpenWithoutTenant() => Create(new NoTenant());

    private NotesDbPostgreSql Create(Cx.ServiceDefaults.Tenancy.ITenantContext tenant) =>
        new(new DbContextOptionsBuilder<NotesDbPostgreSql>()
            .UseNpgsql(_connectionString, o => o.MigrationsHistoryTable("__ef_migrations_history", "notes"))
            .Options, tenant);
}
