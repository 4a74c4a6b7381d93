using RelIntel.Api.Domain;


namespace RelIntel.Api.Domain.Pursuit;

/// <summary>One thing the graph is asked about a BANT element, and what it answered.</summary>
public sealed record EvidenceCheck(string Check, bool Passed, string Detail);

/// <summary>
/// One BANT element: the status declared on the opportunity (<c>unknown</c> when none is) beside what the graph shows.
/// <c>declaredValue</c>: confirmed 1, identified 0.5, unknown or missing 0; <c>evidenceValue</c>: the share of the
/// checks that pass; <c>score = (declaredValue + evidenceValue) / 2</c>.
/// </summary>
public sealed record QualificationElement(
    BantStatus Declared,
    string? Note,
    double DeclaredValue,
    IReadOnlyList<EvidenceCheck> Evidence,
    double EvidenceValue,
    double Score);

public enum Readiness
{
    Go,
    NoGo,
}

/// <summary>What one element adds to the readiness score: <c>contribution = weight × score</c>.</summary>
public sealed record ReadinessFactor(string Element, double Score, double Weight, double Contribution);

/// <summary>
/// BANT with the graph's evidence, and whether the pursuit is ready: <c>score</c> = Σ 0.25 × element score, in
/// [0, 1] (a ranking of readiness, not a probability); <c>go</c> when the score reaches <c>Qualification:GoThreshold</c>,
/// no element scores below <c>Qualification:MinElementScore</c> and none is declared missing. <c>reasons</c> say why,
/// the deciding ones first, then what holds the score down.
/// </summary>
public sealed record QualificationBlock(
    QualificationElement Budget,
    QualificationElement Authority,
    QualificationElement Need,
    QualificationElement Timing,
    DateOnly? CloseDate,
    Readiness Readiness,
    double Score,
    IReadOnlyList<ReadinessFactor> Factors,
    IReadOnlyList<string> Reasons,
    string Explanation)
{
    /// <summary>The same block with every sentence that may name people (notes, evidence, reasons) passed through <paramref name="text"/>.</summary>
    public QualificationBlock WithText(Func<string, string> text)
    {
        QualificationElement Element(QualificationElement e) => e with
        {
            Note = e.Note is null ? null : text(e.Note),
            Evidence = e.Evidence.Select(c => c with { Detail = text(c.Detail) }).ToList(),
        };
        return this with
        {
            Budget = Element(Budget),
            Authority = Element(Authority),
            Need = Element(Need),
            Timing = Element(Timing),
            Reasons = Reasons.Select(text).ToList(),
        };
    }
}
