using GraphShape;
using GraphShape.Algorithms.Layout;
using QuikGraph;

namespace RelIntel.Api.Rendering.Charts;

/// <summary>Sizes and gaps of a chart's layout, in SVG user units (pixels at 100 %).</summary>
public sealed record LayoutSettings
{
    public static LayoutSettings Default { get; } = new();

    public double CardWidth { get; init; } = 236;
    public double CardHeight { get; init; } = 136;

    /// <summary>Vertical gap between a manager's layer and their reports'.</summary>
    public double LayerGap { get; init; } = 56;

    /// <summary>Horizontal gap between neighbouring cards; a stacked column's connector runs in it.</summary>
    public double SliceGap { get; init; } = 36;

    /// <summary>Gap between separate trees (and the cards with no line at all) when they are packed together.</summary>
    public double BlockGap { get; init; } = 80;

    /// <summary>How much wider than tall one tree may get before its managers' reports without reports are stacked in columns.</summary>
    public double MaxTreeAspect { get; init; } = 2.5;

    /// <summary>The width-to-height ratio separate trees are packed towards.</summary>
    public double PackAspect { get; init; } = 1.6;
}

public readonly record struct LayoutPoint(double X, double Y);

/// <summary>Where a card is drawn: <see cref="X"/>, <see cref="Y"/> is the top-left corner.</summary>
public sealed record CardBox(string PersonId, double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public double CenterX => X + Width / 2;
    public double CenterY => Y + Height / 2;

    public bool Overlaps(CardBox other) => X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}

/// <summary>The drawn path of a solid reporting line, from the manager's card down to the report's.</summary>
public sealed record SolidLineRoute(string ManagerId, string ReportId, IReadOnlyList<LayoutPoint> Points);

/// <summary>A laid-out chart: every card's box (in chart order) and the solid lines' routes, within <see cref="Width"/> × <see cref="Height"/>.</summary>
public sealed record ChartLayout(IReadOnlyList<CardBox> Cards, IReadOnlyList<SolidLineRoute> SolidLines, double Width, double Height)
{
    private Dictionary<string, CardBox>? byId;

    public CardBox Box(string personId) =>
        (byId ??= Cards.ToDictionary(c => c.PersonId, StringComparer.Ordinal))[personId];
}

/// <summary>
/// Places cards by the solid reporting lines: managers above their reports, no two cards overlapping.
/// Each tree of solid lines is laid out by GraphShape's Sugiyama (layered) algorithm, which does the layering, the
/// crossing reduction and the non-overlapping placement of equally sized cards; dotted lines take no part.
/// Two things of our own keep large charts readable: where a tree would get much wider than tall, a manager's reports
/// who have no reports themselves are stacked in columns (chained in the graph given to GraphShape, so each goes one
/// layer lower, and drawn with a connector down the column's side); and separate trees, and the cards with no solid
/// line at all (packed as a grid), are packed in rows.
/// The same chart always gives the same layout: cards are ordered by name, then id, whatever order they came in.
/// Why GraphShape (1.2.1, with QuikGraph): it targets netstandard2.0 with its own Point and Size types, so it runs
/// headless on net10.0 without WPF; its Sugiyama takes the cards' sizes and never overlaps them; one run over 500 cards
/// takes milliseconds; and it gave the same positions in separate processes. What it lacks (stacking wide teams,
/// packing a forest) is the small part above.
/// </summary>
public static class HierarchyLayout
{
    /// <summary>Column counts tried per manager, from none stacked (every report side by side) to one column.</summary>
    private static readonly int[] ColumnLimits = [int.MaxValue, 8, 6, 4, 3, 2, 1];

    public static ChartLayout Compute(Chart chart, LayoutSettings? settings = null)
    {
        ChartRules.Validate(chart);
        settings ??= LayoutSettings.Default;
        if (chart.Cards.Count == 0) return new ChartLayout([], [], 0, 0);

        var order = chart.Cards
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .ThenBy(c => c.PersonId, StringComparer.Ordinal)
            .Select(c => c.PersonId)
            .ToList();
        var index = order.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
        var reports = order.Select(_ => new List<int>()).ToList();
        var hasManager = new bool[order.Count];
        foreach (var edge in chart.Hierarchy.Where(e => e.Kind == ReportingLineKind.Solid))
        {
            reports[index[edge.ManagerId]].Add(index[edge.ReportId]);
            hasManager[index[edge.ReportId]] = true;
        }
        foreach (var list in reports) list.Sort();

        var tops = Enumerable.Range(0, order.Count).Where(i => !hasManager[i]).ToList();
        var blocks = tops.Where(i => reports[i].Count > 0).Select(top => LayoutTree(top, reports, settings)).ToList();
        var loose = tops.Where(i => reports[i].Count == 0).ToList();
        if (loose.Count > 0) blocks.Add(Grid(loose, settings));

        var layout = Pack(blocks, order, settings);
        EnsureNoOverlap(layout.Cards);
        return layout;
    }

    /// <summary>Cards and line routes in a block's own coordinates, by card index.</summary>
    private sealed record Block(double Width, double Height, IReadOnlyList<(int Card, double X, double Y)> Boxes,
        IReadOnlyList<(int Manager, int Report, IReadOnlyList<LayoutPoint> Points)> Routes);

    /// <summary>GraphShape's vertex: a card index, hashed by itself so nothing depends on per-process string hashing.</summary>
    private sealed class Vertex(int card) : IEquatable<Vertex>
    {
        public int Card { get; } = card;
        public bool Equals(Vertex? other) => other is not null && other.Card == Card;
        public override bool Equals(object? obj) => Equals(obj as Vertex);
        public override int GetHashCode() => Card;
    }

    private static Block LayoutTree(int top, IReadOnlyList<List<int>> reports, LayoutSettings settings)
    {
        Block? narrowest = null;
        foreach (var limit in ColumnLimits)
        {
            var block = LayoutTree(top, reports, settings, limit);
            if (block.Width <= settings.MaxTreeAspect * block.Height) return block;
            if (narrowest is null || block.Width / block.Height < narrowest.Width / narrowest.Height) narrowest = block;
        }
        return narrowest!;
    }

    private static Block LayoutTree(int top, IReadOnlyList<List<int>> reports, LayoutSettings settings, int columnLimit)
    {
        var graph = new BidirectionalGraph<Vertex, Edge<Vertex>>();
        var vertices = new Dictionary<int, Vertex>();
        var stackedUnder = new Dictionary<int, int>(); // report → manager, for reports drawn in a stacked column
        var chainHead = new Dictionary<int, int>();    // stacked report → the first card of its column
        var lines = new List<(int Manager, int Report)>();

        // Depth first, so GraphShape starts from the natural left-to-right order of each layer.
        var pending = new Stack<int>([top]);
        while (pending.Count > 0)
        {
            var manager = pending.Pop();
            var managerVertex = AddVertex(graph, vertices, manager);
            var withReports = reports[manager].Where(r => reports[r].Count > 0).ToList();
            var withoutReports = reports[manager].Where(r => reports[r].Count == 0).ToList();

            foreach (var report in withReports)
            {
                graph.AddEdge(new Edge<Vertex>(managerVertex, AddVertex(graph, vertices, report)));
                lines.Add((manager, report));
            }

            var columns = Math.Min(withoutReports.Count, columnLimit);
            if (columns > 0)
            {
                var perColumn = (withoutReports.Count + columns - 1) / columns;
                foreach (var column in withoutReports.Chunk(perColumn))
                {
                    var above = managerVertex;
                    foreach (var report in column)
                    {
                        var reportVertex = AddVertex(graph, vertices, report);
                        // A chain edge only puts the report one layer lower; the drawn line still goes to the manager.
                        graph.AddEdge(new Edge<Vertex>(above, reportVertex));
                        lines.Add((manager, report));
                        if (column.Length > 1)
                        {
                            stackedUnder[report] = manager;
                            chainHead[report] = column[0];
                        }
                        above = reportVertex;
                    }
                }
            }

            for (var i = withReports.Count - 1; i >= 0; i--) pending.Push(withReports[i]);
        }

        var size = new Size(settings.CardWidth, settings.CardHeight);
        var sizes = graph.Vertices.ToDictionary(v => v, _ => size);
        var sugiyama = new SugiyamaLayoutAlgorithm<Vertex, Edge<Vertex>, BidirectionalGraph<Vertex, Edge<Vertex>>>(graph, sizes,
            new SugiyamaLayoutParameters
            {
                Direction = LayoutDirection.TopToBottom,
                LayerGap = settings.LayerGap,
                SliceGap = settings.SliceGap,
            });
        sugiyama.Compute();

        // GraphShape gives centres; our boxes start at the top-left corner, with the block's corner at (0, 0).
        var positions = sugiyama.VerticesPositions;
        var minX = positions.Values.Min(p => p.X) - settings.CardWidth / 2;
        var minY = positions.Values.Min(p => p.Y) - settings.CardHeight / 2;
        var boxes = vertices.Values
            .OrderBy(v => v.Card)
            .Select(v => (v.Card, X: positions[v].X - settings.CardWidth / 2 - minX, Y: positions[v].Y - settings.CardHeight / 2 - minY))
            .ToList();
        var at = boxes.ToDictionary(b => b.Card, b => (b.X, b.Y));

        var routes = lines.Select(line =>
        {
            var (mx, my) = at[line.Manager];
            var (rx, ry) = at[line.Report];
            var managerMiddle = mx + settings.CardWidth / 2;
            var managerBottom = my + settings.CardHeight;
            if (stackedUnder.ContainsKey(line.Report))
            {
                // Down from the manager, across to the column's left side, down it and into the card.
                var headTop = at[chainHead[line.Report]].Y;
                var bend = (managerBottom + headTop) / 2;
                var spine = rx - settings.SliceGap / 2;
                var middle = ry + settings.CardHeight / 2;
                return (line.Manager, line.Report, (IReadOnlyList<LayoutPoint>)
                    [new(managerMiddle, managerBottom), new(managerMiddle, bend), new(spine, bend), new(spine, middle), new(rx, middle)]);
            }
            var reportMiddle = rx + settings.CardWidth / 2;
            var elbow = (managerBottom + ry) / 2;
            return (line.Manager, line.Report, (IReadOnlyList<LayoutPoint>)
                [new(managerMiddle, managerBottom), new(managerMiddle, elbow), new(reportMiddle, elbow), new(reportMiddle, ry)]);
        }).ToList();

        var width = boxes.Max(b => b.X) + settings.CardWidth;
        var height = boxes.Max(b => b.Y) + settings.CardHeight;
        return new Block(width, height, boxes, routes);
    }

    private static Vertex AddVertex(BidirectionalGraph<Vertex, Edge<Vertex>> graph, Dictionary<int, Vertex> vertices, int card)
    {
        if (vertices.TryGetValue(card, out var known)) return known;
        var vertex = new Vertex(card);
        graph.AddVertex(vertex);
        vertices[card] = vertex;
        return vertex;
    }

    /// <summary>Cards with no solid line at all, in rows, as wide as <see cref="LayoutSettings.MaxTreeAspect"/> allows.</summary>
    private static Block Grid(IReadOnlyList<int> cards, LayoutSettings settings)
    {
        double Width(int columns) => columns * settings.CardWidth + (columns - 1) * settings.SliceGap;
        double Height(int columns)
        {
            var rows = (cards.Count + columns - 1) / columns;
            return rows * settings.CardHeight + (rows - 1) * settings.LayerGap;
        }

        var columns = cards.Count;
        while (columns > 1 && Width(columns) > settings.MaxTreeAspect * Height(columns)) columns--;
        var boxes = cards.Select((card, i) => (card,
            (i % columns) * (settings.CardWidth + settings.SliceGap),
            (i / columns) * (settings.CardHeight + settings.LayerGap))).ToList();
        return new Block(Width(columns), Height(columns), boxes, []);
    }

    /// <summary>Blocks left to right in rows no wider than a picture of <see cref="LayoutSettings.PackAspect"/> needs.</summary>
    private static ChartLayout Pack(IReadOnlyList<Block> blocks, IReadOnlyList<string> order, LayoutSettings settings)
    {
        var area = blocks.Sum(b => (b.Width + settings.BlockGap) * (b.Height + settings.BlockGap));
        var rowLimit = Math.Max(blocks.Max(b => b.Width), Math.Sqrt(area * settings.PackAspect));

        var cards = new List<CardBox>();
        var routes = new List<SolidLineRoute>();
        double x = 0, y = 0, rowHeight = 0, width = 0;
        foreach (var block in blocks)
        {
            if (x > 0 && x + block.Width > rowLimit)
            {
                y += rowHeight + settings.BlockGap;
                x = 0;
                rowHeight = 0;
            }
            foreach (var (card, bx, by) in block.Boxes)
                cards.Add(new CardBox(order[card], x + bx, y + by, settings.CardWidth, settings.CardHeight));
            foreach (var (manager, report, points) in block.Routes)
                routes.Add(new SolidLineRoute(order[manager], order[report], points.Select(p => new LayoutPoint(x + p.X, y + p.Y)).ToList()));
            width = Math.Max(width, x + block.Width);
            rowHeight = Math.Max(rowHeight, block.Height);
            x += block.Width + settings.BlockGap;
        }

        var byOrder = order.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return new ChartLayout(
            cards.OrderBy(c => byOrder[c.PersonId]).ToList(),
            routes.OrderBy(r => byOrder[r.ReportId]).ToList(),
            width, y + rowHeight);
    }

    /// <summary>GraphShape promises non-overlapping cards; a broken promise should fail loudly, not draw a muddle.</summary>
    private static void EnsureNoOverlap(IReadOnlyList<CardBox> cards)
    {
        var byX = cards.OrderBy(c => c.X).ToList();
        for (var i = 0; i < byX.Count; i++)
            for (var j = i + 1; j < byX.Count && byX[j].X < byX[i].Right; j++)
                if (byX[i].Overlaps(byX[j]))
                    throw new InvalidOperationException($"The layout placed '{byX[i].PersonId}' and '{byX[j].PersonId}' on top of each other.");
    }
}
