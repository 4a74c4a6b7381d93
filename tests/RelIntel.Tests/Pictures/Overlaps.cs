using RelIntel.Api.Rendering.Charts;


namespace RelIntel.Tests.Pictures;

public static class Overlaps
{
    /// <summary>Every pair of boxes that overlap, as "a × b" (empty when none do).</summary>
    public static IReadOnlyList<string> Among(IReadOnlyList<CardBox> boxes)
    {
        var found = new List<string>();
        var byX = boxes.OrderBy(b => b.X).ToList();
        for (var i = 0; i < byX.Count; i++)
            for (var j = i + 1; j < byX.Count && byX[j].X < byX[i].Right; j++)
                if (byX[i].Overlaps(byX[j]))
                    found.Add($"{byX[i].PersonId} × {byX[j].PersonId}");
        return found;
    }
}
