using Microsoft.AspNetCore.Connections;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Running the service, and the one failure an operator meets first: the port is taken. That is one line on stderr and
/// exit code 1, saying how to choose another port, instead of a stack trace.
/// </summary>
public static class Listening
{
    /// <summary>Runs <paramref name="app"/> until it stops; the process's exit code.</summary>
    public static int RunOrExplain(this WebApplication app)
    {
        try
        {
            app.Run();
            return 0;
        }
        catch (Exception e) when (e is AddressInUseException || e.InnerException is AddressInUseException)
        {
            Console.Error.WriteLine($"RelIntel cannot start: {e.Message.TrimEnd('.')}. Choose another address with --urls " +
                                    "(e.g. --urls http://localhost:5081) or the ASPNETCORE_URLS environment variable.");
            return 1;
        }
    }
}
