using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace Diagrams.Converter.PlantUml;

/// <summary>The process wrote more than the output limit; it is killed and replaced.</summary>
internal sealed class PlantUmlOutputTooLargeException() : Exception("PlantUML output exceeded the limit.");

/// <summary>
/// One warm <c>plantuml -pipe</c> process: one request at a time, each a <see cref="PlantUmlTurn"/> (the block,
/// then a probe) whose two answers end at the process's random delimiter line; any answer out of step is a
/// <see cref="PlantUmlOutOfStepException"/>. Stderr is drained and discarded (it can quote the source, never logged).
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

        var turn = PlantUmlTurn.For(block, format);
        await using var kill = ct.Register(Kill);
        try
        {
            var stdin = _process.StandardInput.BaseStream;
            await stdin.WriteAsync(turn.Request, ct);
            await stdin.FlushAsync(ct);
            return await ReadAnswersAsync(turn, maxBytes, ct);
        }
        catch (IOException) when (ct.IsCancellationRequested)
        {
            throw new OperationCanceledException(ct);
        }
    }

    /// <summary>Reads up to the second delimiter: the image (checked as soon as it is complete), then the probe.</summary>
    private async Task<byte[]> ReadAnswersAsync(PlantUmlTurn turn, int maxBytes, CancellationToken ct)
    {
        var stdout = _process.StandardOutput.BaseStream;
        using var output = new MemoryStream();
        var chunk = new byte[64 * 1024];
        byte[]? image = null;
        var probeStart = 0;
        var searched = 0; // no delimiter can start before this
        while (true)
        {
            var read = await stdout.ReadAsync(chunk, ct);
            if (read == 0)
            {
                ct.ThrowIfCancellationRequested();
                throw new IOException("The PlantUML process exited during a render.");
            }

            output.Write(chunk, 0, read);
            var written = output.GetBuffer().AsSpan(0, (int)output.Length);
            int found;
            while ((found = written[searched..].IndexOf(_marker)) >= 0)
            {
                var end = searched + found;
                if (image is not null)
                {
                    turn.CheckProbe(written[probeStart..end], written.Length - end - _marker.Length);
                    return image;
                }

                image = written[..end].ToArray();
                turn.CheckImage(image);
                searched = probeStart = end + _marker.Length;
            }

            searched = Math.Max(searched, written.Length - _marker.Length + 1);
            if (image is null && written.Length > maxBytes + _marker.Length)
            {
                throw new PlantUmlOutputTooLargeException();
            }

            if (image is not null && written.Length - probeStart > PlantUmlTurn.MaxProbeBytes)
            {
                throw new PlantUmlOutOfStepException("the probe's answer is too long");
            }
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
