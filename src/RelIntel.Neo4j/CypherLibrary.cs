using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace RelIntel.Neo4j;

/// <summary>
/// The <c>.cypher</c> files embedded in an assembly as resources named <c>cypher/{folder}/{name}.cypher</c>.
/// A statement is addressed by its path without the extension, e.g. <c>organizations/upsert</c>.
/// </summary>
/// <remarks>
/// <para>
/// A folder may keep <b>rules</b> under <c>{folder}/rules/</c>: Cypher fragments that statements share, so that a rule is
/// written once. A statement calls one like a function, <c>charter.seesRelationship(k)</c>, and the call is replaced by
/// the fragment, with its parameters replaced by the arguments, in parentheses, when the statement loads. A rule file
/// starts with its signature as a comment, <c>// charter.seesRelationship(k): what it decides</c>; the rest (comments
/// dropped) is the fragment, which may call other rules. Rules are expressions; they read the statement's parameters
/// (<c>$viewer</c>, say) like any Cypher does.
/// </para>
/// <para>
/// A parameter is replaced where it stands as a variable: not after <c>.</c> or <c>$</c>, not before <c>:</c> (a map key),
/// and not inside strings or comments.
/// </para>
/// </remarks>
public sealed partial class CypherLibrary
{
    private const string Prefix = "cypher/";
    private const string Extension = ".cypher";
    private const string RulesFolder = "/rules/";
    private readonly ConcurrentDictionary<string, CypherQuery> cache = new();
    private readonly IReadOnlyList<string> allNames;
    private readonly Func<string, string?> read;
    private readonly Lazy<IReadOnlyDictionary<string, Rule>> rules;

    /// <summary>The files embedded in <paramref name="assembly"/>.</summary>
    public CypherLibrary(Assembly assembly)
        : this(assembly.GetManifestResourceNames()
                .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(Extension, StringComparison.Ordinal))
                .Select(n => n[Prefix.Length..^Extension.Length])
                .ToList(),
            name =>
            {
                using var stream = assembly.GetManifestResourceStream(Prefix + name + Extension);
                if (stream is null) return null;
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd();
            })
    {
    }

    /// <summary>Files given by name (without the extension) and text, e.g. to try a rule out.</summary>
    public CypherLibrary(IReadOnlyDictionary<string, string> files) : this(files.Keys.ToList(), name => files.GetValueOrDefault(name))
    {
    }

    private CypherLibrary(IReadOnlyList<string> names, Func<string, string?> read)
    {
        allNames = names.Order(StringComparer.Ordinal).ToList();
        this.read = read;
        rules = new Lazy<IReadOnlyDictionary<string, Rule>>(ReadRules);
    }

    /// <summary>One shared fragment: <c>{Namespace}.{Name}({Parameters})</c>.</summary>
    public sealed record Rule(string Namespace, string Name, IReadOnlyList<string> Parameters, string Body, string File)
    {
        public string Call => $"{Namespace}.{Name}";
    }

    /// <summary>The statements (rules are not statements).</summary>
    public IEnumerable<string> Names => allNames.Where(n => !IsRuleFile(n));

    /// <summary>The shared fragments, by their call name (e.g. <c>charter.seesRelationship</c>).</summary>
    public IReadOnlyDictionary<string, Rule> Rules => rules.Value;

    /// <summary>A statement with every rule call expanded.</summary>
    public CypherQuery Load(string name) => cache.GetOrAdd(name, n =>
    {
        var source = Source(n);
        return new CypherQuery(n, Expand(source, []))
        {
            Bookkeeping = HasMarker(source, BookkeepingMarker),
            LongRunning = HasMarker(source, LongRunningMarker),
        };
    });

    /// <summary>The marker of a <see cref="CypherQuery.Bookkeeping"/> write: a line of the file's leading comments, <c>// @bookkeeping: why</c>.</summary>
    public const string BookkeepingMarker = "// @bookkeeping";

    /// <summary>The marker of a <see cref="CypherQuery.LongRunning"/> statement: <c>// @long-running: why</c>.</summary>
    public const string LongRunningMarker = "// @long-running";

    private static bool HasMarker(string text, string marker) =>
        text.Split('\n').Select(l => l.Trim()).TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal))
            .Any(l => l.StartsWith(marker, StringComparison.Ordinal));

    /// <summary>A file's text as written, rule calls and all (for checks that a statement uses a rule).</summary>
    public string Source(string name) =>
        read(name) ?? throw new InvalidOperationException($"The query file cypher/{name}{Extension} is missing.");

    private static bool IsRuleFile(string name) => name.Contains(RulesFolder, StringComparison.Ordinal);

    [GeneratedRegex(@"^//\s*(?<ns>[A-Za-z]\w*)\.(?<name>[A-Za-z]\w*)\((?<params>[^)]*)\)")]
    private static partial Regex Signature();

    private IReadOnlyDictionary<string, Rule> ReadRules()
    {
        var found = new Dictionary<string, Rule>(StringComparer.Ordinal);
        foreach (var name in allNames.Where(IsRuleFile))
        {
            var text = Source(name);
            var match = Signature().Match(text.TrimStart());
            var folder = name[..name.IndexOf(RulesFolder, StringComparison.Ordinal)];
            var fileName = name[(name.LastIndexOf('/') + 1)..];
            if (!match.Success || match.Groups["ns"].Value != folder || match.Groups["name"].Value != fileName)
                throw new InvalidOperationException(
                    $"The rule file cypher/{name}{Extension} must start with its signature: // {folder}.{fileName}(parameters): what it decides");
            var parameters = match.Groups["params"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var body = WithoutComments(text).Trim();
            if (body.Length == 0) throw new InvalidOperationException($"The rule file cypher/{name}{Extension} has no fragment.");
            var rule = new Rule(folder, fileName, parameters, body, $"cypher/{name}{Extension}");
            found[rule.Call] = rule;
        }
        return found;
    }

    /// <summary>Replaces every rule call in <paramref name="text"/>; <paramref name="expanding"/> guards against a rule calling itself.</summary>
    private string Expand(string text, IReadOnlyList<string> expanding)
    {
        if (Rules.Count == 0) return text;
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var skipped = SkipNonCode(text, i);
            if (skipped > i)
            {
                output.Append(text, i, skipped - i);
                i = skipped;
                continue;
            }
            if (IsIdentifierStart(text[i]) && !FollowsAccessor(text, i))
            {
                var end = IdentifierEnd(text, i);
                if (end < text.Length - 1 && text[end] == '.' && IsIdentifierStart(text[end + 1]))
                {
                    var nameEnd = IdentifierEnd(text, end + 1);
                    var call = text[i..nameEnd];
                    if (nameEnd < text.Length && text[nameEnd] == '(' && Rules.TryGetValue(call, out var rule))
                    {
                        var (arguments, after) = Arguments(text, nameEnd, call);
                        output.Append(Apply(rule, arguments, expanding));
                        i = after;
                        continue;
                    }
                    if (Rules.Keys.Any(k => k.StartsWith(text[i..end] + ".", StringComparison.Ordinal)) && nameEnd < text.Length && text[nameEnd] == '(')
                        throw new InvalidOperationException($"Unknown rule {call}(…): there is no cypher/{text[i..end]}/rules/{text[(end + 1)..nameEnd]}.cypher.");
                    output.Append(text, i, nameEnd - i);
                    i = nameEnd;
                    continue;
                }
                output.Append(text, i, end - i);
                i = end;
                continue;
            }
            output.Append(text[i]);
            i++;
        }
        return output.ToString();
    }

    private string Apply(Rule rule, IReadOnlyList<string> arguments, IReadOnlyList<string> expanding)
    {
        if (expanding.Contains(rule.Call))
            throw new InvalidOperationException($"The rule {rule.Call} calls itself ({string.Join(" → ", expanding.Append(rule.Call))}).");
        if (arguments.Count != rule.Parameters.Count)
            throw new InvalidOperationException(
                $"{rule.Call} takes {rule.Parameters.Count} argument(s) ({string.Join(", ", rule.Parameters)}), not {arguments.Count}.");
        var values = rule.Parameters.Zip(arguments).ToDictionary(p => p.First, p => Expand(p.Second.Trim(), expanding), StringComparer.Ordinal);
        var substituted = Substitute(rule.Body, values);
        return "(" + Expand(substituted, [.. expanding, rule.Call]) + ")";
    }

    /// <summary>The fragment with each parameter, where it stands as a variable, replaced by its argument.</summary>
    private static string Substitute(string body, IReadOnlyDictionary<string, string> values)
    {
        var output = new StringBuilder(body.Length);
        var i = 0;
        while (i < body.Length)
        {
            var skipped = SkipNonCode(body, i);
            if (skipped > i)
            {
                output.Append(body, i, skipped - i);
                i = skipped;
                continue;
            }
            if (IsIdentifierStart(body[i]) && !FollowsAccessor(body, i))
            {
                var end = IdentifierEnd(body, i);
                var word = body[i..end];
                var isMapKey = NextNonSpace(body, end) == ':';
                output.Append(!isMapKey && values.TryGetValue(word, out var value) ? Wrap(value) : word);
                i = end;
                continue;
            }
            output.Append(body[i]);
            i++;
        }
        return output.ToString();
    }

    /// <summary>A plain variable or property path stands as it is; anything else in parentheses.</summary>
    private static string Wrap(string argument) => SimplePath().IsMatch(argument) ? argument : "(" + argument + ")";

    [GeneratedRegex(@"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*\z")]
    private static partial Regex SimplePath();

    /// <summary>The arguments of a call whose '(' is at <paramref name="open"/>, split at top-level commas, and where the call ends.</summary>
    private static (IReadOnlyList<string> Arguments, int After) Arguments(string text, int open, string call)
    {
        var arguments = new List<string>();
        var depth = 0;
        var start = open + 1;
        var i = open + 1;
        while (i < text.Length)
        {
            var skipped = SkipNonCode(text, i);
            if (skipped > i)
            {
                i = skipped;
                continue;
            }
            var c = text[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ']' or '}') depth--;
            else if (c == ')')
            {
                if (depth == 0)
                {
                    var last = text[start..i];
                    if (last.Trim().Length > 0 || arguments.Count > 0) arguments.Add(last);
                    return (arguments, i + 1);
                }
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                arguments.Add(text[start..i]);
                start = i + 1;
            }
            i++;
        }
        throw new InvalidOperationException($"The call {call}( is not closed.");
    }

    /// <summary>Where a string literal, quoted name or comment starting at <paramref name="i"/> ends; <paramref name="i"/> when none starts there.</summary>
    private static int SkipNonCode(string text, int i)
    {
        var c = text[i];
        if (c is '\'' or '"' or '`')
        {
            var j = i + 1;
            while (j < text.Length && text[j] != c)
                j += text[j] == '\\' && c != '`' ? 2 : 1;
            return Math.Min(j + 1, text.Length);
        }
        if (c == '/' && i + 1 < text.Length && text[i + 1] == '/')
        {
            var j = text.IndexOf('\n', i);
            return j < 0 ? text.Length : j;
        }
        if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
        {
            var j = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return j < 0 ? text.Length : j + 2;
        }
        return i;
    }

    /// <summary>The names of the <c>$parameters</c> <paramref name="text"/> uses in its code (not in strings or comments).</summary>
    internal static IReadOnlySet<string> ParametersIn(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while (i < text.Length)
        {
            var skipped = SkipNonCode(text, i);
            if (skipped > i)
            {
                i = skipped;
                continue;
            }
            if (text[i] == '$' && i + 1 < text.Length && IsIdentifierStart(text[i + 1]))
            {
                var end = IdentifierEnd(text, i + 1);
                names.Add(text[(i + 1)..end]);
                i = end;
                continue;
            }
            i++;
        }
        return names;
    }

    private static string WithoutComments(string text)
    {
        var output = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var skipped = SkipNonCode(text, i);
            if (skipped > i)
            {
                if (text[i] is '\'' or '"' or '`') output.Append(text, i, skipped - i);
                i = skipped;
                continue;
            }
            output.Append(text[i]);
            i++;
        }
        return output.ToString();
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static int IdentifierEnd(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
        return i;
    }

    /// <summary>A property (<c>x.name</c>), a parameter (<c>$name</c>) or the tail of a longer word.</summary>
    private static bool FollowsAccessor(string text, int i) =>
        i > 0 && (text[i - 1] is '.' or '$' || char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '_');

    private static char NextNonSpace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        return i < text.Length ? text[i] : '\0';
    }
}
