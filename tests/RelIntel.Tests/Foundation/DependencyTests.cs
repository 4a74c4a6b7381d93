using System.Reflection;
using System.Reflection.Emit;
using System.Text.RegularExpressions;

namespace RelIntel.Tests.Foundation;

/// <summary>
/// Dependencies point one way: a feature (<c>Features/X</c>) uses the modules below it (<c>Domain</c>, <c>Rendering</c>,
/// <c>Charter</c>, <c>Infrastructure</c>) and never another feature; a module never uses a feature. Checked twice: in the
/// source (using directives and qualified names) and in the compiled assembly (signatures and the members method bodies use).
/// </summary>
public sealed partial class DependencyTests
{
    private const string Features = "RelIntel.Api.Features.";
    private static readonly string[] Modules = ["Domain", "Rendering", "Charter", "Infrastructure"];
    private static readonly Assembly Api = typeof(Program).Assembly;

    [Test]
    public void No_feature_source_file_names_another_feature()
    {
        var offences = new List<string>();
        foreach (var (feature, file) in SourceFiles("Features"))
        {
            foreach (var other in NamedFeatures(File.ReadAllText(file)).Where(other => other != feature))
                offences.Add($"{Relative(file)} (feature {feature}) names feature {other}");
        }
        Assert.That(offences, Is.Empty, string.Join("\n", offences));
    }

    [Test]
    public void No_module_source_file_names_a_feature()
    {
        var offences = Modules.SelectMany(module => SourceFiles(module))
            .SelectMany(f => NamedFeatures(File.ReadAllText(f.File)).Select(other => $"{Relative(f.File)} names feature {other}"))
            .ToList();
        Assert.That(offences, Is.Empty, string.Join("\n", offences));
    }

    [Test]
    public void No_feature_type_uses_another_features_types()
    {
        var offences = new List<string>();
        foreach (var type in Api.GetTypes())
        {
            if (FeatureOf(type) is not { } feature) continue;
            foreach (var used in UsedTypes(type).Where(u => FeatureOf(u) is { } other && other != feature).Distinct())
                offences.Add($"{type.FullName} (feature {feature}) uses {used.FullName} (feature {FeatureOf(used)})");
        }
        Assert.That(offences, Is.Empty, string.Join("\n", offences));
    }

    [Test]
    public void No_module_type_uses_a_feature_type()
    {
        var moduleTypes = Api.GetTypes().Where(t => Modules.Any(m => t.Namespace?.StartsWith($"RelIntel.Api.{m}") == true)).ToList();
        Assert.That(moduleTypes, Is.Not.Empty);
        var offences = moduleTypes
            .SelectMany(type => UsedTypes(type).Where(u => FeatureOf(u) is not null).Distinct()
                .Select(used => $"{type.FullName} uses {used.FullName} (feature {FeatureOf(used)})"))
            .ToList();
        Assert.That(offences, Is.Empty, string.Join("\n", offences));
    }

    [Test]
    public void The_checks_see_a_cross_feature_reference()
    {
        // The checks above pass vacuously if they see nothing: they must catch a call like this one.
        Assert.That(NamedFeatures("using RelIntel.Api.Features.Reports;\nvar x = RelIntel.Api.Features.People.Foo;"),
            Is.EquivalentTo(new[] { "Reports", "People" }));
        var endpoints = Api.GetType("RelIntel.Api.Features.Insights.InsightsEndpoints")!;
        Assert.That(UsedTypes(endpoints).Select(t => t.Namespace), Does.Contain("RelIntel.Api.Domain.Pursuit"),
            "the insights endpoints call the pursuit engine from their method bodies");
    }

    private static IEnumerable<(string Folder, string File)> SourceFiles(string folder)
    {
        var root = Path.Combine(Repository.Root(), "src", "RelIntel.Api", folder);
        Assert.That(Directory.Exists(root), Is.True, root);
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Select(f => (Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar)[0], f));
    }

    private static string Relative(string file) => Path.GetRelativePath(Repository.Root(), file);

    private static IEnumerable<string> NamedFeatures(string source) =>
        FeatureName().Matches(source).Select(m => m.Groups[1].Value).Distinct();

    [GeneratedRegex(@"\bRelIntel\.Api\.Features\.(\w+)")]
    private static partial Regex FeatureName();

    private static string? FeatureOf(Type type) =>
        type.Namespace is { } ns && ns.StartsWith(Features, StringComparison.Ordinal) ? ns[Features.Length..].Split('.')[0] : null;

    /// <summary>The types a type's signatures and method bodies refer to (its nested, compiler-made types are checked on their own).</summary>
    private static IEnumerable<Type> UsedTypes(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var direct = new List<Type?> { type.BaseType };
        direct.AddRange(type.GetInterfaces());
        direct.AddRange(type.GetFields(all).Select(f => f.FieldType));
        direct.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        var methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)).ToList();
        foreach (var method in methods)
        {
            direct.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info) direct.Add(info.ReturnType);
            direct.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
            direct.AddRange(BodyReferences(method));
        }
        return direct.OfType<Type>().SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType) return Unwrap(type.GetElementType()!);
        if (type.IsGenericType && !type.IsGenericTypeDefinition)
            return type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition());
        return [type];
    }

    /// <summary>The types of the fields, methods and types a method body's instructions name.</summary>
    private static IEnumerable<Type?> BodyReferences(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) yield break;
        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += code.Size;
            if (code.OperandType is OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                yield return member as Type ?? member?.DeclaringType;
                if (member is FieldInfo field) yield return field.FieldType;
                if (member is MethodInfo called) yield return called.ReturnType;
                foreach (var parameter in (member as MethodBase)?.GetParameters() ?? []) yield return parameter.ParameterType;
            }
            at += OperandSize(code.OperandType, il, at);
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static DependencyTests()
    {
        foreach (var code in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!))
        {
            if (code.Size == 1) OneByte[(byte)code.Value] = code;
            else TwoByte[(byte)(code.Value & 0xFF)] = code;
        }
    }
}
