using System.Net;
using System.Net.Http.Headers;
using System.Text;
using RelIntel.Api.Charter;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Tests;

/// <summary>Mailboxes and calendars whose exports (in <c>Capture/Files/</c>) are imported as interactions.</summary>
public sealed partial class World
{
    /// <summary>
    /// The people of the export files, with addresses unique to this world: the files' domains contoso.example (ours) and
    /// globex.example (theirs) and their RUNTAG00 markers (in UIDs and Message-IDs) are rewritten with <see cref="Tag"/>,
    /// so tests sharing one database never meet each other's meetings.
    /// </summary>
    public sealed record Mailboxes(string Tag, string Own, string Sam, string Kim, string Dana, string Eve)
    {
        public string OurDomain => $"c{Tag}.example";

        public string TheirDomain => $"g{Tag}.example";

        /// <summary>An export file with this world's domains and tag.</summary>
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
    }

    /// <summary>Contoso (ours: Sam Ortiz, Kim Lee) and Globex (theirs: Dana Whitfield, Eve Stone), as in the export files.</summary>
    public async Task<Mailboxes> MailboxesAsync(bool eveDoNotContact = false)
    {
        var own = await OrganizationAsync("own", "Contoso");
        var customer = await OrganizationAsync("customer", "Globex");
        return new Mailboxes(Tag, own,
            await PersonAsync(own, "Sam Ortiz", $"Sam.Ortiz@c{Tag}.example"),
            await PersonAsync(own, "Kim Lee", $"kim.lee@c{Tag}.example"),
            await PersonAsync(customer, "Dana Whitfield", $"dana.whitfield@g{Tag}.example"),
            await PersonAsync(customer, "Eve Stone", $"eve.stone@g{Tag}.example", doNotContact: eveDoNotContact));
    }

    /// <summary>POST /api/interactions/import of <paramref name="mailboxOf"/>'s export.</summary>
    public Task<HttpResponseMessage> ImportAsync(string mailboxOf, string body, string contentType) =>
        client.PostAsync($"/api/interactions/import?mailboxOf={Id(mailboxOf)}",
            new StringContent(body, Encoding.UTF8) { Headers = { ContentType = MediaTypeHeaderValue.Parse(contentType) } });

    /// <summary>The relationship of <paramref name="ours"/> with <paramref name="theirs"/> as this world's caller sees it, or null.</summary>
    public async Task<RelationshipResponse?> RelationshipAsync(string ours, string theirs)
    {
        var page = await client.GetAsync($"/api/people/{Id(ours)}/relationships?pageSize=500")
            .ShouldBe<Paged<RelationshipResponse>>(HttpStatusCode.OK);
        return page.Items.SingleOrDefault(i => i.TheirPerson.Id == Id(theirs));
    }
}
