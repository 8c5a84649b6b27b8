using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Diagrams.Converter.PlantUml;

/// <summary>The process wrote more than the output limit; it is killed and replaced.</summary>
internal sealed class PlantUmlOutputTooLargeException() : Exception("PlantUML output exceeded the limit.");

/// <summary>
/// One warm <c>plantuml -pipe</c> process: one request at a time. A request is <c>@@@format svg|png</c>, the
/// diagram block and a newline on stdin; the answer is stdout up to the random delimiter line. Stderr is
/// drained and discarded (it can quote the source, which is never logged).
/// </summary>
internal sealed class PlantUmlProcess : IDisposable
{
    private readonly Process _process;
    private readonly byte[] _marker;
    private readonly Task _stderr;
    private int _killed;

    private PlantUmlProcess(Process process, byte[] marker)
    {
        _process = process;
        _marker = marker;
        _stderr = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
    }

    public bool Alive => Volatile.Read(ref _killed) == 0 && !_process.HasExited;

    public static PlantUmlProcess Start(PlantUmlOptions options)
    {
        var delimiter = "--plantuml-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) + "--";
        // From the launcher thread: bwrap's --die-with-parent follows the forking thread, which must outlive the process.
        var process = Tools.ProcessLauncher.Start(PlantUmlSandbox.StartInfo(options, delimiter));
        return new PlantUmlProcess(process, Encoding.ASCII.GetBytes(delimiter + "\n"));
    }

    public async Task<byte[]> RenderAsync(string block, PlantUmlFormat format, int maxBytes, CancellationToken ct)
    {
        if (!Alive)
        {
            throw new IOException("The PlantUML process has exited.");
        }

        await using var kill = ct.Register(Kill);
        try
        {
            var name = format == PlantUmlFormat.Png ? "png" : "svg";
            var stdin = _process.StandardInput.BaseStream;
            await stdin.WriteAsync(Encoding.UTF8.GetBytes($"@@@format {name}\n{block}\n"), ct);
            await stdin.FlushAsync(ct);

            var stdout = _process.StandardOutput.BaseStream;
            using var output = new MemoryStream();
            var chunk = new byte[64 * 1024];
            while (true)
            {
                var read = await stdout.ReadAsync(chunk, ct);
                if (read == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    throw new IOException("The PlantUML process exited during a render.");
                }

                output.Write(chunk, 0, read);
                if (output.Length > maxBytes + _marker.Length)
                {
                    throw new PlantUmlOutputTooLargeException();
                }

                var written = output.GetBuffer().AsSpan(0, (int)output.Length);
                if (written.EndsWith(_marker))
                {
                    return written[..^_marker.Length].ToArray();
                }
            }
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
    }

    public void Kill()
    {
        if (Interlocked.Exchange(ref _killed, 1) == 0)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }

    public void Dispose()
    {
        Kill();
        try
        {
            _process.WaitForExit(5000);
            _stderr.Wait(TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // The stderr pipe broke when the process died; nothing to report.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
