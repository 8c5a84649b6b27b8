using System.Text.RegularExpressions;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Forge;

/// <summary>
/// The Custom UI resources web/build.mjs writes into forge/static (the folders forge/manifest.yml names) keep to what
/// Forge's CSP allows: an index.html with no inline script, style or event handler, loading only its own files by
/// relative URL, and bundles without eval or new Function.
/// </summary>
public sealed partial class CustomUiResourceTests
{
    public static TheoryData<string> Resources() => ["viewer", "editor", "panel", "admin"];

    [Theory]
    [MemberData(nameof(Resources))]
    public void BuiltResource_KeepsToForgesCsp(string resource)
    {
        var folder = Path.Combine(NodeTool.RepositoryRoot, "forge", "static", resource);
        File.Exists(Path.Combine(folder, "index.html")).ShouldBeTrue($"{folder}/index.html is missing: build the solution (web/build.mjs writes it)");

        Problems(folder).ShouldBeEmpty();
        Directory.GetFiles(folder, "*.js").ShouldNotBeEmpty();
    }

    [Fact]
    public void Manifest_NamesEachBuiltResource()
    {
        var manifest = File.ReadAllText(Path.Combine(ForgeProject.Folder, "manifest.yml"));

        foreach (var resource in Resources())
        {
            manifest.ShouldContain($"path: static/{resource}");
        }
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "inline <script>")]
    [InlineData("<script src=\"./index.js\">alert(1)</script>", "inline <script>")]
    [InlineData("<style>body{}</style>", "<style> element")]
    [InlineData("<p style=\"color:red\">x</p>", "style attribute")]
    [InlineData("<button onclick=\"go()\">x</button>", "event handler attribute")]
    [InlineData("<a href=\"javascript:go()\">x</a>", "not a relative URL")]
    [InlineData("<script src=\"https://cdn.example/x.js\"></script>", "not a relative URL")]
    [InlineData("<script src=\"//cdn.example/x.js\"></script>", "not a relative URL")]
    [InlineData("<link rel=\"stylesheet\" href=\"/index.css\">", "not a relative URL")]
    [InlineData("<script src=\"./missing.js\"></script>", "does not exist")]
    [InlineData("<script src=\"../viewer/index.js\"></script>", "outside the resource")]
    public void Check_RejectsWhatTheCspForbids(string html, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("custom-ui-check-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "index.js"), "console.log(1);");
            File.WriteAllText(Path.Combine(folder.FullName, "index.html"), $"<!doctype html><html><head><script src=\"./index.js\" defer></script></head><body>{html}</body></html>");

            Problems(folder.FullName).ShouldContain(p => p.Contains(problem, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("var f=e=>eval(e);")]
    [InlineData("var f=new Function('return 1');")]
    public void Check_RejectsABundleThatEvaluatesCode(string code)
    {
        var folder = Directory.CreateTempSubdirectory("custom-ui-check-");
        try
        {
            File.WriteAllText(Path.Combine(folder.FullName, "index.js"), code);
            File.WriteAllText(Path.Combine(folder.FullName, "index.html"), "<!doctype html><script src=\"./index.js\" defer></script>");

            Problems(folder.FullName).ShouldContain(p => p.Contains("evaluates code", StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Everything in the resource folder that Forge's CSP would refuse, or that loads from outside the resource.</summary>
    private static List<string> Problems(string folder)
    {
        var problems = new List<string>();
        var html = File.ReadAllText(Path.Combine(folder, "index.html"));
        foreach (Match script in Script().Matches(html))
        {
            if (!SrcAttribute().IsMatch(script.Groups["attrs"].Value) || script.Groups["body"].Value.Trim().Length > 0)
            {
                problems.Add($"inline <script>: {script.Value}");
            }
        }

        problems.AddRange(StyleElement().Matches(html).Select(m => $"<style> element: {m.Value}"));
        problems.AddRange(StyleAttribute().Matches(html).Select(m => $"style attribute: {m.Value}"));
        problems.AddRange(EventHandler().Matches(html).Select(m => $"event handler attribute: {m.Value}"));
        foreach (Match reference in Reference().Matches(html))
        {
            var url = reference.Groups["url"].Value;
            if (url.Length == 0 || url.StartsWith('/') || url.StartsWith('\\') || Scheme().IsMatch(url))
            {
                problems.Add($"not a relative URL: {url}");
                continue;
            }

            var target = Path.GetFullPath(Path.Combine(folder, url.Split('?', '#')[0]));
            if (!target.StartsWith(Path.GetFullPath(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                problems.Add($"outside the resource: {url}");
            }
            else if (!File.Exists(target))
            {
                problems.Add($"does not exist: {url}");
            }
        }

        foreach (var bundle in Directory.GetFiles(folder, "*.js"))
        {
            var code = File.ReadAllText(bundle);
            if (code.Contains("eval(", StringComparison.Ordinal) || code.Contains("new Function(", StringComparison.Ordinal))
            {
                problems.Add($"{Path.GetFileName(bundle)} evaluates code (eval or new Function)");
            }
        }

        return problems;
    }

    [GeneratedRegex(@"<script\b(?<attrs>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex(@"\bsrc\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SrcAttribute();

    [GeneratedRegex(@"<style\b", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@"<[^>]*\sstyle\s*=[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();

    [GeneratedRegex(@"\s(?:src|href)\s*=\s*[""'](?<url>[^""']*)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex Reference();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex Scheme();
}
