using Microsoft.EntityFrameworkCore;
using Storyboard.Web.Data;

namespace Storyboard.Web.Accounts;

/// <summary>Knows whether the first admin account exists; until it does, every page leads to /Setup.</summary>
public sealed class FirstRunGate
{
    private volatile bool _setUp;

    public async Task<bool> IsSetUpAsync(StoryboardDbContext db, CancellationToken cancellationToken)
    {
        if (_setUp)
        {
            return true;
        }
        _setUp = await db.Users.AnyAsync(cancellationToken);
        return _setUp;
    }

    public void MarkSetUp() => _setUp = true;
}

public sealed class FirstRunMiddleware(RequestDelegate next, FirstRunGate gate)
{
    private static readonly string[] OpenPrefixes = ["/Setup", "/health", "/openapi", "/lib", "/css", "/js", "/favicon", "/Error"];

    public async Task InvokeAsync(HttpContext context, StoryboardDbContext db)
    {
        var path = context.Request.Path;
        if (OpenPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)) ||
            await gate.IsSetUpAsync(db, context.RequestAborted))
        {
            await next(context);
            return;
        }

        if (path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await Results.Problem(title: "Storyboard is not set up yet",
                detail: "Open Storyboard in a browser and create the first admin account.",
                statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
            return;
        }
        if (context.Request.Headers.ContainsKey("HX-Request"))
        {
            context.Response.Headers["HX-Redirect"] = "/Setup";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        context.Response.Redirect("/Setup");
    }
}
