using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;

namespace Diagrams.App.Pages;

/// <summary>
/// The browser bundles (web/dist/app, built by web/Web.csproj) embedded in this assembly under <c>web/</c> and
/// served at <c>/static/app/{file}</c>, draw.io's stencil libraries at <c>/static/app/stencils/{file}</c> and its bundled
/// icon images at <c>/static/app/icons/{file}</c>. Immutable per build: the pages ask for <c>?v={Version}</c>, so they may be
/// cached. Anything not in the bundle is a 404; names are matched exactly, never mapped to the file system.
/// </summary>
public static class WebAssets
{
    private static readonly FrozenDictionary<string, byte[]> Files = Load();

    /// <summary>A hash of all bundles: changes whenever any of them does.</summary>
    public static readonly string Version = Convert.ToHexStringLower(SHA256.HashData(Files.OrderBy(f => f.Key, StringComparer.Ordinal).SelectMany(f => f.Value).ToArray()))[..12];

    public static bool Exists(string file) => Files.ContainsKey(file);

    public static IResult Serve(string file, HttpContext http)
    {
        if (!Files.TryGetValue(file, out var bytes))
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(file) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".txt" => "text/plain; charset=utf-8",
            ".json" => "application/json",
            _ => "application/octet-stream",
        };
        http.Items[Hosting.SecurityHeaders.CacheableItem] = true; // bundles hold no tenant data
        return Results.Bytes(bytes, type);
    }

    private static FrozenDictionary<string, byte[]> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name["web/".Length..]] = copy.ToArray();
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
