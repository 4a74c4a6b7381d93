using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RelIntel.Tests;

/// <summary>
/// The README's walk-through section, read as the test runs it: its fenced <c>bash</c> blocks are the commands (variables,
/// <c>curl</c> calls and <c>NAME=$(curl … | jq -r PATH)</c>), and each fenced <c>json</c> block is the sample answer of
/// the last <c>curl</c> before it. A sample block may show part of the answer: its info string after <c>json</c> takes a
/// path (<c>.targets[0]</c>) and the members to keep (<c>{person,roles}</c>, of each element when the part is a list).
/// Timestamps show as <c>&lt;time&gt;</c> and the day of the run as <c>&lt;today&gt;</c>, so the samples hold whatever
/// the day.
/// </summary>
public sealed partial class ReadmeWalkThrough
{
    public const string Heading = "## A walk-through on the demo account";

    /// <summary>Where the service listens in the README; the test's client takes its place.</summary>
    private const string ReadmeOrigin = "http://localhost:5080";

    private readonly string[] lines;
    private readonly int start;
    private readonly int end;

    /// <summary>A shell line of the walk-through (continuations joined) and the README line it starts on.</summary>
    public sealed record Command(int Line, string Text);

    /// <summary>A sample answer block: where its text lies in the README, what it shows, and which curl it answers.</summary>
    public sealed record Sample(int FirstLine, int LastLine, string Selector, string Text, int CurlIndex);

    public IReadOnlyList<Command> Commands { get; }

    public IReadOnlyList<Sample> Samples { get; }

    public ReadmeWalkThrough(string readme)
    {
        lines = readme.Split('\n');
        start = Array.FindIndex(lines, l => l.TrimEnd() == Heading);
        if (start < 0) throw new InvalidOperationException($"The README has no '{Heading}' section.");
        end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        if (end < 0) end = lines.Length;
        var commands = new List<Command>();
        var samples = new List<Sample>();
        for (var i = start + 1; i < end; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal) || lines[i].Trim() == "```") continue;
            var info = lines[i][3..].Trim();
            var close = Array.FindIndex(lines, i + 1, l => l.TrimEnd() == "```");
            if (info == "bash") commands.AddRange(ShellLines(i + 1, close));
            else if (info.StartsWith("json", StringComparison.Ordinal))
            {
                var curls = commands.Count(c => IsCurl(c.Text));
                if (curls == 0) throw new InvalidOperationException($"README line {i + 1}: a sample answer before any curl.");
                samples.Add(new Sample(i + 1, close - 1, info[4..].Trim(), string.Join('\n', lines[(i + 1)..close]), curls - 1));
            }
            i = close;
        }
        Commands = commands;
        Samples = samples;
    }

    /// <summary>The README with <paramref name="answers"/> (one per sample, in order) in place of the samples' text.</summary>
    public string WithSamples(IReadOnlyList<string> answers)
    {
        var result = new List<string>();
        var next = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (next < Samples.Count && i == Samples[next].FirstLine)
            {
                result.AddRange(answers[next].Split('\n'));
                i = Samples[next].LastLine;
                next++;
                continue;
            }
            result.Add(lines[i]);
        }
        return string.Join('\n', result);
    }

    private IEnumerable<Command> ShellLines(int from, int close)
    {
        for (var i = from; i < close; i++)
        {
            var first = i;
            while (lines[i].TrimEnd().EndsWith('\\') && i + 1 < close) i++;
            var last = i;
            var text = string.Concat(Enumerable.Range(first, last - first + 1)
                .Select(j => lines[j].TrimEnd() is var part && j < last ? part[..^1] : lines[j].TrimEnd()));
            var command = WithoutComment(text).Trim();
            if (command.Length > 0) yield return new Command(first + 1, command);
        }
    }

    public static bool IsCurl(string command) => command.StartsWith("curl ", StringComparison.Ordinal) || AssignedCurl().IsMatch(command);

    /// <summary>A <c>#</c> that starts a word outside quotes starts a comment.</summary>
    private static string WithoutComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote) quote = null;
            }
            else if (c is '\'' or '"') quote = c;
            else if (c == '#' && (i == 0 || char.IsWhiteSpace(line[i - 1]))) return line[..i];
        }
        return line;
    }

    /// <summary>Runs the walk-through's commands in order through <paramref name="client"/>: the answers of its curls, in order.</summary>
    public async Task<IReadOnlyList<Answer>> RunAsync(HttpClient client)
    {
        var variables = new Dictionary<string, string>();
        var answers = new List<Answer>();
        foreach (var command in Commands)
        {
            if (AssignedCurl().Match(command.Text) is { Success: true } assigned)
            {
                var answer = await CurlAsync(client, assigned.Groups["curl"].Value, variables, command);
                answers.Add(answer);
                var picked = Select(JsonNode.Parse(answer.Body), Words(assigned.Groups["path"].Value, variables).Single());
                variables[assigned.Groups["name"].Value] = picked is JsonValue value && value.TryGetValue<string>(out var text)
                    ? text
                    : picked?.ToJsonString() ?? "null";
            }
            else if (command.Text.StartsWith("curl ", StringComparison.Ordinal))
                answers.Add(await CurlAsync(client, command.Text, variables, command));
            else if (Assignment().Match(command.Text) is { Success: true } assignment)
                variables[assignment.Groups["name"].Value] = string.Concat(Words(assignment.Groups["value"].Value, variables));
            else
                throw new InvalidOperationException($"README line {command.Line}: the walk-through runs only curl and variables: {command.Text}");
        }
        return answers;
    }

    /// <summary>What a curl of the walk-through was answered.</summary>
    public sealed record Answer(Command Command, int Status, string Body);

    private static async Task<Answer> CurlAsync(HttpClient client, string curl, Dictionary<string, string> variables, Command command)
    {
        var words = Words(curl, variables);
        string? method = null, url = null, data = null;
        var headers = new List<(string Name, string Value)>();
        for (var i = 1; i < words.Count; i++)
        {
            var word = words[i];
            switch (word)
            {
                case ">" or "-o": i++; break; // the answer saved to a file: the test reads it instead
                case "--data-binary" or "--data" or "--data-raw": data = words[++i]; break;
                case "--request": method = words[++i]; break;
                case "--header": headers.Add(Header(words[++i])); break;
                case var flags when flags.StartsWith('-') && !flags.StartsWith("--", StringComparison.Ordinal):
                    foreach (var flag in flags[1..])
                    {
                        switch (flag)
                        {
                            case 's' or 'S': break;
                            case 'X': method = words[++i]; break;
                            case 'H': headers.Add(Header(words[++i])); break;
                            case 'd': data = words[++i]; break;
                            default: throw new InvalidOperationException($"README line {command.Line}: curl -{flag} is not one the test runs.");
                        }
                    }
                    break;
                default:
                    url = url is null ? word : throw new InvalidOperationException($"README line {command.Line}: two URLs in one curl.");
                    break;
            }
        }
        if (url is null || !url.StartsWith(ReadmeOrigin, StringComparison.Ordinal))
            throw new InvalidOperationException($"README line {command.Line}: the curl's URL should start with {ReadmeOrigin}: {url}");
        // As curl does: -d without -X is a POST, and its body is a form unless a Content-Type says otherwise. A body
        // '@file' is a file of the repository (the walk-through runs from its root), sent as it is.
        using var request = new HttpRequestMessage(new HttpMethod(method ?? (data is null ? "GET" : "POST")), url[ReadmeOrigin.Length..]);
        if (data is not null)
            request.Content = data.StartsWith('@')
                ? new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(Repository.Root(), data[1..])))
                : new StringContent(data, Encoding.UTF8, "application/x-www-form-urlencoded");
        foreach (var (name, value) in headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (request.Content is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await client.SendAsync(request);
        return new Answer(command, (int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static (string, string) Header(string header)
    {
        var colon = header.IndexOf(':');
        return (header[..colon].Trim(), header[(colon + 1)..].Trim());
    }

    /// <summary>The shell's words: single quotes literal, double quotes and bare words expand <c>$NAME</c>.</summary>
    private static List<string> Words(string text, IReadOnlyDictionary<string, string> variables)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
                continue;
            }
            inWord = true;
            if (c == '\'')
            {
                var close = text.IndexOf('\'', i + 1);
                word.Append(text[(i + 1)..close]);
                i = close;
            }
            else if (c == '"')
            {
                var close = text.IndexOf('"', i + 1);
                word.Append(Expand(text[(i + 1)..close], variables));
                i = close;
            }
            else if (c == '$' && Variable().Match(text, i) is { Success: true, Index: var at } name && at == i)
            {
                word.Append(Value(name, variables));
                i += name.Length - 1;
            }
            else word.Append(c);
        }
        if (inWord) words.Add(word.ToString());
        return words;
    }

    private static string Expand(string text, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(text, name => Value(name, variables));

    private static string Value(Match name, IReadOnlyDictionary<string, string> variables)
    {
        var key = name.Groups["name"].Value;
        return variables.TryGetValue(key, out var value)
            ? value
            : throw new InvalidOperationException($"The walk-through uses ${key} before setting it.");
    }

    /// <summary>The part of <paramref name="node"/> a sample's info string (or a jq path) names.</summary>
    public static JsonNode? Select(JsonNode? node, string selector)
    {
        var pick = PickPart().Match(selector);
        var path = (pick.Success ? selector[..pick.Index] : selector).Trim();
        foreach (Match step in PathStep().Matches(path))
            node = step.Groups["index"].Success ? node?.AsArray()[int.Parse(step.Groups["index"].Value)] : node?[step.Groups["member"].Value];
        if (!pick.Success || node is null) return node?.DeepClone();
        var keep = pick.Groups["members"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        JsonNode Picked(JsonNode item) => new JsonObject(keep.Where(k => item.AsObject().ContainsKey(k))
            .Select(k => KeyValuePair.Create(k, item[k]?.DeepClone())));
        return node is JsonArray list ? new JsonArray(list.Select(item => (JsonNode?)Picked(item!)).ToArray()) : Picked(node);
    }

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// An answer as the README shows it: on one line when it fits, else the members of an object (or the items of a list)
    /// one a line, compact inside; timestamps as &lt;time&gt; and <paramref name="today"/> as &lt;today&gt;.
    /// </summary>
    public static string Render(JsonNode? node, DateOnly today)
    {
        var text = Json(node) is { Length: <= 116 } oneLine ? oneLine : node switch
        {
            JsonObject o when o.Count > 1 => "{\n" + string.Join(",\n", o.Select(m => $"  {JsonSerializer.Serialize(m.Key, Compact)}: {Json(m.Value)}")) + "\n}",
            JsonArray a when a.Count > 1 => "[\n" + string.Join(",\n", a.Select(item => "  " + Json(item))) + "\n]",
            _ => Json(node),
        };
        text = Timestamp().Replace(text, "<time>");
        return text.Replace(today.ToString("yyyy-MM-dd"), "<today>", StringComparison.Ordinal);
    }

    private static string Json(JsonNode? node) => node?.ToJsonString(Compact) ?? "null";

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)=\$\((?<curl>curl .*?)\|\s*jq -r (?<path>.+)\)$")]
    private static partial Regex AssignedCurl();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)=(?<value>\S.*)$")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\$\{?(?<name>[A-Za-z_]\w*)\}?")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\{(?<members>[^}]*)\}\s*$")]
    private static partial Regex PickPart();

    [GeneratedRegex(@"\.?\[(?<index>\d+)\]|\.(?<member>[A-Za-z_][\w-]*)")]
    private static partial Regex PathStep();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})")]
    private static partial Regex Timestamp();
}
