using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Diagrams.Converter.Tools;

/// <summary>The tool did not finish within its time limit; its process tree was killed.</summary>
public sealed class ToolTimeoutException(double seconds) : Exception($"The tool did not finish within {seconds} s.");

/// <summary>The tool printed more than allowed; its process tree was killed.</summary>
public sealed class ToolOutputTooLargeException(int maxBytes) : Exception($"The tool printed more than {maxBytes} bytes.");

/// <summary>What a finished tool run left: its exit code and its (bounded) standard output. Stderr is discarded: it can quote the input.</summary>
public sealed record ToolResult(int ExitCode, byte[] Output);

/// <summary>
/// Runs one external tool per call (emf2svg, wmf2svg, libvisio): inside bubblewrap (<see cref="Bubblewrap"/>) with the job's
/// private folder as its only writable place (<c>/job</c>), under <c>prlimit</c> (address space, file size), with a
/// wall-clock limit after which the whole process tree is killed, and standard output read up to a bound. With
/// <c>Converter:Tools:Sandbox=bwrap</c> (default) nothing runs when bubblewrap cannot (checked once).
/// </summary>
public sealed partial class ToolRunner
{
    private const string Prlimit = "/usr/bin/prlimit";
    private const string Timeout = "/usr/bin/timeout";
    private static readonly string[] Environment = ["HOME=/tmp", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"];
    private readonly ToolOptions _options;
    private readonly Lazy<Task<string?>> _sandboxFailure;

    public ToolRunner(IOptions<ToolOptions> options, ILogger<ToolRunner> logger)
    {
        _options = options.Value;
        _sandboxFailure = new(ProbeAsync);
        if (!_options.Sandboxed)
        {
            LogUnsandboxed(logger);
        }
    }

    public ToolOptions Options => _options;

    /// <summary>Null when tools can run; else why not (bubblewrap missing or unusable here).</summary>
    public Task<string?> SandboxFailureAsync() => _options.Sandboxed ? _sandboxFailure.Value : Task.FromResult<string?>(null);

    /// <summary>How the tool sees <paramref name="jobFolder"/>: <c>/job</c> in the sandbox, else the folder itself.</summary>
    public string JobPath(string jobFolder) => _options.Sandboxed ? Bubblewrap.JobMount : jobFolder;

    /// <param name="program">Absolute path of the tool (bound read-only into the sandbox when it is outside /usr).</param>
    /// <param name="maxFileBytes">File-size rlimit: the largest file the tool may write.</param>
    /// <param name="readOnly">More files the tool needs to read inside the sandbox (e.g. a tool a script calls that is not under /usr).</param>
    /// <exception cref="ToolTimeoutException">Over <paramref name="timeout"/>.</exception>
    /// <exception cref="ToolOutputTooLargeException">More than <paramref name="maxOutputBytes"/> on stdout.</exception>
    public async Task<ToolResult> RunAsync(string program, IReadOnlyList<string> arguments, string jobFolder, TimeSpan timeout, int maxOutputBytes, long maxFileBytes, IReadOnlyList<string>? readOnly, CancellationToken ct)
    {
        List<string> command = File.Exists(Prlimit)
            ? [Prlimit, $"--as={_options.MaxMemoryBytes}", $"--fsize={maxFileBytes}", "--", program, .. arguments]
            : [program, .. arguments];
        if (File.Exists(Timeout))
        {
            // A hard stop inside the sandbox too, should this process die before it can kill the tree.
            command = [Timeout, "-s", "KILL", ((int)Math.Ceiling(timeout.TotalSeconds) + 5).ToString(System.Globalization.CultureInfo.InvariantCulture), .. command];
        }

        var info = _options.Sandboxed
            ? Create(_options.BwrapPath, [.. Bubblewrap.Arguments([program, .. readOnly ?? []], Environment, jobFolder, dieWithParent: false), .. command], jobFolder)
            : Create(command[0], command[1..], jobFolder);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Path.GetFileName(program)} did not start.");
        process.StandardInput.Close();
        var stderr = process.StandardError.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            var output = await ReadBoundedAsync(process.StandardOutput.BaseStream, maxOutputBytes, limit.Token);
            await process.WaitForExitAsync(limit.Token);
            await stderr.WaitAsync(TimeSpan.FromSeconds(1), CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return new ToolResult(process.ExitCode, output);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ToolTimeoutException(timeout.TotalSeconds);
        }
        finally
        {
            if (!process.HasExited)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }
        }
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream stdout, int maxBytes, CancellationToken ct)
    {
        using var output = new MemoryStream();
        var chunk = new byte[64 * 1024];
        for (int read; (read = await stdout.ReadAsync(chunk, ct)) > 0;)
        {
            if (output.Length + read > maxBytes)
            {
                throw new ToolOutputTooLargeException(maxBytes);
            }

            output.Write(chunk, 0, read);
        }

        return output.ToArray();
    }

    private async Task<string?> ProbeAsync()
    {
        if (!File.Exists(_options.BwrapPath))
        {
            return $"bubblewrap is not installed at {_options.BwrapPath}.";
        }

        try
        {
            using var probe = Process.Start(Create(_options.BwrapPath, [.. Bubblewrap.Arguments([], Environment, dieWithParent: false), "/usr/bin/true"], Path.GetTempPath()))!;
            probe.StandardInput.Close();
            _ = probe.StandardOutput.ReadToEndAsync();
            var stderr = probe.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await probe.WaitForExitAsync(timeout.Token);
            var text = (await stderr).Split('\n', 2)[0].Trim();
            return probe.ExitCode == 0 ? null : $"bwrap exited with {probe.ExitCode}: {(text.Length > 200 ? text[..200] : text)}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException or IOException)
        {
            return $"bwrap could not start: {ex.Message}";
        }
    }

    private static ProcessStartInfo Create(string file, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var pair in Environment)
        {
            var parts = pair.Split('=', 2);
            info.Environment[parts[0]] = parts[1];
        }

        return info;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "External tools (emf2svg, wmf2svg, libvisio) run WITHOUT a sandbox (Converter:Tools:Sandbox=none).")]
    private static partial void LogUnsandboxed(ILogger logger);
}
