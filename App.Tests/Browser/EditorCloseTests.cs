using Microsoft.Playwright;
using Shouldly;
using Xunit;
using static Diagrams.App.Tests.Browser.EditorSteps;

namespace Diagrams.App.Tests.Browser;

/// <summary>
/// Closing with unsaved work, in Debian Chromium inside HostSim's sandbox: the editor's Close asks Save / Discard / Cancel,
/// and work in a dialog the host closed (its own Close, a crash) comes back from the draft this browser keeps for the
/// session: offered on reopening, forgotten after a save or a Discard. Nothing of it reaches our servers or the site.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class EditorCloseTests(BrowserSystem system)
{
    private static readonly LocatorWaitForOptions Gone = new() { State = WaitForSelectorState.Detached, Timeout = 30_000 };

    [Fact]
    public async Task Close_InTheMacroEditorWithUnsavedWork_AsksFirst_AndAHostClosedDialogLeavesADraftToRestore()
    {
        await using var session = await system.OpenAsync(nameof(Close_InTheMacroEditorWithUnsavedWork_AsksFirst_AndAHostClosedDialogLeavesADraftToRestore));
        var page = session.Page;
        var (editor, frame) = await session.InsertDiagramAsync();
        await editor.Locator("[data-testid=diagram-name]").FillAsync("Draft flow");
        await editor.Locator("[data-testid=palette-rectangle]").ClickAsync();
        var drawn = await XmlAsync(frame);

        await editor.Locator("[data-testid=close]").ClickAsync();
        await editor.Locator("[data-testid=close-prompt]").WaitForAsync(new() { Timeout = 5_000 });
        await session.ScreenshotAsync("asked");
        await editor.Locator("[data-testid=close-cancel]").ClickAsync();
        (await editor.Locator("[data-testid=close-prompt]").CountAsync()).ShouldBe(0);
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(1, "Cancel keeps the editor and the work");

        // The host's own Close cannot ask; the draft kept in this browser brings the work back.
        await page.ClickAsync("[data-testid=dialog-close]");
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(Gone);
        (editor, frame) = await OpenNewDiagramAsync(session);
        await editor.Locator("[data-testid=draft-offer]").WaitForAsync();
        await session.ScreenshotAsync("draft-offered");
        await editor.Locator("[data-testid=draft-restore]").ClickAsync();
        (await XmlAsync(frame)).ShouldBe(drawn);
        (await editor.Locator("[data-testid=diagram-name]").InputValueAsync()).ShouldBe("Draft flow");

        await editor.Locator("[data-testid=close]").ClickAsync();
        await editor.Locator("[data-testid=close-discard]").ClickAsync();
        await page.Locator("[data-testid=editor-frame]").WaitForAsync(Gone);
        (editor, _) = await OpenNewDiagramAsync(session);
        (await editor.Locator("[data-testid=draft-offer]").CountAsync()).ShouldBe(0, "Discard forgot the draft");
        (await session.EditorAsync<int>("e => e.cellCount()")).ShouldBe(0);
        (await system.System.Sim.AttachmentsAsync(ConfluenceSite(session))).ShouldBeEmpty("nothing was saved to the page");
        session.ShouldHaveNoConsoleErrors();
    }

    [Fact]
    public async Task Close_InTheJiraEditor_SaveFromThePromptSaves_AndAnEditTheHostClosedOffersItsDraft()
    {
        await using var session = await system.OpenAsync(nameof(Close_InTheJiraEditor_SaveFromThePromptSaves_AndAnEditTheHostClosedOffersItsDraft));
        var page = session.Page;
        await page.GotoAsync(session.Sandbox.Jira.IssueUrl);
        var panel = page.FrameLocator("[data-testid=issue-panel-frame]");
        await panel.Locator("[data-testid=jira-add]").ClickAsync(new() { Timeout = 30_000 });
        var dialog = page.FrameLocator("[data-testid=dialog-frame]");
        await dialog.Locator("[data-testid=canvas]").WaitForAsync(new() { Timeout = 30_000 });
        await dialog.Locator("[data-testid=diagram-name]").FillAsync("Plan");
        await dialog.Locator("[data-testid=palette-rectangle]").ClickAsync();

        await dialog.Locator("[data-testid=close]").ClickAsync();
        await dialog.Locator("[data-testid=close-save]").ClickAsync(new() { Timeout = 5_000 });
        await page.Locator("[data-testid=dialog-frame]").WaitForAsync(Gone);
        await panel.Locator("[data-testid=jira-diagram-0]:has-text('Plan')").WaitForAsync(new() { Timeout = 30_000 });

        await panel.Locator("[data-testid=jira-edit-0]").ClickAsync();
        dialog = await ReadyDialogAsync(session);
        (await dialog.Locator("[data-testid=draft-offer]").CountAsync()).ShouldBe(0, "the save forgot the draft");
        (await session.EditorAsync<int>("e => e.cellCount()", "dialog-frame")).ShouldBe(1);
        await dialog.Locator("[data-testid=palette-ellipse]").ClickAsync();
        await page.ClickAsync("[data-testid=dialog-close]");
        await page.Locator("[data-testid=dialog-frame]").WaitForAsync(Gone);

        await panel.Locator("[data-testid=jira-edit-0]").ClickAsync();
        dialog = await ReadyDialogAsync(session);
        await dialog.Locator("[data-testid=draft-restore]").ClickAsync();
        (await session.EditorAsync<int>("e => e.cellCount()", "dialog-frame")).ShouldBe(2, "the unsaved ellipse is back");
        await dialog.Locator("[data-testid=close]").ClickAsync();
        await dialog.Locator("[data-testid=close-discard]").ClickAsync();
        await page.Locator("[data-testid=dialog-frame]").WaitForAsync(Gone);

        await panel.Locator("[data-testid=jira-edit-0]").ClickAsync();
        dialog = await ReadyDialogAsync(session);
        (await dialog.Locator("[data-testid=draft-offer]").CountAsync()).ShouldBe(0);
        (await session.EditorAsync<int>("e => e.cellCount()", "dialog-frame")).ShouldBe(1, "Discard left the saved diagram as it was");
        session.ShouldHaveNoConsoleErrors();
    }

    /// <summary>"Insert diagram" on the sandbox page, once the editor has loaded and decided whether to offer a draft.</summary>
    private static async Task<(IFrameLocator Editor, IFrame Frame)> OpenNewDiagramAsync(Session session)
    {
        var opened = await session.InsertDiagramAsync();
        await opened.Editor.Locator("#app[data-ready]").WaitForAsync(new() { Timeout = 30_000 });
        return opened;
    }

    private static async Task<IFrameLocator> ReadyDialogAsync(Session session)
    {
        var dialog = session.Page.FrameLocator("[data-testid=dialog-frame]");
        await dialog.Locator("#app[data-ready]").WaitForAsync(new() { Timeout = 30_000 });
        return dialog;
    }

    private static Infrastructure.Site ConfluenceSite(Session session) =>
        new(session.Sandbox.Confluence.SiteId, session.Sandbox.Confluence.ClientKey, session.Sandbox.Confluence.BaseUrl, 204, string.Empty);
}
