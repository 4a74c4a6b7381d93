using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Features.Capture;

/// <summary>The bounds of capture imports, bound from the <c>Capture</c> configuration section.</summary>
public sealed class CaptureLimits
{
    public const string Section = "Capture";

    /// <summary>
    /// The largest export read, in bytes (128 MiB): exports stream (the API holds one message, item or event at a time,
    /// the body waits on disk for the second pass), so they may be larger than other bodies. A larger body is a 413,
    /// refused from its Content-Length, or, sent without one, as soon as the bytes read pass the bound.
    /// </summary>
    [Range(1024, long.MaxValue)] public long MaxBodyBytes { get; set; } = 128L * 1024 * 1024;
}

public static class CaptureSetup
{
    public static IServiceCollection AddCapture(this IServiceCollection services)
    {
        services.AddOptions<CaptureLimits>().BindConfiguration(CaptureLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
