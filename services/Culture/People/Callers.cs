using Cx.Culture.Data;
using Cx.Domain.Errors;
using Cx.ServiceDefaults.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Cx.Culture.People;

/// <summary>
/// The employee a call comes from: the one whose login is the caller's verified identity. Only
/// they act for themselves here, so nobody gives in a colleague's name or accepts for them.
/// </summary>
internal sealed class Callers(CultureDb db, ActorContext actor)
{
    /// <summary>The caller's employee; PERMISSION_DENIED when the caller is nobody's login.</summary>
    public async Task<EmployeeRecord> EmployeeAsync(string toDo, CancellationToken cancellationToken) =>
        await db.Employees.AsNoTracking().FirstOrDefaultAsync(e => e.Login == actor.Actor, cancellationToken)
            ?? throw new PermissionDeniedException("employee-login",
                $"Only an employee can {toDo}, and the caller ({actor.Actor}) is no employee's login here: set it as their login (PutEmployee).");

    /// <summary>PERMISSION_DENIED unless the caller is <paramref name="employeeId"/>'s login.</summary>
    public async Task RequireAsync(string employeeId, string toDo, CancellationToken cancellationToken)
    {
        var login = await db.Employees.AsNoTracking().Where(e => e.EmployeeId == employeeId).Select(e => e.Login).FirstOrDefaultAsync(cancellationToken);
        if (login is null || login != actor.Actor)
        {
            throw new PermissionDeniedException("employee:" + employeeId,
                $"Only {employeeId} can {toDo}" + (login is null ? $", and they have no login here: set one (PutEmployee)." : $"; the caller is {actor.Actor}."));
        }
    }
}
