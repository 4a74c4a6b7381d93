using RelIntel.Api.Domain;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// A buying-center member who left the deal's account: no target any more, but the deal must learn of it, with what
/// they meant to it (their roles and attitude) and what to do about it.
/// </summary>
internal sealed record DepartedMember(PersonSummary Person, List<BuyingRole> Roles, Attitude Attitude, bool Coach, DateTimeOffset LeftAt,
    string? OrganizationName)
{
    /// <summary>"Lee Okafor, the Decider and our coach, left Globex on 2026-06-02: find who holds the budget now."</summary>
    public static Gap Gap(DepartedMember m)
    {
        var what = new List<string>();
        if (m.Roles.Count > 0) what.Add("the " + string.Join(" and ", m.Roles.Select(RoleName)));
        if (AttitudePhrase(m.Attitude, m.Coach) is { } attitude) what.Add(attitude);
        var described = what.Count == 0 ? "" : ", " + string.Join(" and ", what) + ",";
        return new Gap(GapCode.MemberLeft,
            $"{m.Person.Name}{described} left {m.OrganizationName ?? "the account"} on {m.LeftAt:yyyy-MM-dd}: {NextStep(m.Roles)}.",
            m.Person.Id);
    }

    private static string RoleName(BuyingRole role) => role.ToString();

    private static string? AttitudePhrase(Attitude attitude, bool coach) => coach ? "our coach" : attitude switch
    {
        Attitude.Champion => "our champion",
        Attitude.Supporter => "a supporter",
        Attitude.Skeptic => "a skeptic",
        Attitude.Opponent => "an opponent",
        _ => null,
    };

    // The most important role decides what the account team has to find out first.
    private static string NextStep(IReadOnlyList<BuyingRole> roles) =>
        roles.Contains(BuyingRole.Decider) ? "find who holds the budget now"
        : roles.Contains(BuyingRole.Approver) ? "find who signs off now"
        : roles.Contains(BuyingRole.Buyer) ? "find who runs the purchase now"
        : roles.Contains(BuyingRole.Gatekeeper) ? "find who controls the information flow now"
        : "find who takes their place in the buying center";
}
