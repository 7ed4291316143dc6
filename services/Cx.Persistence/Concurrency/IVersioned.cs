namespace Cx.Persistence.Concurrency;

/// <summary>
/// An aggregate guarded by optimistic concurrency: every save increments <see cref="Version"/>, and a
/// save based on a version that is no longer current fails with a conflict instead of overwriting.
/// </summary>
public interface IVersioned
{
    long Version { get; set; }
}
