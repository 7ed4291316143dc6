using Cx.Culture.People;
using Cx.Culture.Recognition;
using Cx.Culture.Rituals;
using Cx.Culture.Settings;
using Cx.Culture.Stories;
using Cx.Culture.Suggestions;
using Cx.Persistence;
using Cx.Persistence.Hosting;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Data;

/// <summary>The culture service's database.</summary>
public abstract class CultureDb(DbContextOptions options, ITenantContext tenant) : ServiceDbContext(options, tenant)
{
    public DbSet<EmployeeRecord> Employees => Set<EmployeeRecord>();

    public DbSet<TeamRecord> Teams => Set<TeamRecord>();

    public DbSet<SettingsRecord> Settings => Set<SettingsRecord>();

    public DbSet<RecognitionRecord> Recognitions => Set<RecognitionRecord>();

    public DbSet<GivenPointsRecord> GivenPoints => Set<GivenPointsRecord>();

    public DbSet<BoostRecord> Boosts => Set<BoostRecord>();

    public DbSet<SuggestionRecord> Suggestions => Set<SuggestionRecord>();

    public DbSet<SuggestionVoteRecord> SuggestionVotes => Set<SuggestionVoteRecord>();

    public DbSet<DigestRecord> Digests => Set<DigestRecord>();

    public DbSet<StoryRecord> Stories => Set<StoryRecord>();

    public DbSet<TrainingModuleRecord> TrainingModules => Set<TrainingModuleRecord>();

    protected override string ServiceName => CultureModule.ServiceName;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        EmployeeRecord.Configure(modelBuilder);
        TeamRecord.Configure(modelBuilder);
        SettingsRecord.Configure(modelBuilder);
        RecognitionRecord.Configure(modelBuilder);
        GivenPointsRecord.Configure(modelBuilder);
        BoostRecord.Configure(modelBuilder);
        SuggestionRecord.Configure(modelBuilder);
        SuggestionVoteRecord.Configure(modelBuilder);
        DigestRecord.Configure(modelBuilder);
        StoryRecord.Configure(modelBuilder);
        TrainingModuleRecord.Configure(modelBuilder);
    }
}

public sealed class CultureDbSqlite(DbContextOptions<CultureDbSqlite> options, ITenantContext tenant) : CultureDb(options, tenant);

public sealed class CultureDbPostgreSql(DbContextOptions<CultureDbPostgreSql> options, ITenantContext tenant) : CultureDb(options, tenant);

public sealed class CultureDbSqliteDesignFactory : SqliteDesignFactory<CultureDbSqlite>;

public sealed class CultureDbPostgreSqlDesignFactory() : PostgreSqlDesignFactory<CultureDbPostgreSql>(CultureModule.ServiceName);
