using System.Text.RegularExpressions;

namespace Diagrams.Converter.PlantUml;

/// <summary>
/// The directives and functions the guard refuses, looked for anywhere in a line, not just at its start: PlantUML
/// strips a header repeated before <c>@startuml</c> (e.g. <c>' </c>) and <c>/'…'/</c> comments before it runs a
/// line, and removes <c>/'''x'''/</c> even mid-word, so each line is checked as written and with comments removed.
/// </summary>
internal static partial class PlantUmlRefusals
{
    /// <summary>Preprocessor functions that read files, the environment, or call functions by computed name.</summary>
    private static readonly string[] RefusedFunctions =
    [
        "%getenv", "%load_json", "%file_exists", "%dirpath", "%filename", "%call_user_func", "%invoke_procedure",
        "%invoke_void_func", "%retrieve_void_func", "%retrieve_procedure",
    ];

    public static void Check(PlantUmlLine line)
    {
        foreach (var view in Views(line.Text))
        {
            CheckView(view, line.Number);
        }
    }

    private static void CheckView(string line, int number)
    {
        if (line.TrimStart().StartsWith("@@@", StringComparison.Ordinal))
        {
            throw PlantUmlGuard.Refuse("PlantUML directive not allowed", $"Line {number} uses '@@@format', which changes the renderer; this converter refuses it.");
        }

        if (Directive().Match(line) is { Success: true } directive)
        {
            var name = "!" + directive.Groups[1].Value.ToLowerInvariant();
            name = name.Length > 40 ? name[..40] : name;
            throw PlantUmlGuard.Refuse("PlantUML directive not allowed", $"Line {number} uses '{name}', which can read files or URLs or change the renderer; this converter refuses it (also inside comments or labels).");
        }

        foreach (var function in RefusedFunctions)
        {
            if (line.Contains(function, StringComparison.OrdinalIgnoreCase))
            {
                throw PlantUmlGuard.Refuse("PlantUML function not allowed", $"Line {number} calls '{function}', which can read files or the environment; this converter refuses it.");
            }
        }

        var img = line.IndexOf("<img", StringComparison.OrdinalIgnoreCase);
        while (img >= 0)
        {
            if (!line.AsSpan(img + 4).TrimStart().StartsWith(":data:", StringComparison.OrdinalIgnoreCase))
            {
                throw PlantUmlGuard.Refuse("PlantUML image reference not allowed", $"Line {number} uses '<img' with a file path or URL; only inline data: images are accepted.");
            }

            img = line.IndexOf("<img", img + 4, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// The line, then what PlantUML's <c>StringLocated.removeInnerComment</c> can make of it (a leading or trailing
    /// <c>/'…'/</c> removed, then every <c>/'''x'''/</c>), then every <c>/'…'/</c> removed, which covers the rest.
    /// </summary>
    private static IEnumerable<string> Views(string line)
    {
        yield return line;
        yield return Special().Replace(line, string.Empty);
        var trimmed = line.Replace('\t', ' ').Trim();
        if (trimmed.StartsWith("/'", StringComparison.Ordinal) && line.IndexOf("'/", StringComparison.Ordinal) is >= 0 and var end)
        {
            yield return Special().Replace(line[(end + 2)..], string.Empty);
        }

        if (trimmed.EndsWith("'/", StringComparison.Ordinal) && line.LastIndexOf("/'", StringComparison.Ordinal) is >= 0 and var start)
        {
            yield return Special().Replace(line[..start], string.Empty);
        }

        yield return AnyComment().Replace(line, string.Empty);
    }

    /// <summary>
    /// PlantUML runs <c>^\s*!(include|includeurl|include_many|include_once|includedef|includesub|import)\b</c> and
    /// <c>!pragma</c>; here in any case, anywhere, with any <c>include…</c> suffix and spaces after the <c>!</c>.
    /// The boundary is Java's ASCII <c>\b</c> (case-sensitive, so no Kelvin sign stands in for a k): <c>!importé</c> counts.
    /// </summary>
    [GeneratedRegex(@"!\s*(include[a-z0-9_]*|import|pragma|theme)(?-i:(?![A-Za-z0-9_]))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Directive();

    /// <summary>PlantUML's <c>removeSpecialInnerComment</c>: <c>/'''[-\w]*'''/</c>, Java's ASCII <c>\w</c>.</summary>
    [GeneratedRegex(@"/'''[-a-zA-Z0-9_]*'''/", RegexOptions.CultureInvariant)]
    private static partial Regex Special();

    [GeneratedRegex(@"/'.*?'/", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AnyComment();
}
