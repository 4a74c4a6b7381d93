using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RelIntel.Tests.Reports;

/// <summary>
/// A tiny Kestrel receiver on a free loopback port that answers 503 to the first N posts, then 200 — and, when told, never
/// answers one post at all (<see cref="Hung"/> says when it arrived), as a receiver does whose sender dies mid-request.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string? ReportId, string Body)> received = new();
    private readonly ConcurrentQueue<Post> posts = new();
    private readonly TaskCompletionSource hung = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int failuresLeft;
    private int hangOnPost;
    private int postCount;

    /// <summary>One post as it arrived: the RelIntel headers (<c>X-RelIntel-*</c>) and the body.</summary>
    public sealed record Post(IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public string DeliveryId => Headers["X-RelIntel-Delivery-Id"];

        public string Event => Headers["X-RelIntel-Event"];
    }

    /// <summary>Every post, with its headers, in the order they arrived (failed ones too).</summary>
    public IReadOnlyList<Post> Posts => posts.ToList();

    /// <summary>The next <paramref name="count"/> posts are answered 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    private WebhookReceiver(WebApplication app, int failFirst, int hangOn) => (this.app, failuresLeft, hangOnPost) = (app, failFirst, hangOn);

    /// <summary>Completes when the post that is never answered has arrived.</summary>
    public Task Hung => hung.Task;

    public string Url { get; private set; } = "";

    public IReadOnlyList<(string? ReportId, string Body)> Received => received.ToList();

    /// <param name="failFirst">How many posts are answered 503 before the others get 200.</param>
    /// <param name="hangOnPost">The post (1 for the first) that is received but never answered; 0: none.</param>
    /// <param name="url">Where to listen (a <see cref="UnusedUrl"/> a service was told before it started); a free port if null.</param>
    public static async Task<WebhookReceiver> StartAsync(int failFirst, int hangOnPost = 0, string? url = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url is null ? "http://127.0.0.1:0" : new Uri(url).GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, failFirst, hangOnPost);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.received.Enqueue((context.Request.Headers["X-RelIntel-Report-Id"].ToString(), body));
            receiver.posts.Enqueue(new Post(context.Request.Headers.Where(h => h.Key.StartsWith("X-RelIntel-", StringComparison.OrdinalIgnoreCase))
                .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            if (Interlocked.Increment(ref receiver.postCount) == receiver.hangOnPost)
            {
                receiver.hung.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                return Results.StatusCode(499);
            }
            return Interlocked.Decrement(ref receiver.failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Ok();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = $"{address}/hook";
        return receiver;
    }

    /// <summary>A loopback URL nobody listens on.</summary>
    public static string UnusedUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/hook";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
