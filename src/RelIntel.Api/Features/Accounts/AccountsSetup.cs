using RelIntel.Api.Domain.Pursuit;

namespace RelIntel.Api.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>Account coverage and the political org chart.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccountCoverage>();
        return services;
    }
}
