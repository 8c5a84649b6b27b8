using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Diagrams.App.Tests.Browser;

/// <summary>What the editor's browser tests do again and again: read and load its file, wait on it, drag, build a small diagram.</summary>
internal static class EditorSteps
{
    /// <summary>Vertex shapes in maxGraph's draw pane (the second pane; selection handles live in the overlay pane).</summary>
    public const string Shapes = "[data-testid=canvas] svg > g > g:nth-child(2) > g > :is(rect, ellipse)";

    /// <summary>maxGraph's draw pane: every drawn shape, connector and label.</summary>
    public const string DrawPane = "[data-testid=canvas] svg > g > g:nth-child(2)";

    /// <summary>What a test's script in the page answers as JSON (camelCase), read into <typeparamref name="T"/>.</summary>
    public static async Task<T> JsonAsync<T>(IFrame frame, string script) => JsonSerializer.Deserialize<T>(await frame.EvaluateAsync<string>(script), Web)!;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static Task<string> XmlAsync(IFrame frame) => frame.EvaluateAsync<string>("() => window.diagramEditor.getXml()");

    public static async Task LoadAsync(IFrame frame, string xml) => await frame.EvaluateAsync("xml => window.diagramEditor.load(xml)", xml);

    /// <summary>Waits (no fixed sleep) until <paramref name="predicate"/> holds for window.diagramEditor.</summary>
    public static async Task WaitForAsync(IFrame frame, string predicate, float timeout = 10_000) =>
        await frame.WaitForFunctionAsync($"() => ({predicate})(window.diagramEditor)", null, new() { Timeout = timeout });

    public static async Task DragAsync(IPage page, float fromX, float fromY, float toX, float toY)
    {
        await page.Mouse.MoveAsync(fromX, fromY, new() { Steps = 2 });
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(toX, toY, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    /// <summary>A click on the blank bottom-right corner of the canvas (ends label editing, clears the selection).</summary>
    public static async Task ClickBlankCanvasAsync(IPage page, IFrameLocator editor)
    {
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(canvas.X + canvas.Width - 40, canvas.Y + canvas.Height - 40);
    }

    /// <summary>A one-page draw.io file holding <paramref name="cells"/>.</summary>
    public static string Diagram(string cells) =>
        $"""<mxfile><diagram id="p1" name="Page-1"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>{cells}</root></mxGraphModel></diagram></mxfile>""";

    public static List<XElement> Vertices(string xml) => XDocument.Parse(xml).Descendants("mxCell").Where(c => c.Attribute("vertex")?.Value == "1").ToList();

    public static XElement Cell(string xml, string id) => XDocument.Parse(xml).Descendants("mxCell").Single(c => (string?)c.Attribute("id") == id);

    public static string StyleOf(XElement cell) => (string?)cell.Attribute("style") ?? string.Empty;
}
