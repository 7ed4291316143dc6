using System.Linq.Expressions;
using System.Reflection;
using Cx.Domain.Errors;
using Cx.Persistence.Concurrency;
using Cx.Persistence.Messaging;
using Cx.Persistence.Tenancy;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Cx.Persistence;

/// <summary>
/// The base of every service's database. It keeps the platform's promises below the service code:
/// a tenant's rows are invisible to other tenants and cannot be written for them, and a stale write
/// to a versioned aggregate is a reported conflict, never a silent overwrite.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options, ITenantContext tenant) : DbContext(options)
{
    private TimeProvider? _clock;

    private static readonly MethodInfo ApplyTenantFilterMethod =
        typeof(ServiceDbContext).GetMethod(nameof(ApplyTenantFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;

    /// <summary>Events raised by this service's changes, waiting for (or done with) the relay.</summary>
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    /// <summary>Events this service's subscriptions have handled.</summary>
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();

    /// <summary>Events the service's subscriptions gave up on, where the transport keeps none readable (Dapr).</summary>
    public DbSet<DeadLetterMessage> DeadLetters => Set<DeadLetterMessage>();

    /// <summary>The owning service's name; on PostgreSQL its tables live in a schema of this name.</summary>
    protected abstract string ServiceName { get; }

    /// <summary>
    /// The tenant every query is filtered by. Read per query (EF parameterizes it), and it throws
    /// outside a tenant's call, so a query that forgets the tenant cannot run by accident.
    /// </summary>
    public string CurrentTenantId => tenant.TenantId;

    /// <summary>
    /// The service's clock, the one its host registered (a test's, in tests), for what the database
    /// stamps itself, such as when an event occurred. A context made without a host (the design-time
    /// tools) reads the system clock.
    /// </summary>
    public TimeProvider Clock => _clock ??=
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
        ?? TimeProvider.System;

    /// <summary>
    /// Makes the next save of <paramref name="aggregate"/> succeed only if its stored version is
    /// <paramref name="expectedVersion"/>, e.g. the version a client read before editing.
    /// </summary>
    public void ExpectVersion<T>(T aggregate, long expectedVersion)
        where T : class, IVersioned =>
        Entry(aggregate).Property(a => a.Version).OriginalValue = expectedVersion;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            throw Conflict(conflict, conflict.Entries[0].GetDatabaseValues());
        }
    }

    /// <summary>
    /// Saves as EF Core does, except for the events raised since the last save: their outbox rows
    /// are written in the same transaction by one prepared insert rather than through change
    /// tracking, which cost more than the changes that raised them. Whatever fails, the save is
    /// undone as a whole and every change, event rows included, stays pending for another try.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var raised = PrepareSave();
        if (raised.Count == 0)
        {
            return await SaveTrackedAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        foreach (var message in raised)
        {
            Entry(message).State = EntityState.Detached;
        }

        try
        {
            await using var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
            var saved = await SaveTrackedAsync(acceptAllChangesOnSuccess: false, cancellationToken);
            await this.InsertRowsAsync(raised, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            if (acceptAllChangesOnSuccess)
            {
                ChangeTracker.AcceptAllChanges();
            }

            return saved + raised.Count;
        }
        catch
        {
            foreach (var message in raised)
            {
                Entry(message).State = EntityState.Added;
            }

            throw;
        }
    }

    private async Task<int> SaveTrackedAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            throw Conflict(conflict, await conflict.Entries[0].GetDatabaseValuesAsync(cancellationToken));
        }
    }

    /// <summary>The service's own model: entities, keys, indexes.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        if (Database.IsNpgsql())
        {
            modelBuilder.HasDefaultSchema(ServiceName);
        }

        ConfigureModel(modelBuilder);
        ConfigureMessaging(modelBuilder, Database.IsSqlite());
        if (Database.IsNpgsql())
        {
            CompareTextByCodePoint(modelBuilder);
        }

        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.BaseType is null).ToArray())
        {
            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                ApplyTenantFilterMethod.MakeGenericMethod(entity.ClrType).Invoke(this, [modelBuilder]);
            }

            if (typeof(IVersioned).IsAssignableFrom(entity.ClrType))
            {
                modelBuilder.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
            }
        }
    }

    /// <summary>
    /// Text compares by code point on PostgreSQL, as it does on SQLite, whatever locale the database
    /// was created with: a linguistic collation would order "a-c" after "ab" (it skips the '-'),
    /// so pages keyed by id would skip or repeat rows, and a range over ids would mean something
    /// else on each database.
    /// </summary>
    private static void CompareTextByCodePoint(ModelBuilder modelBuilder)
    {
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation("C");
        }
    }

    private static void ConfigureMessaging(ModelBuilder modelBuilder, bool sqlite)
    {
        if (sqlite)
        {
            // SQLite keeps DateTimeOffset as text it cannot compare; as UTC ticks, retention queries run in SQL.
            modelBuilder.Entity<OutboxMessage>().Property(m => m.OccurredAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            modelBuilder.Entity<OutboxMessage>().Property(m => m.PublishedAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            modelBuilder.Entity<InboxMessage>().Property(m => m.HandledAt).HasConversion<DateTimeOffsetToBinaryConverter>();
            modelBuilder.Entity<DeadLetterMessage>().Property(m => m.DeadAt).HasConversion<DateTimeOffsetToBinaryConverter>();
        }

        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("cx_outbox");
            outbox.HasKey(m => m.Sequence);
            outbox.Property(m => m.Sequence).ValueGeneratedOnAdd();
            outbox.HasIndex(m => m.EventId).IsUnique();
            outbox.HasIndex(m => new { m.PublishedAt, m.Sequence });
            outbox.Property(m => m.EventId).HasMaxLength(64);
            outbox.Property(m => m.Type).HasMaxLength(200);
            outbox.Property(m => m.Subject).HasMaxLength(200);
            outbox.Property(m => m.TenantId).HasMaxLength(63);
            outbox.Property(m => m.CorrelationId).HasMaxLength(64);
            outbox.Property(m => m.TraceParent).HasMaxLength(64);
            outbox.Property(m => m.TraceState).HasMaxLength(512);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("cx_inbox");
            inbox.HasKey(m => new { m.Subscription, m.EventId });
            inbox.Property(m => m.Subscription).HasMaxLength(200);
            inbox.Property(m => m.EventId).HasMaxLength(64);
        });
        modelBuilder.Entity<DeadLetterMessage>(dead =>
        {
            dead.ToTable("cx_dead_letters");
            dead.HasKey(m => m.Id);
            dead.Property(m => m.Id).ValueGeneratedOnAdd();

            // A dead letter delivered twice is kept once.
            dead.HasIndex(m => new { m.Subscription, m.EventId }).IsUnique();
            dead.Property(m => m.Subscription).HasMaxLength(200);
            dead.Property(m => m.EventId).HasMaxLength(64);
            dead.Property(m => m.EventType).HasMaxLength(200);
            dead.Property(m => m.Reason).HasMaxLength(2000);
        });
    }

    private void ApplyTenantFilter<T>(ModelBuilder modelBuilder)
        where T : class, ITenantOwned
    {
        var entity = modelBuilder.Entity<T>();
        entity.Property(e => e.TenantId).HasMaxLength(63).IsRequired();
        entity.HasIndex(e => e.TenantId);
        entity.HasQueryFilter(TenantFilter<T>());
    }

    private Expression<Func<T, bool>> TenantFilter<T>()
        where T : ITenantOwned => row => row.TenantId == CurrentTenantId;

    /// <returns>The outbox rows added since the last save.</returns>
    private List<OutboxMessage> PrepareSave()
    {
        var raised = new List<OutboxMessage>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry is { Entity: OutboxMessage message, State: EntityState.Added })
            {
                raised.Add(message);
            }

            if (entry.Entity is ITenantOwned owned)
            {
                GuardTenant(entry, owned);
            }

            if (entry.Entity is IVersioned versioned)
            {
                var version = entry.Property(nameof(IVersioned.Version));
                if (entry.State == EntityState.Added)
                {
                    versioned.Version = 1;
                }
                else if (entry.State == EntityState.Modified)
                {
                    version.CurrentValue = (long)version.OriginalValue! + 1;
                }
            }
        }

        return raised;
    }

    private void GuardTenant(EntityEntry entry, ITenantOwned owned)
    {
        if (entry.State is EntityState.Unchanged or EntityState.Detached)
        {
            return;
        }

        var current = CurrentTenantId;
        if (entry.State == EntityState.Added && string.IsNullOrEmpty(owned.TenantId))
        {
            owned.TenantId = current;
            return;
        }

        var tenantProperty = entry.Property(nameof(ITenantOwned.TenantId));
        var storedTenant = entry.State == EntityState.Added ? owned.TenantId : (string?)tenantProperty.OriginalValue;
        if (storedTenant != current || owned.TenantId != current)
        {
            // A programming error, not a caller's: services never choose the tenant of a row.
            throw new InvalidOperationException(
                $"A {entry.Metadata.DisplayName()} of tenant '{storedTenant}' cannot be written in a call for tenant '{current}'.");
        }
    }

    private static ConcurrencyConflictException Conflict(DbUpdateConcurrencyException conflict, PropertyValues? stored)
    {
        var entry = conflict.Entries[0];
        var key = entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
        long? currentVersion = stored is not null && entry.Entity is IVersioned ? stored.GetValue<long>(nameof(IVersioned.Version)) : null;
        return new ConcurrencyConflictException(entry.Metadata.DisplayName(), string.Join("/", key), currentVersion);
    }
}
