using System.ComponentModel.DataAnnotations;

namespace RelIntel.Api.Charter;

/// <summary>The charter's rules for relationships, bound from the <c>Charter</c> configuration section.</summary>
public sealed class CharterOptions
{
    public const string Section = "Charter";

    /// <summary>Visibility of a relationship whose sender did not choose one.</summary>
    public Visibility DefaultVisibility { get; set; } = Visibility.Team;

    /// <summary>After this many days an interaction counts half as much toward a learned strength.</summary>
    [Range(1, 3650)]
    public double LearnedStrengthHalfLifeDays { get; set; } = 90;

    /// <summary>A relationship with no interaction (or, without any, no update) for more than this many days is stale.</summary>
    [Range(1, 3650)]
    public int StaleAfterDays { get; set; } = 180;

    /// <summary>Whether a relationship hidden from the caller may still appear as "ask its owner for an introduction".</summary>
    public bool IntroductionsAllowed { get; set; } = true;

    /// <summary>Whether managers see their reports' <c>private</c> relationships (they always see their <c>team</c> ones).</summary>
    public bool ManagersSeeReportsPrivate { get; set; }

    /// <summary>What one interaction of each kind adds to the score before decay.</summary>
    [Required]
    public InteractionWeights InteractionWeights { get; set; } = new();

    /// <summary>What may be learned from calendars and mailboxes, and how what is learned is shown.</summary>
    [Required]
    public CaptureOptions Capture { get; set; } = new();

    /// <summary>How introduction requests work: when they expire, how many a requester may hold open, who approves.</summary>
    [Required]
    public IntroductionOptions Introductions { get; set; } = new();
}

/// <summary>The charter's rules for introduction requests (docs/introductions.md).</summary>
public sealed class IntroductionOptions
{
    /// <summary>A request nobody answered expires after this many days.</summary>
    [Range(1, 365)]
    public int ExpiryDays { get; set; } = 14;

    /// <summary>How many requests one requester may have waiting for an answer at once.</summary>
    [Range(1, 1000)]
    public int MaxOpenPerRequester { get; set; } = 20;

    /// <summary>Whether the introducer's solid-line manager must approve too before an introduction counts as accepted.</summary>
    public bool ManagerApprovalRequired { get; set; }
}

/// <summary>
/// The charter's rules for capture (imports of calendars and mailboxes): whose mail and meetings are not read, which
/// addresses are ignored, and who sees the relationships learned from them.
/// </summary>
public sealed class CaptureOptions
{
    /// <summary>Our people whose mail and meetings are not read: their mailbox is refused, and they are left out of others'.</summary>
    public List<string> OptedOutPersonIds { get; set; } = [];

    /// <summary>Mail domains ignored wherever they appear (personal mail, internal-only lists), without the leading <c>@</c>.</summary>
    public List<string> BlockedDomains { get; set; } = [];

    /// <summary>Visibility of a relationship first learned from capture: private, so people keep what is theirs until they share it.</summary>
    public Visibility Visibility { get; set; } = Visibility.Private;
}

/// <summary>Weight of one interaction by kind: meeting face to face counts most, an email least.</summary>
public sealed class InteractionWeights
{
    [Range(0, 10)]
    public double Meeting { get; set; } = 1.0;

    [Range(0, 10)]
    public double Event { get; set; } = 0.6;

    [Range(0, 10)]
    public double Call { get; set; } = 0.5;

    [Range(0, 10)]
    public double Email { get; set; } = 0.2;
}

/// <summary>Who may see a relationship in detail: its owner only, the owner's team, or all of our company.</summary>
public enum Visibility
{
    Private,
    Team,
    Company,
}
