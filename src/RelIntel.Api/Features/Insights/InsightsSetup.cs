namespace RelIntel.Api.Features.Insights;

public static class InsightsSetup
{
    public static IServiceCollection AddInsights(this IServiceCollection services)
    {
        services.AddOptions<InsightOptions>().BindConfiguration(InsightOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OpportunityInsights>();
        services.AddOptions<AnswerCacheOptions>().BindConfiguration(AnswerCacheOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnswerCache>();
        return services;
    }
}
