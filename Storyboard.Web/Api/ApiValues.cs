using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Storyboard.Web.Api;

/// <summary>Reading enum names and 64-bit seeds from request bodies the same way in every endpoint.</summary>
public static class ApiValues
{
    /// <summary>The largest integer a JSON number keeps exactly in JavaScript and most JSON parsers (2^53 − 1).</summary>
    public const ulong MaxSafeInteger = 9_007_199_254_740_991;

    public const string SeedNote =
        "Seeds are unsigned 64-bit numbers (0 to 18446744073709551615). JSON numbers above 2^53 lose digits in many clients, " +
        "so seeds are written as strings; they are read as a string or a number.";

    /// <summary>An enum by its name (any case; numbers are refused), <paramref name="fallback"/> when left out.</summary>
    public static T ParseEnum<T>(Dictionary<string, string> errors, string field, string? text, T fallback) where T : struct, Enum =>
        ParseOptionalEnum<T>(errors, field, text) ?? fallback;

    /// <summary>An enum by its name (any case), or null when left out or invalid (then an error names <paramref name="field"/>).</summary>
    public static T? ParseOptionalEnum<T>(Dictionary<string, string> errors, string field, string? text) where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }
        foreach (var name in Enum.GetNames<T>())
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<T>(name);
            }
        }
        errors[field] = $"Use one of {string.Join(", ", Enum.GetNames<T>())}.";
        return null;
    }

    /// <summary>A seed sent as a JSON string ("18446744073709551615") or number; null when left out or null.</summary>
    public static bool TryParseSeed(JsonElement? element, out ulong? seed)
    {
        seed = null;
        if (element is not { } value || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out var number))
        {
            seed = number;
            return true;
        }
        if (value.ValueKind == JsonValueKind.String
            && ulong.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            seed = parsed;
            return true;
        }
        return false;
    }

    public const string SeedError = "Use a whole number from 0 to 18446744073709551615, as a string (\"42\") or a number.";

    public static string SeedText(ulong seed) => seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>The seed as a JSON number when it survives one (up to 2^53 − 1), else null.</summary>
    public static long? SafeSeed(ulong seed) => seed <= MaxSafeInteger ? (long)seed : null;

    /// <summary>A 422 for a failed service call whose errors are keyed by C# property names, or null when there are none.</summary>
    public static bool TryInvalid(Dictionary<string, string> errors, [NotNullWhen(true)] out IResult? problem)
    {
        problem = errors.Count > 0 ? ApiProblems.Invalid(errors) : null;
        return problem is not null;
    }
}
