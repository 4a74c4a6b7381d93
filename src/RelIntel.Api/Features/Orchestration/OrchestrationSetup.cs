namespace RelIntel.Api.Features.Orchestration;

public static class OrchestrationSetup
{
    public static IServiceCollection AddOrchestration(this IServiceCollection services)
    {
        services.AddSingleton<Orchestrator>();
        return services;
    }
}
