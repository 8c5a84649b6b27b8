using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The canvas as a daily draw.io user works it, in Debian Chromium inside HostSim's sandbox: Ctrl+X cuts.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorCanvasTests(BrowserSystem system)
{
    [Fact]
    public async Task CtrlX_RemovesTheSelectedShape_AndCtrlVPastesItBackInPlace()
    {
        await using var session = await system.OpenAsync(nameof(CtrlX_RemovesTheSelectedShape_AndCtrlVPastesItBackInPlace));
        var (editor, frame) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync(); // the new shape is selected
        var before = Vertices(await XmlAsync(frame)).Single().Element("mxGeometry")!.ToString();

        await session.Page.Keyboard.PressAsync("Control+X");
        await WaitForAsync(frame, "e => e.cellCount() === 0");
        await session.Page.Keyboard.PressAsync("Control+V");
        await WaitForAsync(frame, "e => e.cellCount() === 1");
        Vertices(await XmlAsync(frame)).Single().Element("mxGeometry")!.ToString().ShouldBe(before, "a cut shape is pasted back where it was");
        session.ShouldHaveNoConsoleErrors();
    }
}
