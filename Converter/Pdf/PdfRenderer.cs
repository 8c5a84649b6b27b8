using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Diagrams.Converter.Pdf;

/// <summary>
/// PDF export: one warm headless Chromium (Debian's, driven by Playwright) with a bounded pool of tabs
/// (<c>Converter:Pdf:PoolSize</c>), each in its own browser context with the render page loaded. An export
/// takes a tab, calls <c>window.renderDiagram</c> (maxGraph, bundled at build time) and prints. The tabs
/// cannot reach the network: every request except the render page's own two files and assets is aborted, and the page's
/// CSP allows nothing remote, so image URLs in a diagram are never fetched. A tab that fails or times out is
/// closed, never reused; a crashed browser is relaunched on the next export.
/// </summary>
public sealed partial class PdfRenderer : IAsyncDisposable
{
    /// <summary>The render page's origin: a reserved name that never resolves; requests to it are answered from memory.</summary>
    private const string Origin = "http://render.invalid/";

    private static readonly (byte[] Html, byte[] Script) RenderPage = (Resource("render.html"), Resource("render.js"));

    /// <summary>
    /// draw.io's stencil libraries and icon images the render page loads on demand (<c>stencils/{file}</c>,
    /// <c>icons/{file}</c>), by path; any other path is aborted.
    /// </summary>
    private static readonly FrozenDictionary<string, byte[]> Assets = Assembly.GetExecutingAssembly().GetManifestResourceNames()
        .Where(n => n.StartsWith("stencils/", StringComparison.Ordinal) || n.StartsWith("icons/", StringComparison.Ordinal))
        .ToFrozenDictionary(n => n, Resource, StringComparer.Ordinal);
    private readonly PdfOptions _options;
    private readonly ILogger<PdfRenderer> _logger;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _launch = new(1, 1);
    private readonly ConcurrentQueue<Tab> _idle = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private int _launches;
    private bool _disposed;

    public PdfRenderer(IOptions<PdfOptions> options, ILogger<PdfRenderer> logger)
    {
        _options = options.Value;
        _logger = logger;
        _slots = new SemaphoreSlim(_options.PoolSize);
    }

    public PdfOptions Options => _options;

    /// <summary>Browser launches since start (tests and benchmarks: stays 1 while warm).</summary>
    internal int Launches => Volatile.Read(ref _launches);

    /// <summary>Starts the browser and opens the pool's tabs (used by warm-up at start).</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        var tabs = new List<Tab>();
        for (var i = 0; i < _options.PoolSize; i++)
        {
            tabs.Add(await OpenTabAsync(ct));
        }

        foreach (var tab in tabs)
        {
            _idle.Enqueue(tab);
        }
    }

    public async Task<byte[]> RenderAsync(IReadOnlyList<string> pages, PdfRequest request, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(ct);
        Tab? tab = null;
        var reusable = false;
        try
        {
            while (_idle.TryDequeue(out var idle))
            {
                if (idle.Page.IsClosed || !idle.Context.Browser!.IsConnected)
                {
                    continue;
                }

                tab = idle;
                break;
            }

            tab ??= await OpenTabAsync(ct);
            var argument = new
            {
                pages,
                scale = request.Scale,
                border = request.Border,
                background = request.Background,
                paper = request.Paper is { } p ? new { width = p.Width, height = p.Height } : null,
                fit = request.Fit,
                sheets = request.Sheets is { } grid ? new { wide = grid.Wide, tall = grid.Tall } : null,
                maxSide = _options.MaxSide,
            };
            var result = await tab.Page.EvaluateAsync<JsonElement>("request => window.renderDiagram(request)", argument).WaitAsync(ct);
            if (result.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
            {
                reusable = true;
                throw new JobRejectedException(422, "Cannot export this diagram", error.GetString()!);
            }

            var pdf = await tab.Page.PdfAsync(new PagePdfOptions { PreferCSSPageSize = true, PrintBackground = true }).WaitAsync(ct);
            await tab.Page.EvaluateAsync("() => document.body.replaceChildren()").WaitAsync(ct);
            reusable = ++tab.Exports < _options.ExportsPerTab;
            return pdf;
        }
        catch (PlaywrightException ex)
        {
            LogBrowserFailure(_logger, ex.GetType().Name);
            throw new JobRejectedException(503, "PDF renderer unavailable", "The PDF renderer failed on this export; it has been reset. Retry shortly.");
        }
        finally
        {
            if (tab is not null)
            {
                if (reusable)
                {
                    _idle.Enqueue(tab);
                }
                else
                {
                    _ = CloseQuietlyAsync(tab.Context);
                }
            }

            _slots.Release();
        }
    }

    private async Task<Tab> OpenTabAsync(CancellationToken ct)
    {
        var browser = await BrowserAsync(ct);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ServiceWorkers = ServiceWorkerPolicy.Block,
            AcceptDownloads = false,
            JavaScriptEnabled = true,
        }).WaitAsync(ct);
        try
        {
            await context.RouteAsync("**/*", ServeRenderPageOnlyAsync).WaitAsync(ct);
            var page = await context.NewPageAsync().WaitAsync(ct);
            await page.GotoAsync(Origin + "render.html").WaitAsync(ct);
            await page.WaitForFunctionAsync("() => typeof window.renderDiagram === 'function'").WaitAsync(ct);
            return new Tab(context, page);
        }
        catch
        {
            await CloseQuietlyAsync(context);
            throw;
        }
    }

    private static Task ServeRenderPageOnlyAsync(IRoute route)
    {
        var url = route.Request.Url;
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? url : url[..query];
        (byte[] Body, string Type)? file = path switch
        {
            Origin + "render.html" => (RenderPage.Html, "text/html; charset=utf-8"),
            Origin + "render.js" => (RenderPage.Script, "text/javascript; charset=utf-8"),
            _ when path.StartsWith(Origin, StringComparison.Ordinal) && Assets.TryGetValue(path[Origin.Length..], out var asset)
                => (asset, "application/octet-stream"),
            _ => null,
        };
        return file is { } f
            ? route.FulfillAsync(new RouteFulfillOptions
            {
                Status = 200,
                BodyBytes = f.Body,
                ContentType = f.Type,
                Headers = new Dictionary<string, string>
                {
                    ["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src data: blob:; font-src data:",
                },
            })
            : route.AbortAsync("blockedbyclient");
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _launch.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } again)
            {
                return again;
            }

            if (!File.Exists(_options.ChromiumPath))
            {
                throw new JobRejectedException(503, "PDF renderer unavailable", $"Chromium is not installed at {_options.ChromiumPath} (Converter:Pdf:ChromiumPath); install Debian's chromium package.");
            }

            _playwright ??= await Playwright.CreateAsync().WaitAsync(ct);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ChromiumPath,
                Headless = true,
                Args =
                [
                    "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                    "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                    .. Environment.UserName == "root" ? ["--no-sandbox"] : Array.Empty<string>(),
                ],
            }).WaitAsync(ct);
            Interlocked.Increment(ref _launches);
            LogLaunched(_logger);
            return _browser;
        }
        finally
        {
            _launch.Release();
        }
    }

    private static async Task CloseQuietlyAsync(IBrowserContext context)
    {
        try
        {
            await context.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The browser went away with it, or is stuck: the next launch check replaces it.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_browser is not null)
        {
            try
            {
                await _browser.CloseAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                // A browser that will not close is killed with the Playwright driver below.
            }
        }

        _playwright?.Dispose();
        _slots.Dispose();
        _launch.Dispose();
    }

    private static byte[] Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The render page resource '{name}' is missing: the web bundle (web/) was not built.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private sealed class Tab(IBrowserContext context, IPage page)
    {
        public IBrowserContext Context { get; } = context;

        public IPage Page { get; } = page;

        public int Exports { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chromium launched for PDF export.")]
    private static partial void LogLaunched(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PDF renderer failed ({Error}); the tab was discarded.")]
    private static partial void LogBrowserFailure(ILogger logger, string error);
}

/// <summary>Starts Chromium at service start when <c>Converter:Pdf:WarmOnStart</c> is on; a failure is logged, not fatal.</summary>
public sealed partial class PdfWarmup(PdfRenderer renderer, IOptions<PdfOptions> options, ILogger<PdfWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WarmOnStart)
        {
            return;
        }

        try
        {
            await renderer.WarmAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is PlaywrightException or JobRejectedException or TimeoutException)
        {
            LogWarmupFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF warm-up failed; the first export will try again: {Reason}")]
    private static partial void LogWarmupFailed(ILogger logger, string reason);
}
