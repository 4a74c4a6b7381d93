namespace RelIntel.Api.Charter;

/// <summary>The charter module: its rules in force, the viewer, the audit and the erasure.</summary>
public static class CharterSetup
{
    public static IServiceCollection AddCharter(this IServiceCollection services)
    {
        services.AddOptions<CharterOptions>().BindConfiguration(CharterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CharterStore>();
        services.AddSingleton<AuditLog>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<Erasure>();
        return services;
    }
}
