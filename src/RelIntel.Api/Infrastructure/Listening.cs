using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// The one start-up failure an operator meets first: the port is taken. That is one line on stderr and exit code 1,
/// saying how to choose another address (<c>--urls</c> or <c>ASPNETCORE_URLS</c>), instead of a logged stack trace.
/// </summary>
public static class Listening
{
    /// <summary>Where the host logs a failed start, with the exception's stack trace.</summary>
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <summary>Set once the server found its port taken (one server per process).</summary>
    private static volatile bool portInUse;

    /// <summary>Watches the server's start for a port in use, and then keeps the host's stack trace out of the log.</summary>
    public static WebApplicationBuilder ExplainPortInUse(this WebApplicationBuilder builder)
    {
        builder.Logging.AddFilter(HostCategory, level => level >= LogLevel.Information && !portInUse);
        if (builder.Services.LastOrDefault(d => d.ServiceType == typeof(IServer)) is { } server)
        {
            builder.Services.Remove(server);
            builder.Services.AddSingleton<IServer>(sp => new PortWatch((IServer)(server.ImplementationInstance
                ?? server.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, server.ImplementationType!))));
        }
        return builder;
    }

    /// <summary>Runs <paramref name="app"/> until it stops; the process's exit code.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception e) when (IsPortInUse(e))
        {
            Console.Error.WriteLine($"RelIntel cannot start: {e.Message.TrimEnd('.')}. Choose another address with --urls " +
                                    "(e.g. --urls http://localhost:5081) or the ASPNETCORE_URLS environment variable.");
            return 1;
        }
    }

    private static bool IsPortInUse(Exception e) => e is AddressInUseException || e.InnerException is AddressInUseException;

    private sealed class PortWatch(IServer inner) : IServer
    {
        public IFeatureCollection Features => inner.Features;

        public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull
        {
            try
            {
                await inner.StartAsync(application, cancellationToken);
            }
            catch (Exception e) when (IsPortInUse(e))
            {
                portInUse = true;
                throw;
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

        public void Dispose() => inner.Dispose();
    }
}
