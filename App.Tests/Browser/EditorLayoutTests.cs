using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The editor's layout and accessibility: at 600 px the palette and format panel collapse behind toolbar toggles (the
/// canvas keeps the width), at desktop widths they stay; every button has an accessible name a screen reader can say;
/// and the keyboard focus is in the editor when it opens, in the Connect dialog and in the Forge modal.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class EditorLayoutTests(BrowserSystem system)
{
    [Fact]
    public async Task At600Px_ThePanelsCollapseBehindToggles_AndTheCanvasKeepsMostOfTheWidth()
    {
        await using var session = await system.OpenAsync(nameof(At600Px_ThePanelsCollapseBehindToggles_AndTheCanvasKeepsMostOfTheWidth));
        await session.Page.SetViewportSizeAsync(600, 800);
        var (editor, frame) = await session.InsertDiagramAsync();
        var width = await frame.EvaluateAsync<double>("() => window.innerWidth");
        width.ShouldBeLessThanOrEqualTo(620, "the editor's frame is as narrow as the window");

        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        ((double)canvas.Width).ShouldBeGreaterThan(width * 0.9, "the canvas keeps the width");
        (await editor.Locator("[data-testid=palette]").IsVisibleAsync()).ShouldBeFalse();
        (await editor.Locator("[data-testid=style-panel]").IsVisibleAsync()).ShouldBeFalse();
        await session.ScreenshotAsync("collapsed");

        // Shapes shows the palette over the canvas; a shape from it is inserted; the canvas press hides it again.
        await editor.Locator("[data-testid=toggle-palette]").ClickAsync();
        (await editor.Locator("[data-testid=toggle-palette]").GetAttributeAsync("aria-expanded")).ShouldBe("true");
        var palette = (await editor.Locator("[data-testid=palette]").BoundingBoxAsync())!;
        palette.X.ShouldBeLessThan(canvas.X + 10, "an overlay over the canvas, not a column beside it");
        await session.ScreenshotAsync("palette");
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await EditorSteps.WaitForAsync(frame, "e => e.cellCount() === 1");
        await EditorSteps.ClickBlankCanvasAsync(session.Page, editor);
        (await editor.Locator("[data-testid=palette]").IsVisibleAsync()).ShouldBeFalse();

        // Format shows the style panel; Escape hides it.
        await editor.Locator("[data-testid=toggle-style]").ClickAsync();
        (await editor.Locator("[data-testid=style-panel]").IsVisibleAsync()).ShouldBeTrue();
        await session.Page.Keyboard.PressAsync("Escape");
        (await editor.Locator("[data-testid=style-panel]").IsVisibleAsync()).ShouldBeFalse();
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task AtDesktopWidth_BothPanelsStayBesideTheCanvas_AndThereAreNoToggles()
    {
        await using var session = await system.OpenAsync(nameof(AtDesktopWidth_BothPanelsStayBesideTheCanvas_AndThereAreNoToggles));
        var (editor, _) = await session.InsertDiagramAsync();

        (await editor.Locator("[data-testid=palette]").IsVisibleAsync()).ShouldBeTrue();
        (await editor.Locator("[data-testid=style-panel]").IsVisibleAsync()).ShouldBeTrue();
        (await editor.Locator("[data-testid=toggle-palette]").IsVisibleAsync()).ShouldBeFalse();
        var palette = (await editor.Locator("[data-testid=palette]").BoundingBoxAsync())!;
        var canvas = (await editor.Locator("[data-testid=canvas]").BoundingBoxAsync())!;
        canvas.X.ShouldBeGreaterThanOrEqualTo(palette.X + palette.Width - 1, "the palette is a column left of the canvas");
    }

    [Fact]
    public async Task EveryButton_HasAnAccessibleName_UndoAndRedoByName()
    {
        await using var session = await system.OpenAsync(nameof(EveryButton_HasAnAccessibleName_UndoAndRedoByName));
        var (editor, _) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=page-add]").ClickAsync();

        foreach (var name in new[] { "Undo", "Redo", "Zoom in", "Zoom out", "Add page", "Delete page Page-2", "Arrange" })
        {
            (await editor.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).CountAsync()).ShouldBe(1, name);
        }

        // Chromium's accessibility tree: every button's name says what it does in words, not a symbol (↶, +, ×).
        var snapshot = await editor.Locator("body").AriaSnapshotAsync();
        var buttons = ButtonLine().Matches(snapshot).Select(m => m.Groups["name"].Value).ToList();
        buttons.Count.ShouldBeGreaterThan(20);
        buttons.Where(n => !Regex.IsMatch(n, "[A-Za-z]{2}")).ShouldBeEmpty();
        (await editor.GetByRole(AriaRole.Tab, new() { Name = "Page-2" }).GetAttributeAsync("aria-selected")).ShouldBe("true");
    }

    [Theory]
    [InlineData(HostMode.Connect)]
    [InlineData(HostMode.Forge)]
    public async Task OpeningTheEditor_PutsTheKeyboardFocusInIt(HostMode mode)
    {
        await using var session = await system.OpenAsync(nameof(OpeningTheEditor_PutsTheKeyboardFocusInIt), mode);
        var (_, frame) = await session.InsertDiagramAsync();
        (await FocusedAsync(frame)).ShouldBe("canvas", "the macro editor");

        // Jira: Connect's dialog module, or the Forge Modal the issue panel opens.
        await session.Page.GotoAsync(session.JiraIssueUrl);
        await session.Page.FrameLocator("[data-testid=issue-panel-frame]").Locator("[data-testid=jira-add]").ClickAsync(new() { Timeout = 30_000 });
        var dialog = session.Page.FrameLocator($"[data-testid={session.JiraEditorTestId}]");
        await dialog.Locator("#app[data-ready]").WaitForAsync(new() { Timeout = 30_000 });
        (await FocusedAsync(await session.FrameAsync(session.JiraEditorTestId))).ShouldBe("canvas", "the Jira editor");
        session.ShouldHaveNoConsoleErrors();
    }

    private static Task<string?> FocusedAsync(IFrame frame) =>
        frame.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? null");

    [GeneratedRegex("""button "(?<name>[^"]*)"|button(?=\s*$|\s*\[)""", RegexOptions.Multiline)]
    private static partial Regex ButtonLine();
}
