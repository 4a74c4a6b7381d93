using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Changes;

/// <summary>What happened to a person at an organization.</summary>
public enum ChangeKind
{
    /// <summary>Started at the organization (not recorded for an organization's first import).</summary>
    Joined,

    /// <summary>Left: an org-chart replace left them out. They stay, with their history.</summary>
    Left,

    /// <summary>Came from another organization (<c>otherOrganizationId</c>).</summary>
    MovedIn,

    /// <summary>Went to another organization (<c>otherOrganizationId</c>).</summary>
    MovedOut,

    /// <summary>A new title (<c>previousTitle</c> → <c>title</c>).</summary>
    TitleChanged,

    /// <summary>A new solid manager (<c>previousManager</c> → <c>newManager</c>).</summary>
    ManagerChanged,

    /// <summary>A joiner with the name of someone who left <c>otherOrganizationId</c> within a year
    /// (<c>possibleSamePerson</c>): if it is them, say so with <c>samePersonAs</c>. Never merged by itself.</summary>
    PossibleMove,
}

/// <summary>A person as a change names them.</summary>
public sealed record ChangePerson(string Id, string Name);

/// <summary>One entry of an organization's changes feed.</summary>
public sealed record ChangeResponse(
    string Id,
    ChangeKind Kind,
    DateTimeOffset At,
    ChangePerson Person,
    string? OtherOrganizationId,
    string? PreviousTitle,
    string? Title,
    ChangePerson? PreviousManager,
    ChangePerson? NewManager,
    ChangePerson? PossibleSamePerson) : IHasExample<ChangeResponse>
{
    public static ChangeResponse Example => new("4f1c2a9e-7d3b-4a51-9a0e-2b8c6f1d0e77", ChangeKind.MovedIn,
        new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero), new ChangePerson("p-cfo", "Lee Okafor"), "acct-globex", null, null, null,
        null, null);
}
