namespace RelIntel.Api.Domain.Pursuit;

public static class PursuitSetup
{
    /// <summary>
    /// The pursuit engine's settings and services: insight weights, qualification thresholds, account coverage
    /// weights, the opportunity analysis and account coverage. Every feature that answers from them depends on this.
    /// </summary>
    public static IServiceCollection AddPursuit(this IServiceCollection services)
    {
        services.AddOptions<InsightOptions>().BindConfiguration(InsightOptions.Section).ValidateDataAnnotations()
            // Data annotations do not look inside nested objects: the matrix is checked here.
            .Validate(options => options.StageRoleWeights.All.SelectMany(w => w.All).All(w => w is >= 0 and <= 1),
                "Every Insights:StageRoleWeights:{stage}:{role} must be between 0 and 1.")
            // The one table of role weights became a table per stage; an old setting would otherwise be ignored in silence.
            .Validate<IConfiguration>(
                (_, configuration) => !configuration.GetSection($"{InsightOptions.Section}:RoleWeights").Exists(),
                "Insights:RoleWeights is replaced by Insights:StageRoleWeights:{stage}:{role} (role weights by opportunity stage).")
            .ValidateOnStart();
        services.AddOptions<QualificationOptions>().BindConfiguration(QualificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<OpportunityInsights>();
        services.AddSingleton<AccountCoverage>();
        services.AddSingleton<AccountFacts>();
        return services;
    }
}
