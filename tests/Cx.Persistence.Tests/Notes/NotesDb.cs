using Cx.Persistence.Concurrency;
using Cx.Persistence.Tenancy;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Cx.Persistence.Tests.Notes;

/// <summary>A tenant-owned, versioned aggregate: the shape of every discipline's aggregates.</summary>
public sealed class Note : ITenantOwned, IVersioned
{
    public Guid Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public long Version { get; set; }
}

/// <summary>A running total per name, kept by adding to it (as rollups are).</summary>
public sealed class Tally : ITenantOwned
{
    public string TenantId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public long Count { get; set; }

    public double Sum { get; set; }
}

/// <summary>A row whose key the database assigns, with the types a row writer must store as EF does.</summary>
public sealed class Mark : ITenantOwned
{
    public long Id { get; set; }

    public string TenantId { get; set; } = string.Empty;

    public Guid NoteId { get; set; }

    public DateTime AtUtc { get; set; }

    public DateTimeOffset Seen { get; set; }

    public int? Rating { get; set; }
}

/// <summary>A service database as a discipline service writes one, laid out the same way.</summary>
public abstract class NotesDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<Note> Notes => Set<Note>();

    public DbSet<Tally> Tallies => Set<Tally>();

    public DbSet<Mark> Marks => Set<Mark>();

    protected override string ServiceName => "notes";

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.HasKey(n => n.Id);
            note.Property(n => n.Text).HasMaxLength(500).IsRequired();
        });
        modelBuilder.Entity<Tally>(tally =>
        {
            tally.ToTable("tallies");
            tally.HasKey(t => new { t.TenantId, t.Name });
            tally.Property(t => t.Name).HasMaxLength(100);
        });
        modelBuilder.Entity<Mark>(mark =>
        {
            mark.ToTable("marks");
            mark.HasKey(m => m.Id);
            mark.HasIndex(m => m.NoteId).IsUnique();
        });
    }
}

/// <summary>The SQLite flavour; its migrations live in Migrations/Sqlite.</summary>
public sealed class NotesDbSqlite(DbContextOptions<NotesDbSqlite> options, ITenantContext tenant) : NotesDb(options, tenant);

/// <summary>The PostgreSQL flavour; its migrations live in Migrations/PostgreSql.</summary>
public sealed class NotesDbPostgreSql(DbContextOptions<NotesDbPostgreSql> options, ITenantContext tenant) : NotesDb(options, tenant);

/// <summary>The tenant of a test's "call".</summary>
public sealed class FixedTenant(string tenantId) : ITenantContext
{
    public string TenantId { get; } = tenantId;
}

/// <summary>No call, no tenant: what a background job has before it chooses one.</summary>
public sealed class NoTenant : ITenantContext
{
    public string TenantId => throw new InvalidOperationException("No tenant is set for this call.");
}

/// <summary>Lets `dotnet ef migrations add` build the SQLite model without a running service.</summary>
public sealed class NotesDbSqliteDesignFactory : IDesignTimeDbContextFactory<NotesDbSqlite>
{
    public NotesDbSqlite CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotesDbSqlite>().UseSqlite("Data Source=design-time.db").Options, new NoTenant());
}

/// <summary>Lets `dotnet ef migrations add` build the PostgreSQL model; it never connects.</summary>
public sealed class NotesDbPostgreSqlDesignFactory : IDesignTimeDbContextFactory<NotesDbPostgreSql>
{
    public NotesDbPostgreSql CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotesDbPostgreSql>().UseNpgsql("Host=design-time", o => o.MigrationsHistoryTable("__ef_migrations_history", "notes")).Options, new NoTenant());
}
