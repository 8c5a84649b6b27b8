using System.Text;
using System.Xml.Linq;
using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The macro editor's Layers panel (toolbar button, draw.io's Ctrl+Shift+L) in Debian Chromium inside HostSim's
/// sandbox: a draw.io file's layers (visible="0", locked=1) are listed; add, rename, reorder, show/hide, lock, move the
/// selection, choose where new shapes go and delete (asking when the layer has shapes, never the last) are each an undo
/// step written as draw.io writes them; a shape on a hidden layer stays reachable, and a hidden layer stays hidden in
/// the viewer after a save.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorLayersTests(BrowserSystem system)
{
    private const string Alpha = """<mxCell id="a" value="Alpha" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="1"><mxGeometry x="100" y="100" width="120" height="60" as="geometry"/></mxCell>""";
    private const string HiddenNotes = """<mxCell id="n" value="Notes" parent="0" visible="0"/><mxCell id="b" value="Beta" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="n"><mxGeometry x="360" y="160" width="80" height="40" as="geometry"/></mxCell>""";
    private const string Notes = """<mxCell id="n" value="Notes" parent="0"/><mxCell id="b" value="Beta" style="rounded=0;whiteSpace=wrap;html=1;" vertex="1" parent="n"><mxGeometry x="360" y="160" width="80" height="40" as="geometry"/></mxCell>""";

    [Fact]
    public async Task LayersPanel_ListsDrawiosLayers_AndEachChangeIsAnUndoStepSavedAsDrawioWritesIt()
    {
        await using var session = await system.OpenAsync(nameof(LayersPanel_ListsDrawiosLayers_AndEachChangeIsAnUndoStepSavedAsDrawioWritesIt));
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await LoadAsync(frame, Diagram(Alpha + HiddenNotes));
        (await Drawn(editor, "Beta").CountAsync()).ShouldBe(0, "draw.io's visible=\"0\" layer is not drawn");

        await ClickBlankCanvasAsync(page, editor);
        await page.Keyboard.PressAsync("Control+Shift+L");
        var panel = editor.Locator("[data-testid=layers-panel]");
        await panel.WaitForAsync();
        (await panel.Locator("[role=listitem]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.testid)")).ShouldBe(["layer-1", "layer-0"], "top layer first, as in draw.io");
        (await panel.Locator("[data-testid=layer-name-0]").TextContentAsync()).ShouldBe("Background", "draw.io's name for an unnamed layer");
        (await panel.Locator("[data-testid=layer-visible-1]").GetAttributeAsync("aria-pressed")).ShouldBe("false");
        (await panel.Locator("[data-testid=layer-1]").GetAttributeAsync("aria-current")).ShouldBe("true", "new shapes go to the top layer");
        await session.ScreenshotAsync("panel");

        // Show, and undo it.
        await panel.Locator("[data-testid=layer-visible-1]").ClickAsync();
        await Drawn(editor, "Beta").WaitForAsync();
        Cell(await XmlAsync(frame), "n").Attribute("visible").ShouldBeNull();
        await page.Keyboard.PressAsync("Control+Z");
        await WaitForAsync(frame, "e => e.getXml().includes('visible=\"0\"')");
        await panel.Locator("[data-testid=layer-visible-1]").ClickAsync();
        await WaitForAsync(frame, "e => !e.getXml().includes('visible=\"0\"')");

        // Add: it becomes the current layer, and a palette shape goes onto it.
        await panel.Locator("[data-testid=layer-add]").ClickAsync();
        var added = panel.Locator("[data-testid=layer-2]");
        (await added.GetAttributeAsync("aria-current")).ShouldBe("true");
        (await panel.Locator("[data-testid=layer-name-2]").TextContentAsync()).ShouldBe("Layer 3");
        var addedId = LayerIds(await XmlAsync(frame))[2];
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        Vertices(await XmlAsync(frame)).Single(v => (string?)v.Attribute("id") is not ("a" or "b")).Attribute("parent")!.Value.ShouldBe(addedId);

        // Choose another layer for new shapes.
        await panel.Locator("[data-testid=layer-name-0]").ClickAsync();
        (await panel.Locator("[data-testid=layer-0]").GetAttributeAsync("aria-current")).ShouldBe("true");
        await editor.Locator("[data-testid=palette-ellipse]").ClickAsync();
        Vertices(await XmlAsync(frame)).Where(v => (string?)v.Attribute("parent") == "1").Count().ShouldBe(2, "Alpha and the new ellipse");

        // Rename (double-click), and undo it in one step.
        await panel.Locator("[data-testid=layer-name-2]").DblClickAsync();
        await panel.Locator("[data-testid=layer-rename]").FillAsync("Top");
        await panel.Locator("[data-testid=layer-rename]").PressAsync("Enter");
        await WaitForAsync(frame, $"e => e.getXml().includes('id=\"{addedId}\" value=\"Top\"')");

        // Move the selection (Alpha) to the top layer.
        await ClickLabelAsync(page, editor, "Alpha");
        await panel.Locator("[data-testid=layer-move-here-2]").ClickAsync();
        Cell(await XmlAsync(frame), "a").Attribute("parent")!.Value.ShouldBe(addedId);
        await editor.Locator("[data-testid=status]:has-text('Moved 1 shape to Top')").WaitForAsync();

        // Lock the background layer: draw.io's locked=1 on the layer; its ellipse can no longer be deleted.
        await panel.Locator("[data-testid=layer-lock-0]").ClickAsync();
        StyleOf(Cell(await XmlAsync(frame), "1")).ShouldBe("locked=1;");
        (await panel.Locator("[data-testid=layer-lock-0]").GetAttributeAsync("aria-pressed")).ShouldBe("true");

        // Reorder: Top one down, below Notes; undo puts it back.
        await panel.Locator("[data-testid=layer-down-2]").ClickAsync();
        LayerIds(await XmlAsync(frame)).ShouldBe(["1", addedId, "n"]);
        await page.Keyboard.PressAsync("Control+Z");
        LayerIds(await XmlAsync(frame)).ShouldBe(["1", "n", addedId]);

        // Hide Notes again; "select its shapes" shows it (a shape on a hidden layer stays reachable) and says so.
        await panel.Locator("[data-testid=layer-visible-1]").ClickAsync();
        await WaitForAsync(frame, "e => e.getXml().includes('visible=\"0\"')");
        await panel.Locator("[data-testid=layer-select-1]").ClickAsync();
        await editor.Locator("[data-testid=status]:has-text('Notes was hidden')").WaitForAsync();
        Cell(await XmlAsync(frame), "n").Attribute("visible").ShouldBeNull();
        await Drawn(editor, "Beta").WaitForAsync();
        await page.Keyboard.PressAsync("Delete"); // the selection is Beta
        await WaitForAsync(frame, "e => !e.getXml().includes('Beta')");

        // Delete: an empty layer goes at once; one with shapes asks first; the last layer cannot be deleted.
        await panel.Locator("[data-testid=layer-delete-1]").ClickAsync();
        LayerIds(await XmlAsync(frame)).ShouldBe(["1", addedId]);
        await panel.Locator("[data-testid=layer-delete-1]").ClickAsync(); // Top: Alpha and the rectangle
        await panel.Locator("[data-testid=layer-delete-cancel-1]").ClickAsync();
        LayerIds(await XmlAsync(frame)).ShouldBe(["1", addedId], "Cancel deletes nothing");
        await panel.Locator("[data-testid=layer-delete-1]").ClickAsync();
        await panel.Locator("[data-testid=layer-delete-confirm-1]").ClickAsync();
        LayerIds(await XmlAsync(frame)).ShouldBe(["1"]);
        (await frame.EvaluateAsync<bool>("() => !window.diagramEditor.getXml().includes('Alpha')")).ShouldBeTrue("its shapes went with it");
        (await panel.Locator("[data-testid=layer-delete-0]").IsDisabledAsync()).ShouldBeTrue("the last layer stays");
        (await panel.Locator("[data-testid=layer-0]").GetAttributeAsync("aria-current")).ShouldBe("true", "new shapes go to a layer still on the page");
        await page.Keyboard.PressAsync("Control+Z");
        LayerIds(await XmlAsync(frame)).ShouldBe(["1", addedId], "undo brings the layer back, shapes and all");

        // Reload what a save writes: the layers, their names and lock come back.
        await LoadAsync(frame, await XmlAsync(frame));
        (await panel.Locator("[role=listitem] .de-layer-name").AllTextContentsAsync()).ShouldBe(["Top", "Background"]);
        (await panel.Locator("[data-testid=layer-lock-0]").GetAttributeAsync("aria-pressed")).ShouldBe("true");
        await page.Keyboard.PressAsync("Control+Shift+L");
        (await panel.CountAsync()).ShouldBe(0, "Ctrl+Shift+L closes the panel again");
        session.ShouldHaveNoConsoleErrors();
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task HiddenLayer_StaysHidden_AfterASave_InTheViewer_AndInTheSavedFile(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(HiddenLayer_StaysHidden_AfterASave_InTheViewer_AndInTheSavedFile), mode);
        var (editor, frame) = await session.InsertDiagramAsync();
        var page = session.Page;
        await editor.Locator("[data-testid=diagram-name]").FillAsync("Layered");
        await LoadAsync(frame, Diagram(Alpha + Notes));
        await editor.Locator("[data-testid=layers]").ClickAsync();
        await editor.Locator("[data-testid=layer-visible-1]").ClickAsync();
        await WaitForAsync(frame, "e => e.isDirty() && e.getXml().includes('visible=\"0\"')");
        await editor.Locator("[data-testid=save]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });
        await page.ClickAsync("[data-testid=page-publish]");

        var viewer = page.FrameLocator("[data-testid=macro-frame-0]");
        await viewer.Locator("[data-testid=viewer]").WaitForAsync(new() { Timeout = 30_000 });
        await viewer.GetByText("Alpha", new() { Exact = true }).WaitForAsync();
        (await viewer.GetByText("Beta", new() { Exact = true }).CountAsync()).ShouldBe(0, "the hidden layer's shape is not drawn");
        await session.ScreenshotAsync("viewed");

        var site = new Infrastructure.Site(session.Sandbox.Confluence.SiteId, session.Sandbox.Confluence.ClientKey, session.Sandbox.Confluence.BaseUrl, 204, string.Empty);
        var stored = (await system.System.Sim.AttachmentsAsync(site)).Single(a => a.GetProperty("name").GetString() == "Layered");
        var file = Encoding.UTF8.GetString(await system.System.Sim.AttachmentContentAsync(site, stored.GetProperty("id").GetString()!, 1));
        var notes = XDocument.Parse(file).Descendants("mxCell").Single(c => (string?)c.Attribute("id") == "n");
        ((string?)notes.Attribute("visible")).ShouldBe("0", "saved as draw.io saves a hidden layer");
        file.ShouldContain("Beta", customMessage: "the hidden shape is kept");
        session.ShouldHaveNoConsoleErrors();
    }

    private static ILocator Drawn(IFrameLocator editor, string label) => editor.Locator("[data-testid=canvas]").GetByText(label, new() { Exact = true });

    private static async Task ClickLabelAsync(IPage page, IFrameLocator editor, string label)
    {
        var box = (await Drawn(editor, label).BoundingBoxAsync())!;
        await page.Mouse.ClickAsync(box.X + (box.Width / 2) - 25, box.Y + (box.Height / 2) - 12); // off the connect icon
    }

    /// <summary>The root's children (the layers) in model order, bottom first.</summary>
    private static List<string> LayerIds(string xml) => XDocument.Parse(xml).Descendants("mxCell").Where(c => (string?)c.Attribute("parent") == "0").Select(c => (string)c.Attribute("id")!).ToList();
}
