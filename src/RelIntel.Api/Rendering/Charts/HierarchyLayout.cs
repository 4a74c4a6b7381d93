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
/// Places cards by the solid reporting lines: managers above their reports, no two cards overlapping, whatever the shape
/// (any depth and width, several trees, people with no line at all). A tree is laid out recursively: each manager is
/// centred above one row of blocks, one per report who has reports (their own subtree) and one per column of the
/// reports who have none; every block keeps an x-range of its own, so cards cannot meet by construction. Where a tree
/// would get much wider than tall, those columns are stacked deeper (each card a layer lower, with a connector down the
/// column's side). Separate trees, and the cards with no solid line at all (as a grid), are packed in rows. Dotted lines
/// take no part in placing cards.
/// The same chart always gives the same layout: cards are ordered by name, then id, whatever order they came in.
/// Why not a general layered layout (we used GraphShape's Sugiyama): an org chart is a forest, for which a tree layout is
/// simpler and exact, and Sugiyama placed cards on top of each other for some ordinary shapes (a CEO with three
/// reports, one of them a director with three reports).
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

        return Pack(blocks, order, settings);
    }

    /// <summary>Cards and line routes in a block's own coordinates, by card index; <see cref="RootX"/> is its top card's left edge.</summary>
    private sealed record Block(double Width, double Height, IReadOnlyList<(int Card, double X, double Y)> Boxes,
        IReadOnlyList<(int Manager, int Report, IReadOnlyList<LayoutPoint> Points)> Routes, double RootX = 0)
    {
        public Block Offset(double dx, double dy) => new(Width, Height,
            Boxes.Select(b => (b.Card, b.X + dx, b.Y + dy)).ToList(),
            Routes.Select(r => (r.Manager, r.Report, (IReadOnlyList<LayoutPoint>)r.Points.Select(p => new LayoutPoint(p.X + dx, p.Y + dy)).ToList())).ToList(),
            RootX + dx);
    }

    private static Block LayoutTree(int top, IReadOnlyList<List<int>> reports, LayoutSettings settings)
    {
        Block? narrowest = null;
        foreach (var limit in ColumnLimits)
        {
            var block = Subtree(top, reports, settings, limit);
            if (block.Width <= settings.MaxTreeAspect * block.Height) return block;
            if (narrowest is null || block.Width / block.Height < narrowest.Width / narrowest.Height) narrowest = block;
        }
        return narrowest!;
    }

    /// <summary>
    /// A manager above one row of blocks: each report with reports of their own as a subtree, the rest in stacked columns.
    /// Every block keeps an x-range of its own, so no two cards can meet whatever the tree's shape.
    /// </summary>
    private static Block Subtree(int manager, IReadOnlyList<List<int>> reports, LayoutSettings settings, int columnLimit)
    {
        var children = reports[manager].Where(r => reports[r].Count > 0).Select(r => Subtree(r, reports, settings, columnLimit)).ToList();
        children.AddRange(Columns(reports[manager].Where(r => reports[r].Count == 0).ToList(), manager, settings, columnLimit));
        if (children.Count == 0) return Card(manager, settings);

        var rowTop = settings.CardHeight + settings.LayerGap;
        var rowWidth = children.Sum(c => c.Width) + (children.Count - 1) * settings.SliceGap;
        var width = Math.Max(settings.CardWidth, rowWidth);
        var managerX = (width - settings.CardWidth) / 2;
        var managerMiddle = managerX + settings.CardWidth / 2;
        var boxes = new List<(int Card, double X, double Y)> { (manager, managerX, 0) };
        var routes = new List<(int Manager, int Report, IReadOnlyList<LayoutPoint> Points)>();
        var x = (width - rowWidth) / 2;
        foreach (var child in children)
        {
            var placed = child.Offset(x, rowTop);
            boxes.AddRange(placed.Boxes);
            routes.AddRange(placed.Routes.Select(r => r.Manager == manager ? StackedRoute(r, managerMiddle, settings) : r));
            if (placed.Routes.All(r => r.Manager != manager))
                routes.Add((manager, placed.Boxes[0].Card, ElbowRoute(managerMiddle, placed.RootX + settings.CardWidth / 2, rowTop, settings)));
            x += child.Width + settings.SliceGap;
        }
        return new Block(width, rowTop + children.Max(c => c.Height), boxes, routes, managerX);
    }

    private static Block Card(int card, LayoutSettings settings) =>
        new(settings.CardWidth, settings.CardHeight, [(card, 0, 0)], []);

    /// <summary>
    /// Reports without reports, split into at most <paramref name="columnLimit"/> columns. A column of one is a plain card;
    /// a longer one is stacked, each card a layer lower, with its connector down the column's left side (inside the block).
    /// </summary>
    private static IEnumerable<Block> Columns(IReadOnlyList<int> leaves, int manager, LayoutSettings settings, int columnLimit)
    {
        var columns = Math.Min(leaves.Count, columnLimit);
        if (columns == 0) yield break;
        var perColumn = (leaves.Count + columns - 1) / columns;
        foreach (var column in leaves.Chunk(perColumn))
        {
            if (column.Length == 1)
            {
                yield return Card(column[0], settings);
                continue;
            }
            var indent = settings.SliceGap / 2;
            var step = settings.CardHeight + settings.LayerGap;
            var boxes = column.Select((card, i) => (card, indent, i * step)).ToList();
            // Routes carry only the card's middle height and the spine for now; the manager's part is added by the caller.
            var routes = column.Select((card, i) => (manager, card,
                (IReadOnlyList<LayoutPoint>)[new(0, 0), new(indent, i * step + settings.CardHeight / 2)])).ToList();
            yield return new Block(indent + settings.CardWidth, column.Length * step - settings.LayerGap, boxes, routes, indent);
        }
    }

    /// <summary>Down from the manager, across to the column's spine, down it and into the card's left side.</summary>
    private static (int Manager, int Report, IReadOnlyList<LayoutPoint> Points) StackedRoute(
        (int Manager, int Report, IReadOnlyList<LayoutPoint> Points) partial, double managerMiddle, LayoutSettings settings)
    {
        var spine = partial.Points[0];
        var card = partial.Points[1];
        var managerBottom = settings.CardHeight;
        var bend = managerBottom + settings.LayerGap / 2;
        return (partial.Manager, partial.Report,
            [new(managerMiddle, managerBottom), new(managerMiddle, bend), new(spine.X, bend), new(spine.X, card.Y), card]);
    }

    /// <summary>Down from the manager's bottom to half the gap, across, and down to the report's top.</summary>
    private static IReadOnlyList<LayoutPoint> ElbowRoute(double managerMiddle, double reportMiddle, double reportTop, LayoutSettings settings)
    {
        var managerBottom = settings.CardHeight;
        var elbow = (managerBottom + reportTop) / 2;
        return [new(managerMiddle, managerBottom), new(managerMiddle, elbow), new(reportMiddle, elbow), new(reportMiddle, reportTop)];
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
}
