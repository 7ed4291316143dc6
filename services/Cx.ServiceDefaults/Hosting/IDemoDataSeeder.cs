namespace Cx.ServiceDefaults.Hosting;

/// <summary>
/// A service's part of `cx up --demo`: writes a realistic data set for a demo tenant.
/// Running it twice must not duplicate anything.
/// </summary>
public interface IDemoDataSeeder
{
    /// <summary>What the seeder loads, in a few words, for the start-up summary.</summary>
    string Description { get; }

    Task SeedAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Runs once every service's <see cref="SeedAsync"/> has: for demo data that stands on another
    /// service's (a result Measurement computes over its demo answers, say).
    /// </summary>
    Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
