using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Read-your-writes across API instances on a Neo4j cluster. Every <c>/api</c> request runs in one <see cref="GraphSession"/>:
/// its statements wait for the bookmarks the client sends back in <see cref="Header"/> and for those this instance
/// remembers for the caller's key, and every answer carries the bookmarks of what the request saw and wrote. A client that
/// sends them back with its next call, to any instance, reads what it wrote, even from a cluster member that lags.
/// </summary>
public static partial class Bookmarks
{
    /// <summary>Request and response header: the bookmarks, separated by commas.</summary>
    public const string Header = "X-RelIntel-Bookmarks";

    /// <summary>A client sends back what it was given; more than this is not ours.</summary>
    private const int MaxBookmarks = 16;

    [GeneratedRegex(@"^[A-Za-z0-9+/=:_-]{1,256}\z")]
    private static partial Regex BookmarkPattern();

    /// <summary>Starts the request's session with the client's bookmarks; a malformed header is a 400 naming it.</summary>
    public static WebApplication UseBookmarks(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                await next(context);
                return;
            }
            if (!TryRead(context.Request, out var sent))
            {
                await Problems.Invalid(Header, $"Send back the bookmarks of an earlier answer: at most {MaxBookmarks}, separated by commas.")
                    .ExecuteAsync(context);
                return;
            }
            var session = new GraphSession(sent);
            context.Features.Set(session);
            var remembered = context.RequestServices.GetRequiredService<CallerBookmarks>();
            // Only bookmarks Neo4j has answered with go back out or are remembered: never a client's unchecked ones.
            context.Response.OnStarting(() =>
            {
                if (!session.Answered) return Task.CompletedTask;
                var bookmarks = session.Bookmarks;
                if (bookmarks.Count > 0) context.Response.Headers[Header] = string.Join(",", bookmarks);
                remembered.Remember(context, bookmarks);
                return Task.CompletedTask;
            });
            using (GraphSession.Begin(session))
                await next(context);
            // Work done after the answer started (none today) still counts for the caller's next request here.
            if (session.Answered) remembered.Remember(context, session.Bookmarks);
        });
        return app;
    }

    /// <summary>After authentication: the request also waits for what this instance remembers of the caller's own writes.</summary>
    public static WebApplication UseCallerBookmarks(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Features.Get<GraphSession>() is { } session)
                context.RequestServices.GetRequiredService<CallerBookmarks>().IncludeIn(context, session);
            return next(context);
        });
        return app;
    }

    private static bool TryRead(HttpRequest request, out IReadOnlyList<string> bookmarks)
    {
        bookmarks = [];
        if (!request.Headers.TryGetValue(Header, out var values)) return true;
        var all = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        if (all.Count > MaxBookmarks || !all.All(b => BookmarkPattern().IsMatch(b))) return false;
        bookmarks = all;
        return true;
    }
}

/// <summary>
/// The latest bookmarks of each caller's requests on this instance, so a client that does not send them back still reads
/// its own writes here. Per instance, bounded, and forgotten after <see cref="KeptFor"/> (a cluster catches up in far less).
/// </summary>
public sealed class CallerBookmarks : IDisposable
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private static readonly object IncludedKey = new();

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    private readonly Lock gate = new();

    /// <summary>Makes the request wait for the caller's remembered bookmarks too.</summary>
    public void IncludeIn(HttpContext context, GraphSession session)
    {
        if (Caller.From(context.User)?.KeyId is not { } key || !cache.TryGetValue(key, out IReadOnlyList<string>? bookmarks)) return;
        context.Items[IncludedKey] = bookmarks;
        session.Include(bookmarks!);
    }

    /// <summary>
    /// Remembers where the caller's request left off. The request's bookmarks cover the remembered ones it waited for, so
    /// those go; others remembered meanwhile (a request of the same caller beside it) stay, so none of its writes is forgotten.
    /// </summary>
    public void Remember(HttpContext context, IReadOnlyList<string> bookmarks)
    {
        if (bookmarks.Count == 0 || Caller.From(context.User)?.KeyId is not { } key) return;
        var covered = context.Items.TryGetValue(IncludedKey, out var included) && included is IReadOnlyList<string> list ? list : [];
        lock (gate)
        {
            var kept = cache.TryGetValue(key, out IReadOnlyList<string>? before) ? before!.Except(covered, StringComparer.Ordinal) : [];
            IReadOnlyList<string> merged = [.. kept.Union(bookmarks, StringComparer.Ordinal).TakeLast(16)];
            cache.Set(key, merged, new MemoryCacheEntryOptions { SlidingExpiration = KeptFor, Size = 1 });
            context.Items[IncludedKey] = merged;
        }
    }

    public void Dispose() => cache.Dispose();
}
