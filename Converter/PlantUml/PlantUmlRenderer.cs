using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Diagrams.Converter.PlantUml;

/// <summary>
/// A bounded pool of warm PlantUML processes (<c>Converter:PlantUml:PoolSize</c>), one pool for both formats:
/// each request switches the process's format with <c>@@@format</c>, so no restart is needed. Processes start
/// on first use and stay warm; one that times out, errors or writes too much is killed and its slot refilled
/// on the next request, as is one whose answer is out of step with its request (<see cref="PlantUmlTurn"/>):
/// no caller ever reads another's image. With <c>Sandbox=bwrap</c> (default) renders fail closed with 503 when
/// bwrap is unusable.
/// </summary>
public sealed partial class PlantUmlRenderer : IDisposable
{
    private readonly PlantUmlOptions _options;
    private readonly ILogger<PlantUmlRenderer> _logger;
    private readonly Channel<PlantUmlProcess?> _idle;
    private readonly Lazy<Task<string?>> _sandboxFailure;
    private int _started;
    private bool _disposed;

    public PlantUmlRenderer(IOptions<PlantUmlOptions> options, ILogger<PlantUmlRenderer> logger)
    {
        _options = options.Value;
        _logger = logger;
        _idle = Channel.CreateBounded<PlantUmlProcess?>(_options.PoolSize);
        for (var i = 0; i < _options.PoolSize; i++)
        {
            _idle.Writer.TryWrite(null);
        }

        _sandboxFailure = new(() => PlantUmlSandbox.Enabled(_options) ? PlantUmlSandbox.ProbeAsync(_options) : Task.FromResult<string?>(null));
        if (!PlantUmlSandbox.Enabled(_options))
        {
            LogUnsandboxed(_logger);
        }
    }

    public PlantUmlOptions Options => _options;

    /// <summary>PlantUML processes started since this renderer was created (tests: stays ≤ PoolSize when warm).</summary>
    internal int StartedProcesses => Volatile.Read(ref _started);

    /// <summary>Renders a block taken as it is (its lines numbered from 1); see the <see cref="PlantUmlBlock"/> overload.</summary>
    public Task<byte[]> RenderAsync(string block, PlantUmlFormat format, CancellationToken ct) => RenderAsync(PlantUmlBlock.Of(block), format, ct);

    /// <param name="block">A single diagram block from <see cref="PlantUmlGuard.Check"/>.</param>
    /// <exception cref="JobRejectedException">422 for a block PlantUML cannot read, naming the user's line and PlantUML's message.</exception>
    public async Task<byte[]> RenderAsync(PlantUmlBlock block, PlantUmlFormat format, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (await _sandboxFailure.Value is { } failure)
        {
            LogSandboxUnusable(_logger, failure);
            throw new JobRejectedException(503, "PlantUML sandbox unavailable", $"PlantUML must run in bubblewrap (Converter:PlantUml:Sandbox=bwrap) and bubblewrap cannot run here: {failure}");
        }

        var process = await _idle.Reader.ReadAsync(ct);
        var healthy = false;
        try
        {
            if (process is null || !process.Alive)
            {
                process?.Dispose();
                process = PlantUmlProcess.Start(_options);
                Interlocked.Increment(ref _started);
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromSeconds(_options.RenderTimeoutSeconds));
            try
            {
                var image = await process.RenderAsync(block.Text, format, _options.MaxOutputBytes, limit.Token);
                healthy = true;
                if (PlantUmlError.Read(image) is { } error)
                {
                    throw SyntaxError(block, error);
                }

                return format == PlantUmlFormat.Svg ? WithoutMetadata(image) : image;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new JobRejectedException(422, "Diagram took too long", $"PlantUML did not finish within {_options.RenderTimeoutSeconds} s (Converter:PlantUml:RenderTimeoutSeconds).");
            }
        }
        catch (PlantUmlOutOfStepException ex)
        {
            LogOutOfStep(_logger, ex.Message);
            throw new JobRejectedException(422, "PlantUML answer did not match this request", $"PlantUML's output did not match this request ({ex.Message}), so it was discarded and the process replaced. Send a single @start…@end block.");
        }
        catch (PlantUmlOutputTooLargeException)
        {
            throw new JobRejectedException(422, "Diagram too large", $"The rendered image exceeds {_options.MaxOutputBytes} bytes (Converter:PlantUml:MaxOutputBytes).");
        }
        catch (IOException)
        {
            throw new JobRejectedException(422, "PlantUML could not render this diagram", "The PlantUML process failed while rendering; it has been replaced.");
        }
        finally
        {
            if (!healthy && process is not null)
            {
                process.Dispose();
                process = null;
            }

            if (!_idle.Writer.TryWrite(process))
            {
                process?.Dispose();
            }
        }
    }

    /// <summary>PlantUML's own error as a 422 ProblemDetails: the user's line and the message, also as <c>line</c> and <c>message</c>.</summary>
    private static JobRejectedException SyntaxError(PlantUmlBlock block, PlantUmlError error)
    {
        var line = block.UserLine(error.BlockLine);
        var message = error.Message.Length > 0 ? error.Message : "PlantUML cannot read it";
        return new JobRejectedException(422, "PlantUML syntax error", $"PlantUML cannot read line {line}: {message} Correct the line and try again.",
            new Dictionary<string, object?> { ["line"] = line, ["message"] = message });
    }

    /// <summary>Kills every idle process; busy ones are killed when their render returns.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _idle.Writer.TryComplete();
        while (_idle.Reader.TryRead(out var process))
        {
            process?.Dispose();
        }
    }

    /// <summary>
    /// Drops the comment PlantUML appends to every SVG (<c>&lt;!--MD5=[…]</c>: the source again plus the
    /// PlantUML, Java and OS versions of this server). User text inside the SVG is escaped, so it cannot fake it.
    /// </summary>
    internal static byte[] WithoutMetadata(byte[] svg)
    {
        var span = svg.AsSpan();
        var start = span.LastIndexOf("<!--MD5=["u8);
        var end = start < 0 ? -1 : span[start..].IndexOf("-->"u8);
        return end < 0 ? svg : [.. span[..start], .. span[(start + end + 3)..]];
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "PlantUML rendering refused: the bubblewrap sandbox cannot run ({Reason}).")]
    private static partial void LogSandboxUnusable(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PlantUML answered out of step with its request ({Reason}); the process is killed and the answer discarded.")]
    private static partial void LogOutOfStep(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PlantUML runs WITHOUT a sandbox (Converter:PlantUml:Sandbox=none).")]
    private static partial void LogUnsandboxed(ILogger logger);
}
