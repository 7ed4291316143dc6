using Cx.Domain.Errors;
using Cx.Persistence.Tests.Notes;
using Cx.Persistence.Tests.Support;
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
