namespace RelIntel.Api.Features.Insights;

public static class InsightsSetup
{
    /// <summary>The insights' answer cache (the analysis itself is the pursuit engine's: <c>AddPursuit</c>).</summary>
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddOptions<AnswerCacheOptions>().BindConfiguration(AnswerCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerCache>();
        return services;
    }
}
