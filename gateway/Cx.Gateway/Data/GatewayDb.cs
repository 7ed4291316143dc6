using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Gateway.Data;

/// <summary>The gateway's database: API keys, webhook subscriptions and their deliveries.</summary>
public abstract class GatewayDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<WebhookSubscriptionRecord> WebhookSubscriptions => Set<WebhookSubscriptionRecord>();

    public DbSet<WebhookDeliveryRecord> WebhookDeliveries => Set<WebhookDeliveryRecord>();

    public DbSet<WebhookAttemptRecord> WebhookAttempts => Set<WebhookAttemptRecord>();

    protected override string ServiceName => GatewayModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ApiKeyRecord>(key =>
        {
            key.ToTable("api_keys");

            // Key ids are unique across tenants: a presented key is found before its tenant is known.
            key.HasKey(k => k.KeyId);
            key.Property(k => k.KeyId).HasMaxLength(32);
            key.Property(k => k.Name).HasMaxLength(100);
            key.Property(k => k.Permissions).HasMaxLength(2000);
            key.Property(k => k.CreatedBy).HasMaxLength(200);
            key.HasIndex(k => new { k.TenantId, k.CreatedAtUtc });
        });
        modelBuilder.Entity<WebhookSubscriptionRecord>(subscription =>
        {
            subscription.ToTable("webhook_subscriptions");
            subscription.HasKey(s => new { s.TenantId, s.SubscriptionId });
            subscription.Property(s => s.SubscriptionId).HasMaxLength(32);
            subscription.Property(s => s.Url).HasMaxLength(2000);
            subscription.Property(s => s.EventTypes).HasMaxLength(4000);
            subscription.Property(s => s.Description).HasMaxLength(200);
            // Encrypted (about 200 characters for a 50-character secret), with room for a longer payload format.
            subscription.Property(s => s.Secret).HasMaxLength(500);
            subscription.Property(s => s.PreviousSecret).HasMaxLength(500);
            subscription.Property(s => s.CreatedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<WebhookDeliveryRecord>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.HasKey(d => new { d.TenantId, d.DeliveryId });
            delivery.Property(d => d.DeliveryId).HasMaxLength(32);
            delivery.Property(d => d.SubscriptionId).HasMaxLength(32);
            delivery.Property(d => d.MessageId).HasMaxLength(64);
            delivery.Property(d => d.EventType).HasMaxLength(200);
            delivery.Property(d => d.Url).HasMaxLength(2000);
            delivery.Property(d => d.LastError).HasMaxLength(1000);
            delivery.Property(d => d.TraceParent).HasMaxLength(64);

            // One delivery per event and subscription, however often the event arrives.
            delivery.HasIndex(d => new { d.TenantId, d.SubscriptionId, d.MessageId }).IsUnique();

            // The sender's question: what is due now, across tenants.
            delivery.HasIndex(d => new { d.State, d.NextAttemptAtUtc });
        });
        modelBuilder.Entity<WebhookAttemptRecord>(attempt =>
        {
            attempt.ToTable("webhook_attempts");
            attempt.HasKey(a => new { a.TenantId, a.DeliveryId, a.Number });
            attempt.Property(a => a.DeliveryId).HasMaxLength(32);
            attempt.Property(a => a.Error).HasMaxLength(1000);
            attempt.Property(a => a.ResponseExcerpt).HasMaxLength(1000);
        });
    }
}

public sealed class GatewayDbSqlite(DbContextOptions<GatewayDbSqlite> options, ITenantContext tenant) : GatewayDb(options, tenant);

public sealed class GatewayDbPostgreSql(DbContextOptions<GatewayDbPostgreSql> options, ITenantContext tenant) : GatewayDb(options, tenant);

public sealed class GatewayDbSqliteDesignFactory : SqliteDesignFactory<GatewayDbSqlite>;

public sealed class GatewayDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<GatewayDbPostgreSql>(GatewayModule.ServiceName);
