using RelIntel.Api.Domain;


namespace RelIntel.Api.Rendering.Charts;

/// <summary>How one attitude is drawn: a colour from the Okabe–Ito palette (safe for colour-blind readers) and, so the
/// picture survives black-and-white printing, a symbol and a word.</summary>
public sealed record AttitudeStyle(string Label, string Symbol, string Fill, string TextColor);

/// <summary>How one kind of line is drawn; the label is written on the line too, so colour is never the only cue.</summary>
public sealed record LineStyle(string Label, string Stroke, string? DashArray, string LineCap = "butt");

/// <summary>The pictures' visual vocabulary, in one place so the drawing and its legend cannot drift apart.</summary>
public static class ChartStyle
{
    // Okabe–Ito, ordered blue (for us) → orange (against us); neutral is a plain light grey.
    public static AttitudeStyle For(Attitude? attitude) => attitude switch
    {
        Attitude.Champion => new("Champion", "++", "#0072B2", "#FFFFFF"),
        Attitude.Supporter => new("Supporter", "+", "#56B4E9", "#000000"),
        Attitude.Neutral => new("Neutral", "0", "#DDDDDD", "#000000"),
        Attitude.Skeptic => new("Skeptic", "-", "#E69F00", "#000000"),
        Attitude.Opponent => new("Opponent", "--", "#D55E00", "#000000"),
        _ => new("Attitude unknown", "?", "#FFFFFF", "#000000"),
    };

    public static LineStyle For(InformalKind kind) => kind switch
    {
        InformalKind.Influence => new("influence", "#0072B2", null),
        InformalKind.Sympathy => new("sympathy", "#009E73", "1 5", "round"),
        InformalKind.Antipathy => new("antipathy", "#D55E00", "10 5"),
        _ => new("rivalry", "#CC79A7", "12 4 3 4"),
    };

    public static LineStyle For(ReportingLineKind kind) => kind == ReportingLineKind.Solid
        ? new("reports to (solid)", "#555555", null)
        : new("dotted line (matrix)", "#555555", "7 5");

    public static (string Fill, string TextColor, string Label) For(ChartStatus status) => status switch
    {
        ChartStatus.Green => ("#009E73", "#000000", "GREEN"),
        ChartStatus.Amber => ("#E69F00", "#000000", "AMBER"),
        _ => ("#D55E00", "#000000", "RED"),
    };

    public static string Label(BuyingRole role) => role.ToString();

    public const string CoverageFill = "#0072B2";
    public const string Ink = "#1A1A1A";
    public const string SoftInk = "#444444";
    public const string FadedInk = "#777777";
    public const string CaptionFill = "#EEEEEE";
}

/// <summary>What the legend explains, in the order it is drawn: every symbol the pictures use.</summary>
public static class ChartLegend
{
    public enum Sample
    {
        Attitude,
        Coach,
        FavorsCompetitor,
        NoRoute,
        StaleRoute,
        Coverage,
        Faded,
        Caption,
        DoNotContact,
        SolidLine,
        DottedLine,
        Informal,
        BlocksRoutes,
    }

    public sealed record Entry(Sample Sample, string Text, Attitude? Attitude = null, InformalKind? Line = null);

    /// <summary>The lines every kind of chart draws.</summary>
    private static readonly Entry[] Lines =
    [
        new(Sample.SolidLine, ChartStyle.For(ReportingLineKind.Solid).Label),
        new(Sample.DottedLine, ChartStyle.For(ReportingLineKind.Dotted).Label),
        new(Sample.Informal, "influence (arrow)", Line: InformalKind.Influence),
        new(Sample.Informal, "sympathy", Line: InformalKind.Sympathy),
        new(Sample.Informal, "antipathy", Line: InformalKind.Antipathy),
        new(Sample.Informal, "rivalry", Line: InformalKind.Rivalry),
    ];

    public static IReadOnlyList<Entry> Entries { get; } =
    [
        .. Enum.GetValues<Attitude>().Select(a => new Entry(Sample.Attitude, ChartStyle.For(a).Label, Attitude: a)),
        new(Sample.Coverage, "route score, who holds it"),
        new(Sample.NoRoute, "no route from our side"),
        new(Sample.StaleRoute, "stale route: refresh it"),
        new(Sample.Coach, "coach: guides us"),
        new(Sample.FavorsCompetitor, "favors a competitor"),
        new(Sample.Faded, "faded: not a member"),
        .. Lines,
        new(Sample.BlocksRoutes, "conflict routes go around"),
    ];

    /// <summary>
    /// The org chart's legend: its people have no buying roles or attitudes, and their coverage is the best direct
    /// relationship, not a route.
    /// </summary>
    public static IReadOnlyList<Entry> DirectRelationshipEntries { get; } =
    [
        new(Sample.Caption, "department · seniority"),
        new(Sample.Coverage, "best relationship, holder"),
        new(Sample.NoRoute, "no relationship of ours"),
        new(Sample.StaleRoute, "stale: refresh it"),
        new(Sample.DoNotContact, "do not contact (admins)"),
        .. Lines,
    ];

    /// <summary>The legend of a chart: what its kind of coverage and cards use.</summary>
    public static IReadOnlyList<Entry> For(ChartHeader header) =>
        header.Coverage == CoverageBasis.DirectRelationship ? DirectRelationshipEntries : Entries;
}
