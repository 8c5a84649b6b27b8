using System.Text;
using System.Text.RegularExpressions;
using Diagrams.App.Tests.Converter;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// The editor's frame around the canvas, in Debian Chromium inside HostSim's sandbox: a saved diagram's name is shown as
/// text (it cannot change), PDF export is one job at a time with a busy button, and a Visio import adds no empty page
/// and no second tab of the same name.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed partial class EditorShellTests(BrowserSystem system)
{
    [Fact]
    public async Task NameField_WhenEditingASavedDiagram_IsPlainTextNotAnInput()
    {
        await using var session = await system.OpenAsync(nameof(NameField_WhenEditingASavedDiagram_IsPlainTextNotAnInput));
        var page = session.Page;
        var (editor, _) = await session.InsertDiagramAsync();
        (await editor.Locator("[data-testid=diagram-name]").EvaluateAsync<string>("e => e.tagName")).ShouldBe("INPUT", "a new diagram's name is typed in");
        await editor.Locator("[data-testid=diagram-name]").FillAsync("Fixed name");
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        await editor.Locator("[data-testid=save]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 30_000 });

        await page.ClickAsync("[data-testid=macro-edit-0]");
        await (await session.FrameAsync("editor-frame")).WaitForFunctionAsync("() => window.diagramEditor && window.diagramEditor.cellCount() === 1", null, new() { Timeout = 30_000 });
        var name = editor.Locator("[data-testid=diagram-name]");
        await session.ScreenshotAsync("editing-saved");
        (await name.EvaluateAsync<string>("e => e.tagName")).ShouldNotBe("INPUT", "a field that cannot be edited is not shown as one");
        (await name.TextContentAsync()).ShouldBe("Fixed name");
        (await name.GetAttributeAsync("title")).ShouldNotBeNull().ShouldContain("cannot be renamed");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task DraftNotKept_InForgesStoragelessFrame_IsSaidBesideTheName_AndLeavesTheStatusLineToTheUsersActions()
    {
        // Forge's Custom UI frame has no sessionStorage here, so no draft can be kept: the editor says so once, in the
        // header where it stays. In the status line it replaced the result of what the user had just done (an export's
        // "PDF exported"), which made the Forge PDF test fail now and then.
        await using var session = await system.OpenAsync(nameof(DraftNotKept_InForgesStoragelessFrame_IsSaidBesideTheName_AndLeavesTheStatusLineToTheUsersActions), HostMode.Forge);
        var (editor, _) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var warning = editor.Locator("[data-testid=draft-warning]");
        await warning.WaitForAsync(new() { Timeout = 10_000 });
        (await warning.TextContentAsync()).ShouldNotBeNull().ShouldContain("would not keep a draft");
        await editor.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await Task.Delay(1_000); // the draft is written 300 ms after an edit: give a second write its chance to speak
        (await editor.Locator("[data-testid=status]").TextContentAsync()).ShouldNotBeNull().ShouldNotContain("draft");
        (await editor.Locator("[data-testid=draft-warning]").CountAsync()).ShouldBe(1);
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task ExportPdf_WhileTheJobRuns_TheButtonIsBusyAndDisabled_ThenEnabledAgain()
    {
        await using var session = await system.OpenAsync(nameof(ExportPdf_WhileTheJobRuns_TheButtonIsBusyAndDisabled_ThenEnabledAgain));
        var page = session.Page;
        var release = new TaskCompletionSource();
        await page.Context.RouteAsync("**/api/jobs/pdf*", async route =>
        {
            await release.Task; // holds the job until the test has looked at the button
            await route.ContinueAsync();
        });
        var (editor, _) = await session.InsertDiagramAsync();
        var button = editor.Locator("[data-testid=export-pdf]");
        await button.WaitForAsync(new() { Timeout = 30_000 });
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var before = system.Eu.Received.Count(r => r == "POST /v1/export/pdf");

        await button.ClickAsync();
        await editor.Locator("[data-testid=export-pdf][disabled][aria-busy=true]").WaitForAsync(new() { Timeout = 5_000 });
        await session.ScreenshotAsync("busy");
        var download = await page.RunAndWaitForDownloadAsync(() =>
        {
            release.SetResult();
            return Task.CompletedTask;
        }, new() { Timeout = 60_000 });

        Encoding.ASCII.GetString((await File.ReadAllBytesAsync(await download.PathAsync()))[..5]).ShouldBe("%PDF-");
        await editor.Locator("[data-testid=status]:has-text('PDF exported')").WaitForAsync();
        (await button.IsEnabledAsync()).ShouldBeTrue();
        (await button.GetAttributeAsync("aria-busy")).ShouldNotBe("true");
        system.Eu.Received.Count(r => r == "POST /v1/export/pdf").ShouldBe(before + 1);
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task ImportVisio_OfAnEmptyPage_AddsNoTab_AndAPageNamedLikeAnExistingOneGetsItsOwnName()
    {
        await using var session = await system.OpenAsync(nameof(ImportVisio_OfAnEmptyPage_AddsNoTab_AndAPageNamedLikeAnExistingOneGetsItsOwnName));
        var page = session.Page;
        var (editor, _) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=import-visio]").WaitForAsync(new() { Timeout = 30_000 });
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync(); // "Page-1" has a shape: an import adds pages
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}")).FullName;
        try
        {
            var empty = Path.Combine(folder, "Empty.vsdx");
            await File.WriteAllBytesAsync(empty, VisioTestFiles.Rewrite((name, data) =>
                name == "visio/pages/page1.xml" ? Encoding.UTF8.GetBytes(ShapesAndConnects().Replace(Encoding.UTF8.GetString(data), string.Empty)) : data));
            await ImportAsync(page, editor, empty);
            await editor.Locator("[data-testid=status]:has-text('Empty.vsdx'):not(:has-text('Importing'))").WaitForAsync(new() { Timeout = 60_000 });
            (await session.EditorAsync<int>("e => e.pageCount")).ShouldBe(1, "an empty Visio page adds no tab");
            (await editor.Locator("[data-testid=status]").TextContentAsync()).ShouldNotBeNull().ShouldContain("no shapes");

            await ImportAsync(page, editor, Fixtures.Path(VisioTestFiles.Fixture));
            await (await session.FrameAsync("editor-frame")).WaitForFunctionAsync("() => window.diagramEditor.pageCount === 2", null, new() { Timeout = 60_000 });
            var names = await editor.Locator("[data-testid^=page-tab-] .de-tab-name").AllTextContentsAsync();
            names.Count.ShouldBe(2);
            names.Distinct(StringComparer.Ordinal).Count().ShouldBe(2, $"each tab has its own name: {string.Join(", ", names)}");
            names[0].ShouldBe("Page-1");
            names[1].ShouldStartWith("Page-1");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await session.ScreenshotAsync("imported");
        session.ShouldHaveNoConsoleErrors();
    }

    private static async Task ImportAsync(IPage page, IFrameLocator editor, string file)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => editor.Locator("[data-testid=import-visio]").ClickAsync());
        await chooser.SetFilesAsync(file);
    }

    [GeneratedRegex("<Shapes>.*</Shapes>|<Connects>.*</Connects>", RegexOptions.Singleline)]
    private static partial Regex ShapesAndConnects();
}
