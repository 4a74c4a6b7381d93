using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using RelIntel.Neo4j;

namespace RelIntel.Tests;

/// <summary>
/// Faults on the wire between the service and the real test Neo4j, as a flaky network makes them: Neo4j still runs every
/// request that reaches it; only the service's view of the answer suffers. Arm one fault at a time.
/// </summary>
public sealed class WireFaults : DelegatingHandler
{
    private Func<HttpRequestMessage, bool>? match;
    private Fault fault;
    private int remaining;
    private TimeSpan delay;

    private enum Fault
    {
        None,
        LoseAnswer,
        DropRequest,
        Refuse,
        Delay,
        FailAnswer,
        FailAnswerWithoutRunning,
    }

    /// <summary>Registers this handler in front of the service's connection to Neo4j.</summary>
    public void AddTo(IServiceCollection services) => services.AddSingleton(new Neo4jConnectionWrapper(inner =>
    {
        InnerHandler = inner;
        return this;
    }));

    /// <summary>The next matching request reaches Neo4j, which runs it; its answer never comes back.</summary>
    public void LoseNextAnswer(Func<HttpRequestMessage, bool> to) => Arm(Fault.LoseAnswer, to, 1);

    /// <summary>The next matching request never reaches Neo4j, and no answer comes.</summary>
    public void DropNext(Func<HttpRequestMessage, bool> to) => Arm(Fault.DropRequest, to, 1);

    /// <summary>The next <paramref name="count"/> matching requests find no connection (nothing reaches Neo4j).</summary>
    public void Refuse(Func<HttpRequestMessage, bool> to, int count = int.MaxValue) => Arm(Fault.Refuse, to, count);

    /// <summary>Every matching request reaches Neo4j <paramref name="by"/> late.</summary>
    public void Delay(Func<HttpRequestMessage, bool> to, TimeSpan by)
    {
        delay = by;
        Arm(Fault.Delay, to, int.MaxValue);
    }

    /// <summary>
    /// The next matching request reaches Neo4j, which runs it; the answer that comes back is the one Neo4j gives when it
    /// fails while writing its answer (<c>400</c>, <c>Neo.ClientError.Request.Invalid</c>, "Request body invalid.").
    /// </summary>
    public void FailNextAnswer(Func<HttpRequestMessage, bool> to) => Arm(Fault.FailAnswer, to, 1);

    /// <summary>
    /// The next matching request never reaches Neo4j, yet the same failure answer comes back: a commit that failed in Neo4j
    /// without committing looks like this.
    /// </summary>
    public void FailNextAnswerWithoutRunning(Func<HttpRequestMessage, bool> to) => Arm(Fault.FailAnswerWithoutRunning, to, 1);

    public void Heal() => Arm(Fault.None, null, 0);

    public static bool Commit(HttpRequestMessage request) => request.RequestUri!.AbsolutePath.EndsWith("/commit", StringComparison.Ordinal);

    public static bool Any(HttpRequestMessage request) => true;

    private void Arm(Fault kind, Func<HttpRequestMessage, bool>? to, int count)
    {
        lock (this) (fault, match, remaining) = (kind, to, count);
    }

    private Fault Take(HttpRequestMessage request)
    {
        lock (this)
        {
            if (fault == Fault.None || remaining <= 0 || match?.Invoke(request) != true) return Fault.None;
            remaining--;
            return fault;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (Take(request))
        {
            case Fault.LoseAnswer:
                using (await base.SendAsync(request, cancellationToken))
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            case Fault.DropRequest:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("unreachable");
            case Fault.Refuse:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (a test fault).");
            case Fault.FailAnswer:
                using (await base.SendAsync(request, cancellationToken))
                    return FailedAnswer();
            case Fault.FailAnswerWithoutRunning:
                return FailedAnswer();
            case Fault.Delay:
                await Task.Delay(delay, cancellationToken);
                return await base.SendAsync(request, cancellationToken);
            default:
                return await base.SendAsync(request, cancellationToken);
        }
    }

    private static HttpResponseMessage FailedAnswer() => new(System.Net.HttpStatusCode.BadRequest)
    {
        Content = new StringContent("""{"errors":[{"code":"Neo.ClientError.Request.Invalid","message":"Request body invalid."}]}""",
            System.Text.Encoding.UTF8, "application/json"),
    };
}
