using System.Globalization;
using System.Text.Json;

namespace Diagrams.Converter.Gliffy;

/// <summary>
/// Accessors over untrusted Gliffy JSON that never throw anything but <see cref="GliffyImportException"/>:
/// a member of the wrong kind is treated as absent, except geometry numbers (strict: <c>numbers</c>) and the
/// arrays the importer walks (strict: <c>format</c>).
/// </summary>
internal static class GliffyJson
{
    public static JsonElement? Prop(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static JsonElement? Obj(JsonElement e, string name) =>
        Prop(e, name) is { ValueKind: JsonValueKind.Object } v ? v : null;

    public static string? Str(JsonElement e, string name) =>
        Prop(e, name) is { ValueKind: JsonValueKind.String } v ? Text(v, name) : null;

    public static bool Bool(JsonElement e, string name, bool fallback = false) =>
        Prop(e, name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            _ => fallback,
        };

    /// <summary>An array member, or empty when absent; anything else is a <c>format</c> error.</summary>
    public static JsonElement.ArrayEnumerator Items(JsonElement e, string name, string what)
    {
        var v = Prop(e, name);
        if (v is null)
        {
            return default;
        }

        return v.Value.ValueKind == JsonValueKind.Array
            ? v.Value.EnumerateArray()
            : throw new GliffyImportException("format", $"'{name}' of {what} is not an array");
    }

    /// <summary>A required-when-present number: absent or null gives <paramref name="fallback"/>, anything but a finite number is a <c>numbers</c> error.</summary>
    public static double Num(JsonElement e, string name, double fallback, string what)
    {
        var v = Prop(e, name);
        if (v is null)
        {
            return fallback;
        }

        return ToNumber(v.Value) ?? throw new GliffyImportException("numbers", $"'{name}' of {what} is not a finite number");
    }

    /// <summary>A lenient number (styling): anything but a finite number gives <paramref name="fallback"/>.</summary>
    public static double Soft(JsonElement e, string name, double fallback) =>
        Prop(e, name) is { } v && ToNumber(v) is { } d ? d : fallback;

    public static double? ToNumber(JsonElement v) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;

    /// <summary>An id as a lookup key: strings as they are, integral numbers in invariant form.</summary>
    public static string? Key(JsonElement? v) => v switch
    {
        { ValueKind: JsonValueKind.String } s => Text(s, "id"),
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out var l) => l.ToString(CultureInfo.InvariantCulture),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static string Text(JsonElement value, string name)
    {
        try
        {
            return value.GetString() ?? "";
        }
        catch (InvalidOperationException ex)
        {
            throw new GliffyImportException("format", $"the text of a '{name}' is broken (an unpaired UTF-16 surrogate escape)", ex);
        }
    }

    /// <summary>An id safe to put in an error message: at most 32 of [A-Za-z0-9_-].</summary>
    public static string Describe(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "(no id)";
        }

        var kept = new string([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-').Take(32)]);
        return kept.Length == 0 ? "(unprintable id)" : kept;
    }
}
