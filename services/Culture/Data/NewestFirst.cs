using System.Globalization;
using System.Linq.Expressions;
using Cx.Domain.Errors;
using Cx.Domain.Paging;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.Data;

/// <summary>
/// Lists read newest first: a page ends at its last row's time (in ticks, so no precision is lost)
/// and id, which breaks ties, and the next page starts strictly before it.
/// </summary>
internal static class NewestFirst
{
    /// <summary>
    /// One page of <paramref name="rows"/>, newest first by <paramref name="at"/> then
    /// <paramref name="id"/>, after the caller's token (INVALID_ARGUMENT page_token for one this
    /// list did not give), and the next token.
    /// </summary>
    public static async Task<(List<T> Items, string NextPageToken)> PageAsync<T>(IQueryable<T> rows, Expression<Func<T, DateTime>> at, Expression<Func<T, string>> id, PageRequest page, CancellationToken cancellationToken)
    {
        if (page.AfterKey is { } key)
        {
            if (Read(key) is not var (lastAt, lastId))
            {
                new Validator().Add("page_token", "A next_page_token this list gave.").ThrowIfInvalid();
                return ([], string.Empty);
            }

            rows = rows.Where(Before(at, id, lastAt, lastId));
        }

        var window = await rows.OrderByDescending(at).ThenByDescending(id).Take(page.Size + 1).ToListAsync(cancellationToken);
        if (window.Count <= page.Size)
        {
            return (window, string.Empty);
        }

        window.RemoveAt(page.Size);
        var last = window[^1];
        return (window, PageRequest.TokenAfter(at.Compile()(last).Ticks.ToString("D19", CultureInfo.InvariantCulture) + "/" + id.Compile()(last)));
    }

    private static (DateTime At, string Id)? Read(string key) =>
        key.Split('/') is [var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
            ? (new DateTime(t, DateTimeKind.Utc), id)
            : null;

    /// <summary>row => at(row) &lt; lastAt || (at(row) == lastAt &amp;&amp; string.Compare(id(row), lastId) &lt; 0), as the database compares.</summary>
    private static Expression<Func<T, bool>> Before<T>(Expression<Func<T, DateTime>> at, Expression<Func<T, string>> id, DateTime lastAt, string lastId)
    {
        var row = at.Parameters[0];
        var rowAt = at.Body;
        var rowId = new Rebind(id.Parameters[0], row).Visit(id.Body);
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var atValue = Expression.Constant(lastAt);
        var body = Expression.OrElse(
            Expression.LessThan(rowAt, atValue),
            Expression.AndAlso(Expression.Equal(rowAt, atValue), Expression.LessThan(Expression.Call(compare, rowId, Expression.Constant(lastId)), Expression.Constant(0))));
        return Expression.Lambda<Func<T, bool>>(body, row);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
