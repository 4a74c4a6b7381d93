namespace RelIntel.Api.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>The whole-account coverage kept for its parts (the computation itself is the pursuit engine's: <c>AddPursuit</c>).</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services) => services.AddSingleton<CoverageAnswers>();
}
