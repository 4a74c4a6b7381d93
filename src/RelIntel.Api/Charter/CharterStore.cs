using Microsoft.Extensions.Options;
using RelIntel.Neo4j;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Charter;

/// <summary>The charter in force: the one stored by <c>PUT /api/charter</c>, else the <c>Charter</c> configuration.</summary>
/// <remarks>
/// Cached for <see cref="CacheFor"/> per instance (a PUT or DELETE here clears it at once; other instances follow within
/// that time).
/// </remarks>
public sealed class CharterStore(IGraph graph, IOptions<CharterOptions> defaults)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private static readonly CypherQuery Get = Cypher.Load("charter/get");
    private static readonly CypherQuery Save = Cypher.Load("charter/save");
    private static readonly CypherQuery Reset = Cypher.Load("charter/reset");

    private sealed record Cached(StoredCharter Charter, long ExpiresAt);

    private Cached? cached;

    /// <summary>The charter's rules now.</summary>
    public async Task<CharterOptions> GetAsync(CancellationToken cancellationToken) => (await CurrentAsync(cancellationToken)).Options;

    /// <summary>The charter now, with where it comes from.</summary>
    public async Task<StoredCharter> CurrentAsync(CancellationToken cancellationToken)
    {
        if (cached is { } hit && Environment.TickCount64 < hit.ExpiresAt) return hit.Charter;
        var row = (await graph.ReadAsync(Get, null, cancellationToken)).SingleOrDefault<CharterRow>();
        var charter = row is null ? new StoredCharter(defaults.Value, false, null, null) : row.ToCharter();
        cached = new Cached(charter, Environment.TickCount64 + (long)CacheFor.TotalMilliseconds);
        return charter;
    }

    public async Task<StoredCharter> SaveAsync(CharterOptions options, string updatedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await graph.WriteAsync(Save, new
        {
            defaultVisibility = options.DefaultVisibility.Word(),
            options.IntroductionsAllowed,
            options.LearnedStrengthHalfLifeDays,
            options.StaleAfterDays,
            options.ManagersSeeReportsPrivate,
            meeting = options.InteractionWeights.Meeting,
            @event = options.InteractionWeights.Event,
            call = options.InteractionWeights.Call,
            email = options.InteractionWeights.Email,
            captureOptedOutPersonIds = options.Capture.OptedOutPersonIds,
            captureBlockedDomains = options.Capture.BlockedDomains,
            captureVisibility = options.Capture.Visibility.Word(),
            introductionExpiryDays = options.Introductions.ExpiryDays,
            introductionMaxOpen = options.Introductions.MaxOpenPerRequester,
            introductionApproval = options.Introductions.ManagerApprovalRequired,
            updatedBy,
            now,
        }, cancellationToken);
        cached = null;
        return await CurrentAsync(cancellationToken);
    }

    /// <summary>Drops the stored charter: the configuration applies again.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await graph.WriteAsync(Reset, null, cancellationToken);
        cached = null;
    }

    private sealed record CharterRow(
        string DefaultVisibility, bool IntroductionsAllowed, double LearnedStrengthHalfLifeDays, int StaleAfterDays,
        bool ManagersSeeReportsPrivate, double Meeting, double Event, double Call, double Email,
        List<string>? CaptureOptedOutPersonIds, List<string>? CaptureBlockedDomains, string? CaptureVisibility,
        int? IntroductionExpiryDays, int? IntroductionMaxOpen, bool? IntroductionApproval, string? UpdatedBy, DateTimeOffset? UpdatedAt)
    {
        public StoredCharter ToCharter() => new(new CharterOptions
        {
            DefaultVisibility = EnumWords.TryParse<Visibility>(DefaultVisibility, out var visibility) ? visibility : Visibility.Team,
            IntroductionsAllowed = IntroductionsAllowed,
            LearnedStrengthHalfLifeDays = LearnedStrengthHalfLifeDays,
            StaleAfterDays = StaleAfterDays,
            ManagersSeeReportsPrivate = ManagersSeeReportsPrivate,
            InteractionWeights = new InteractionWeights { Meeting = Meeting, Event = Event, Call = Call, Email = Email },
            // A charter stored before capture existed reads as capture's defaults.
            Capture = new CaptureOptions
            {
                OptedOutPersonIds = CaptureOptedOutPersonIds ?? [],
                BlockedDomains = CaptureBlockedDomains ?? [],
                Visibility = EnumWords.TryParse<Visibility>(CaptureVisibility ?? "", out var captured) ? captured : Visibility.Private,
            },
            // A charter stored before introductions existed reads as their defaults.
            Introductions = new IntroductionOptions
            {
                ExpiryDays = IntroductionExpiryDays ?? new IntroductionOptions().ExpiryDays,
                MaxOpenPerRequester = IntroductionMaxOpen ?? new IntroductionOptions().MaxOpenPerRequester,
                ManagerApprovalRequired = IntroductionApproval ?? false,
            },
        }, true, UpdatedBy, UpdatedAt);
    }
}

/// <summary>The charter in force: stored (by whom, when) or from configuration.</summary>
public sealed record StoredCharter(CharterOptions Options, bool Stored, string? UpdatedBy, DateTimeOffset? UpdatedAt);
