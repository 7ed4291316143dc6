using System.Linq.Expressions;
using Cx.Domain.Paging;
using Microsoft.EntityFrameworkCore;

namespace Cx.Persistence.Paging;

/// <summary>Reads one keyset page of a query in the database: the rows after the page's key, by that key.</summary>
public static class KeysetPages
{
    private static readonly System.Reflection.MethodInfo Compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    /// <summary>
    /// At most <see cref="PageRequest.Size"/> rows of <paramref name="query"/> whose <paramref name="key"/>
    /// (unique) comes after the page's, ordered by it, and the token of the next page ("" for the last).
    /// Keys compare by code point on every database (PostgreSQL text columns have collation "C").
    /// </summary>
    public static async Task<(IReadOnlyList<T> Items, string NextPageToken)> PageAsync<T>(
        this IQueryable<T> query, PageRequest page, Expression<Func<T, string>> key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(key);
        if (page.AfterKey is { } after)
        {
            // A captured value, so the database sees a parameter and the query plan is reused.
            var bound = new AfterKey(after);
            var comparison = Expression.GreaterThan(
                Expression.Call(Compare, key.Body, Expression.Property(Expression.Constant(bound), nameof(AfterKey.Value))),
                Expression.Constant(0));
            query = query.Where(Expression.Lambda<Func<T, bool>>(comparison, key.Parameters));
        }

        // The database already chose the rows after the key, in its own code-point order; filtering
        // them again here (UTF-16 order) would drop keys beyond U+FFFF.
        var window = await query.OrderBy(key).Take(page.Size + 1).ToListAsync(cancellationToken);
        if (window.Count <= page.Size)
        {
            return (window, string.Empty);
        }

        window.RemoveAt(page.Size);
        return (window, PageRequest.TokenAfter(key.Compile()(window[^1])));
    }

    private sealed record AfterKey(string Value);
}
