using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using RelIntel.Neo4j;
using RelIntel.Neo4j.DevServices;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// A start that cannot succeed (no Neo4j, Neo4j unreachable or refusing our credentials, the port taken) ends with a
/// few plain lines on standard error and exit code 1, not a stack trace and an abort: the reader is a person at a
/// terminal or an operator reading a container's log, and what they need is what to change.
/// </summary>
public static class StartupFailures
{
    /// <summary>
    /// The host's own category and Kestrel ("Unable to start Kestrel", its only critical message) log a failed start with
    /// its stack trace; we say it once, plainly, instead (an unexplained failure is rethrown, with its trace).
    /// </summary>
    public static void AddStartupFailures(this ILoggingBuilder logging) => logging
        .AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical)
        .AddFilter("Microsoft.AspNetCore.Server.Kestrel", level => level is >= LogLevel.Warning and < LogLevel.Critical);

    /// <summary>Runs the service; a known start-up failure is explained and answers exit code 1.</summary>
    public static async Task<int> RunOrExplainAsync(this WebApplication app)
    {
        // Read before running: a host that failed to start has disposed its services, the configuration's among them.
        var configuration = app.Configuration;
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception e)
        {
            var explanation = Explain(e, configuration);
            if (explanation is null) throw;
            await Console.Error.WriteLineAsync($"RelIntel could not start. {explanation}");
            return 1;
        }
    }

    private static string? Explain(Exception e, IConfiguration configuration) => e switch
    {
        Neo4jNotFoundException notFound => notFound.Message,
        Neo4jUnavailableException unavailable =>
            $"Neo4j at {configuration["Neo4j:Uri"] ?? "the started server"} did not answer ({unavailable.Message}).\n" +
            "Check that it runs and that Neo4j__Uri names its HTTP port, or leave Neo4j__Uri unset so one is started for you.\n" +
            Neo4jEndpoint.HowToProvide,
        Neo4jClientException { Code: var code } when code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal) =>
            $"Neo4j at {configuration["Neo4j:Uri"]} refused our credentials ({code}).\n" +
            "Set Neo4j__User and Neo4j__Password to a user of that server.",
        IOException { InnerException: AddressInUseException } or AddressInUseException =>
            $"The address it was told to listen on is in use ({e.Message}). Choose another with --urls or ASPNETCORE_URLS.",
        SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } =>
            $"The address it was told to listen on is in use ({e.Message}). Choose another with --urls or ASPNETCORE_URLS.",
        AggregateException { InnerExceptions.Count: 1 } single => Explain(single.InnerException!, configuration),
        _ => null,
    };
}
