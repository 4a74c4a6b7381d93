using RelIntel.Api.Domain;

namespace RelIntel.Api.Features.Reports;

public static class ReportsSetup
{
    /// <summary>Reports, their schedules, the scheduler (when <c>Reports:SchedulerEnabled</c>) and webhook delivery.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReportStore>();
        // A deleted opportunity's reports go with it, in the same transaction.
        services.AddSingleton(new OpportunityDeletionStep(ReportStore.ForgetOpportunityAsync));
        services.AddSingleton<ReportGenerator>();
        services.AddSingleton<WebhookDelivery>();
        services.AddSingleton<ReportScheduler>();
        services.AddHttpClient(WebhookDelivery.Client, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // each attempt has Reports:WebhookTimeout
                client.DefaultRequestHeaders.UserAgent.ParseAdd("RelIntel-Reports/1");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        if (configuration.GetValue($"{ReportOptions.Section}:{nameof(ReportOptions.SchedulerEnabled)}", true))
            services.AddHostedService<ReportSchedulerService>();
        return services;
    }
}
