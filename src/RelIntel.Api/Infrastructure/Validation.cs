using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using RelIntel.Neo4j;

namespace RelIntel.Api.Infrastructure;

/// <summary>
/// Collects what is wrong with a request, field by field, for one 400 that names every bad field.
/// </summary>
public sealed partial class Validation
{
    public const int MaxIdLength = 128;
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 2000;

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsValid => errors.Count == 0;

    [GeneratedRegex(@"^[A-Za-z0-9\-_.:@]{1,128}\z")]
    private static partial Regex IdPattern();

    public static bool IsId(string? value) => value is not null && IdPattern().IsMatch(value);

    public Validation Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>A CRM key: 1–128 letters, digits or <c>-_.:@</c>.</summary>
    public Validation Id(string field, string? value, bool required = true)
    {
        if (value is null)
        {
            if (required) Add(field, "Required.");
        }
        else if (!IsId(value))
        {
            Add(field, "Must be 1–128 characters of letters, digits and -_.:@");
        }
        return this;
    }

    public Validation Text(string field, string? value, int maxLength, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) Add(field, "Required.");
            else if (value is not null && value.Length > 0) Add(field, "Must not be blank when given.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"Must be at most {maxLength} characters.");
        }
        return this;
    }

    public Validation Required<T>(string field, T? value) where T : struct
    {
        if (value is null) Add(field, "Required.");
        return this;
    }

    public Validation Range(string field, double? value, double min, double max)
    {
        if (value is { } v && (double.IsNaN(v) || v < min || v > max)) Add(field, $"Must be between {min} and {max}.");
        return this;
    }

    /// <summary>An enum word from the query string, e.g. <c>kind=customer</c>.</summary>
    public T? Word<T>(string field, string? value) where T : struct, Enum
    {
        if (value is null) return null;
        if (EnumWords.TryParse<T>(value, out var parsed)) return parsed;
        Add(field, $"Must be one of: {string.Join(", ", KebabEnumConverterFactory.Words(typeof(T)))}.");
        return null;
    }

    public Validation Email(string field, string? value)
    {
        Text(field, value, 254);
        if (!string.IsNullOrWhiteSpace(value) && (!value.Contains('@') || value.Any(IsInvisible)))
            Add(field, "Must be an email address.");
        return this;
    }

    /// <summary>Adds what <paramref name="other"/> found (a body's own validation, say).</summary>
    public Validation Include(Validation? other)
    {
        if (other is null) return this;
        foreach (var (field, messages) in other.errors)
            foreach (var message in messages) Add(field, message);
        return this;
    }

    /// <summary>White space, control and zero-width characters: never part of an address, and they make look-alikes.</summary>
    private static bool IsInvisible(char c) =>
        char.IsWhiteSpace(c) || char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    public ValidationProblem? Problem() => IsValid
        ? null
        : TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));

    public IDictionary<string, string[]> Errors => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>Page and page size from the query string, bounded.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;
    public const int MaxPage = 100_000;

    public int Skip => (Page - 1) * PageSize;

    /// <summary>The page asked for; the request validation has kept <c>page</c> and <c>pageSize</c> within bounds.</summary>
    public static Paging Of(int? page, int? pageSize) =>
        new(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));

    public static Paging From(int? page, int? pageSize, Validation validation)
    {
        if (page is < 1 or > MaxPage) validation.Add("page", $"Must be between 1 and {MaxPage}.");
        if (pageSize is < 1 or > MaxPageSize) validation.Add("pageSize", $"Must be between 1 and {MaxPageSize}.");
        return new Paging(Math.Clamp(page ?? 1, 1, MaxPage), Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize));
    }
}

/// <summary>One page of a list, with the total so clients can page on.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
