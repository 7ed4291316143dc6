using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Cx.Strategy.CxIndex;
using Cx.Strategy.Initiatives;
using Cx.Strategy.Maturity;
using Cx.Strategy.Targets;
using Cx.Strategy.Vision;
using Microsoft.EntityFrameworkCore;

namespace Cx.Strategy.Data;

/// <summary>The strategy service's database.</summary>
public abstract class StrategyDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<VisionRecord> Visions => Set<VisionRecord>();

    public DbSet<CxIndexRecord> CxIndexes => Set<CxIndexRecord>();

    public DbSet<TargetRecord> Targets => Set<TargetRecord>();

    public DbSet<InitiativeRecord> Initiatives => Set<InitiativeRecord>();

    public DbSet<PainPointRecord> PainPoints => Set<PainPointRecord>();

    public DbSet<DriverRecord> Drivers => Set<DriverRecord>();

    public DbSet<OpportunityRecord> Opportunities => Set<OpportunityRecord>();

    public DbSet<SignalRecord> Signals => Set<SignalRecord>();

    public DbSet<AssessmentRecord> Assessments => Set<AssessmentRecord>();

    public DbSet<SelfAssessmentRecord> SelfAssessments => Set<SelfAssessmentRecord>();

    protected override string ServiceName => StrategyModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        VisionRecord.Configure(modelBuilder);
        CxIndexRecord.Configure(modelBuilder);
        TargetRecord.Configure(modelBuilder);
        InitiativeRecord.Configure(modelBuilder);
        PainPointRecord.Configure(modelBuilder);
        DriverRecord.Configure(modelBuilder);
        OpportunityRecord.Configure(modelBuilder);
        SignalRecord.Configure(modelBuilder);
        AssessmentRecord.Configure(modelBuilder);
        SelfAssessmentRecord.Configure(modelBuilder);
    }
}

public sealed class StrategyDbSqlite(DbContextOptions<StrategyDbSqlite> options, ITenantContext tenant) : StrategyDb(options, tenant);

public sealed class StrategyDbPostgreSql(DbContextOptions<StrategyDbPostgreSql> options, ITenantContext tenant) : StrategyDb(options, tenant);

public sealed class StrategyDbSqliteDesignFactory : SqliteDesignFactory<StrategyDbSqlite>;

public sealed class StrategyDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<StrategyDbPostgreSql>(StrategyModule.ServiceName);
