using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using RelIntel.Api.Rendering.Charts;

namespace RelIntel.Tests.Pictures;

/// <summary>An SVG as a reader's tool sees it: parsed as XML, with the cards' rectangles read back from it.</summary>
public sealed partial class DrawnSvg
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private DrawnSvg(string text, XDocument document) => (Text, Document) = (text, document);

    public string Text { get; }

    public XDocument Document { get; }

    public XElement Root => Document.Root!;

    /// <summary>Parses the text as XML (throws if it is not well-formed).</summary>
    public static DrawnSvg Parse(string text) => new(text, XDocument.Parse(text));

    public IEnumerable<XElement> Cards => Root.Descendants(Svg + "g").Where(g => Classes(g).Contains("card"));

    public IReadOnlyList<string> CardIds => Cards.Select(g => (string)g.Attribute("data-person-id")!).ToList();

    /// <summary>Every card's rectangle in the SVG's own coordinates: its group's translation plus the frame's size.</summary>
    public IReadOnlyList<CardBox> CardBoxes => Cards.Select(card =>
    {
        var (x, y) = Translation(card);
        for (var parent = card.Parent; parent is not null; parent = parent.Parent)
        {
            var (px, py) = Translation(parent);
            x += px;
            y += py;
        }
        var frame = card.Elements(Svg + "rect").Single(r => Classes(r).Contains("card-frame"));
        return new CardBox((string)card.Attribute("data-person-id")!, x, y, Number(frame, "width"), Number(frame, "height"));
    }).ToList();

    public XElement Card(string personId) => Cards.Single(c => (string)c.Attribute("data-person-id")! == personId);

    /// <summary>All text a reader sees in one element (and its children), joined.</summary>
    public static string TextOf(XElement element) =>
        string.Join(" | ", element.Descendants(Svg + "text").Select(t => t.Value));

    public static IReadOnlyList<string> Classes(XElement element) =>
        ((string?)element.Attribute("class") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static (double X, double Y) Translation(XElement element)
    {
        var transform = (string?)element.Attribute("transform");
        if (transform is null) return (0, 0);
        var match = TranslatePattern().Match(transform);
        Assert.That(match.Success, $"Unexpected transform '{transform}'");
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), double.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static double Number(XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^translate\(([-0-9.]+),([-0-9.]+)\)$")]
    private static partial Regex TranslatePattern();
}
