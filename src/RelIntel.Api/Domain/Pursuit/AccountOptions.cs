using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Domain.Pursuit;

/// <summary>The tunables of account coverage, bound from the <c>Accounts</c> configuration section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>How the four factors of the coverage score add up (they should sum to 1).</summary>
    [Required]
    public CoverageWeights CoverageWeights { get; set; } = new();

    /// <summary>
    /// An answer that finds an account's derived facts behind its chart waits for them to be refreshed when the account
    /// has at most this many people (a refresh takes well under a second there); a larger account answers from its last
    /// complete facts while they are refreshed in the background.
    /// </summary>
    [Range(0, 10_000_000)]
    public int FactsRefreshWaitPeople { get; set; } = 20_000;

    /// <summary>
    /// An org-chart import into an account larger than <see cref="FactsRefreshWaitPeople"/> refreshes its derived facts
    /// in the background once the account has had no import for this long: a bulk load in many merge calls refreshes
    /// once, after its last call, instead of after each (a smaller account's facts are refreshed by the import itself).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan FactsRefreshDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Account coverage counts from the account's derived facts (head counts and divisions kept per chart version), reading
    /// only the people our side knows and the senior people. False counts by walking the whole chart on every computed
    /// call, the reference the facts give the same answer as, at the cost of the account's head count.
    /// </summary>
    public bool CoverageFromFacts { get; set; } = true;
}

public sealed class CoverageWeights
{
    /// <summary>The share of the account's people one of ours reaches directly.</summary>
    [Range(0, 1)] public double Breadth { get; set; } = 0.3;

    /// <summary>The share of its senior people (executives, VPs, directors) with any warm path.</summary>
    [Range(0, 1)] public double SeniorReach { get; set; } = 0.3;

    /// <summary>The mean score of the best direct reach to each person we reach.</summary>
    [Range(0, 1)] public double Strength { get; set; } = 0.2;

    /// <summary>The share of covered departments that more than one of ours reaches.</summary>
    [Range(0, 1)] public double Threading { get; set; } = 0.2;
}
