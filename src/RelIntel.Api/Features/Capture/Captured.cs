using System.Security.Cryptography;
using System.Text;
using RelIntel.Api.Domain.Interactions;
using RelIntel.Api.Infrastructure;

namespace RelIntel.Api.Features.Capture;

/// <summary>Why a captured event or message was not recorded (the words of the answer's <c>skipped</c>).</summary>
public static class SkipReasons
{
    public const string Cancelled = "cancelled";
    public const string Future = "future";
    public const string InternalOnly = "internal-only";
    public const string NoCustomer = "no-customer";
    public const string OptedOut = "opted-out";
    public const string Blocked = "blocked";
    public const string DoNotContact = "do-not-contact";

    /// <summary>The id is stored for another interaction (a meeting moved after it was first imported): left as it was.</summary>
    public const string Changed = "changed";
}

/// <summary>
/// One meeting occurrence or message as read from an export: metadata only (when, what kind, the addresses taking part),
/// or why it is skipped before anyone is matched. Nothing else of the source is kept.
/// </summary>
public sealed record Captured(string Id, DateTimeOffset At, InteractionKind Kind, IReadOnlyList<string> Addresses, string? SkipReason = null)
{
    public static Captured Skipped(string reason) => new("", default, InteractionKind.Meeting, [], reason);
}

/// <summary>An export that cannot be read: <see cref="Where"/> names the line or message, for the 400.</summary>
public sealed class CaptureFormatException(string where, string message) : Exception($"{where}: {message}")
{
    public string Where { get; } = where;
}

/// <summary>Stable interaction ids for captured meetings and messages.</summary>
public static class CaptureIds
{
    /// <summary>
    /// <c>{prefix}-{key}</c> when that is a valid id, else <c>{prefix}-h-</c> and the first 40 hex digits of the key's SHA-256:
    /// the same meeting (UID and recurrence id) or message (Message-ID) gives the same id from any export or mailbox.
    /// </summary>
    public static string For(string prefix, string key)
    {
        var plain = $"{prefix}-{key}";
        if (Validation.IsId(plain)) return plain;
        return $"{prefix}-h-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..40]}";
    }

    /// <summary>A meeting: its calendar UID, and for one occurrence of a series the occurrence's original start in UTC.</summary>
    public static string Meeting(string uid, DateTimeOffset? recurrenceId) =>
        For("cal", recurrenceId is { } rid ? $"{uid.Trim()}_{rid.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}" : uid.Trim());

    /// <summary>A message: its Message-ID without the angle brackets.</summary>
    public static string Message(string messageId) => For("mail", messageId.Trim().TrimStart('<').TrimEnd('>'));

    /// <summary>The address of a mailbox as we match it: lower-case, without <c>mailto:</c>; null when it is not one.</summary>
    public static string? Address(string? value)
    {
        if (value is null) return null;
        var address = value.Trim();
        if (address.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)) address = address[7..];
        address = Uri.UnescapeDataString(address).Trim().ToLowerInvariant();
        var at = address.IndexOf('@');
        return at > 0 && at < address.Length - 1 ? address : null;
    }
}
