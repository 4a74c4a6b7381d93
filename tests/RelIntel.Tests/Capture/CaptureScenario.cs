using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RelIntel.Tests.Capture;

/// <summary>
/// The people of the export files in <c>Files/</c>, made through the API with addresses unique to the test: the files'
/// domains contoso.example (ours) and globex.example (theirs) and their RUNTAG00 markers (in UIDs and Message-IDs) are
/// rewritten per scenario, so tests sharing one database never meet each other's meetings.
/// </summary>
public sealed class CaptureScenario
{
    public string Tag { get; private init; } = "";
    public string Sam { get; private init; } = "";
    public string Kim { get; private init; } = "";
    public string Dana { get; private init; } = "";
    public string Eve { get; private init; } = "";
    public string Own { get; private init; } = "";

    public string OurDomain => $"c{Tag}.example";
    public string TheirDomain => $"g{Tag}.example";

    public static async Task<CaptureScenario> CreateAsync(HttpClient admin, bool eveDoNotContact = false)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var accounts = new Accounts(admin);
        var own = await accounts.OrganizationAsync("own", "Contoso");
        var customer = await accounts.OrganizationAsync("customer", "Globex");
        return new CaptureScenario
        {
            Tag = tag,
            Own = own,
            Sam = await accounts.PersonAsync(own, "Sam Ortiz", $"Sam.Ortiz@c{tag}.example"),
            Kim = await accounts.PersonAsync(own, "Kim Lee", $"kim.lee@c{tag}.example"),
            Dana = await accounts.PersonAsync(customer, "Dana Whitfield", $"dana.whitfield@g{tag}.example"),
            Eve = await accounts.PersonAsync(customer, "Eve Stone", $"eve.stone@g{tag}.example", doNotContact: eveDoNotContact),
        };
    }

    /// <summary>An export file with this scenario's domains and tag.</summary>
    /// <remarks>A calendar's folded lines are unfolded for the rewrite and folded again at 75 characters, as exporters do.</remarks>
    public string File(string name)
    {
        var text = System.IO.File.ReadAllText(Path.Combine(Repository.Root(), "tests", "RelIntel.Tests", "Capture", "Files", name));
        var calendar = name.EndsWith(".ics", StringComparison.Ordinal);
        if (calendar) text = text.Replace("\r\n ", "", StringComparison.Ordinal);
        text = text.Replace("contoso.example", OurDomain, StringComparison.OrdinalIgnoreCase)
            .Replace("globex.example", TheirDomain, StringComparison.OrdinalIgnoreCase)
            .Replace("RUNTAG00", Tag, StringComparison.Ordinal);
        return calendar ? string.Join("\r\n", text.Split("\r\n").Select(Fold)) : text;
    }

    private static string Fold(string line)
    {
        var folded = new StringBuilder(line[..Math.Min(75, line.Length)]);
        for (var at = 75; at < line.Length; at += 74) folded.Append("\r\n ").Append(line[at..Math.Min(at + 74, line.Length)]);
        return folded.ToString();
    }

    public static Task<HttpResponseMessage> ImportAsync(HttpClient client, string mailboxOf, string body, string contentType) =>
        client.PostAsync($"/api/interactions/import?mailboxOf={mailboxOf}",
            new StringContent(body, Encoding.UTF8) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } });

    /// <summary>The relationship of ours with theirs as the admin sees it, or null.</summary>
    public static async Task<JsonNode?> RelationshipAsync(HttpClient admin, string ours, string theirs)
    {
        var page = await admin.GetAsync($"/api/people/{ours}/relationships?pageSize=500").ShouldBe(HttpStatusCode.OK);
        return page["items"]!.AsArray().SingleOrDefault(i => i!["theirPerson"]!["id"]!.GetValue<string>() == theirs);
    }

    public static async Task<JsonNode> CharterAsync(HttpClient admin) => await admin.GetAsync("/api/charter").ShouldBe(HttpStatusCode.OK);

    public static async Task SetCaptureAsync(HttpClient admin, object capture)
    {
        var charter = await CharterAsync(admin);
        charter["capture"] = JsonSerializer.SerializeToNode(capture);
        await admin.PutAsJsonAsync("/api/charter", charter).ShouldBe(HttpStatusCode.OK);
    }
}
