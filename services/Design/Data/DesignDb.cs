using Cx.Design.Briefs;
using Cx.Design.Cases;
using Cx.Design.Ecosystem;
using Cx.Design.Experiments;
using Cx.Design.Journeys;
using Cx.Design.Opportunities;
using Cx.Design.PainPoints;
using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Design.Data;

/// <summary>The design service's database.</summary>
public abstract class DesignDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<JourneyRecord> Journeys => Set<JourneyRecord>();

    public DbSet<JourneyVersionRecord> JourneyVersions => Set<JourneyVersionRecord>();

    public DbSet<StepPainPointRecord> StepPainPoints => Set<StepPainPointRecord>();

    public DbSet<StepCaseRecord> StepCases => Set<StepCaseRecord>();

    public DbSet<ExperimentRecord> Experiments => Set<ExperimentRecord>();

    public DbSet<EcosystemMapRecord> EcosystemMaps => Set<EcosystemMapRecord>();

    public DbSet<EcosystemSignalRecord> EcosystemSignals => Set<EcosystemSignalRecord>();

    public DbSet<BriefRecord> Briefs => Set<BriefRecord>();

    public DbSet<JourneyDriversRecord> JourneyDrivers => Set<JourneyDriversRecord>();

    public DbSet<SuggestionRecord> Suggestions => Set<SuggestionRecord>();

    protected override string ServiceName => DesignModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        JourneyRecord.Configure(modelBuilder);
        JourneyVersionRecord.Configure(modelBuilder);
        StepPainPointRecord.Configure(modelBuilder);
        StepCaseRecord.Configure(modelBuilder);
        ExperimentRecord.Configure(modelBuilder);
        EcosystemMapRecord.Configure(modelBuilder);
        EcosystemSignalRecord.Configure(modelBuilder);
        BriefRecord.Configure(modelBuilder);
        JourneyDriversRecord.Configure(modelBuilder);
        SuggestionRecord.Configure(modelBuilder);
    }
}

public sealed class DesignDbSqlite(DbContextOptions<DesignDbSqlite> options, ITenantContext tenant) : DesignDb(options, tenant);

public sealed class DesignDbPostgreSql(DbContextOptions<DesignDbPostgreSql> options, ITenantContext tenant) : DesignDb(options, tenant);

public sealed class DesignDbSqliteDesignFactory : SqliteDesignFactory<DesignDbSqlite>;

public sealed class DesignDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<DesignDbPostgreSql>(DesignModule.ServiceName);
