using Microsoft.AspNetCore.HttpLogging;

namespace RelIntel.Api.Infrastructure;

/// <summary>One structured log entry per request: method, path, status and duration (never bodies or headers).</summary>
public static class RequestLogging
{
    public static WebApplicationBuilder AddRequestLogging(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue("Logging:Json", false))
            builder.Logging.AddJsonConsole();
        builder.Services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath |
                                    HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        return builder;
    }

    public static WebApplication UseRequestLogging(this WebApplication app)
    {
        app.UseHttpLogging();
        return app;
    }
}
