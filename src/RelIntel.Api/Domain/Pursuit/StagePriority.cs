using RelIntel.Api.Domain;


namespace RelIntel.Api.Domain.Pursuit;

/// <summary>
/// A buying-center member's priority at one stage of the opportunity:
/// <c>priority = role weight at the stage × influence/5 × attitude weight</c>, the role being the member's weightiest at
/// that stage. The factors say which stage's weights applied, so two answers at two stages can be told apart.
/// </summary>
public static class StagePriority
{
    public static (double Priority, PriorityFactors Factors) Of(IReadOnlyCollection<BuyingRole> roles, Attitude attitude, int influence,
        OpportunityStage stage, InsightOptions options)
    {
        var weights = options.StageRoleWeights.At(stage);
        var weightiest = WeightiestRole(roles, weights);
        var roleWeight = weights.Of(weightiest);
        var influenceFactor = influence / 5.0;
        var attitudeWeight = attitude switch
        {
            Attitude.Champion => options.AttitudeWeights.Champion,
            Attitude.Supporter => options.AttitudeWeights.Supporter,
            Attitude.Neutral => options.AttitudeWeights.Neutral,
            Attitude.Skeptic => options.AttitudeWeights.Skeptic,
            _ => options.AttitudeWeights.Opponent,
        };
        return (WarmPaths.Round(roleWeight * influenceFactor * attitudeWeight),
            new PriorityFactors(weightiest, roleWeight, influence, influenceFactor, attitudeWeight, stage));
    }

    /// <summary>The role that weighs most at the stage (ties by the role's order), which is the one a member counts as.</summary>
    public static BuyingRole WeightiestRole(IReadOnlyCollection<BuyingRole> roles, RoleWeights weights) =>
        roles.OrderByDescending(weights.Of).ThenBy(role => role).First();

    /// <summary>Whether a member with these roles is engaged at the stage (their weightiest role weighs at least the focus weight).</summary>
    public static bool InFocus(IReadOnlyCollection<BuyingRole> roles, OpportunityStage stage, InsightOptions options)
    {
        var weights = options.StageRoleWeights.At(stage);
        return weights.Of(WeightiestRole(roles, weights)) >= options.StageFocusWeight;
    }

    public const string Note = "Target priority = role weight at the opportunity's stage × influence/5 × attitude weight.";
}
