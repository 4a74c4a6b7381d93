using RelIntel.Api.Domain;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Reports, their schedules, the scheduler (when <c>Reports:SchedulerEnabled</c>) and how the outbox sends them.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportStore>();
        // A deleted opportunity's reports go with it, in the same transaction.
        services.AddSingleton(new OpportunityDeletionStep(ReportStore.ForgetOpportunityAsync));
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<ReportScheduler>();
        // Deliveries go through the shared outbox (Infrastructure/Outbox.cs), which sends reports as this renders them.
        services.AddSingleton<IOutboxRenderer, ReportWebhooks>();
        if (configuration.GetValue($"{ReportOptions.Section}:{nameof(ReportOptions.SchedulerEnabled)}", true))
            services.AddHostedService<ReportSchedulerService>();
        return services;
    }
}
