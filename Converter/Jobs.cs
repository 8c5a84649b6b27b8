using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Diagrams.Converter;

/// <summary>A job refused for a stated reason; becomes a ProblemDetails answer naming the limit.</summary>
public sealed class JobRejectedException(int status, string title, string detail, IDictionary<string, object?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    /// <summary>Members added to the ProblemDetails (e.g. PlantUML's error <c>line</c>), for clients that point at the problem.</summary>
    public IDictionary<string, object?>? Extensions { get; } = extensions;
}

/// <summary>
/// Runs one job: a slot of its kind (full → 503 with Retry-After), a time limit, a private temp folder
/// deleted in <c>finally</c>. Content stays in memory or in that folder for the job only.
/// </summary>
public sealed partial class JobRunner(IOptions<ConverterOptions> options, ILogger<JobRunner> logger)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _slots = new(StringComparer.Ordinal);

    public async Task<IResult> RunAsync(string kind, HttpContext context, Func<JobContext, Task<IResult>> job)
    {
        if (!ReadableContentType(context.Request.Headers.ContentType))
        {
            return Results.Problem(statusCode: 415, title: "Unreadable Content-Type", detail: "The Content-Type header must be one media type, such as text/plain or application/octet-stream (or be left out).");
        }

        var slot = _slots.GetOrAdd(kind, _ => new SemaphoreSlim(options.Value.MaxConcurrentJobsPerKind));
        if (!await slot.WaitAsync(TimeSpan.Zero))
        {
            context.Response.Headers.RetryAfter = "2";
            return Results.Problem(statusCode: 503, title: "Busy", detail: $"All {options.Value.MaxConcurrentJobsPerKind} {kind} slots of this converter are busy; retry shortly.");
        }

        var folder = CreateJobFolder(kind);
        LogJobFolder(logger, kind, folder.FullName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.JobTimeoutSeconds));
        var started = TimeProvider.System.GetTimestamp();
        var outcome = "error";
        try
        {
            var body = await ReadBodyAsync(context.Request, timeout.Token);
            var result = await job(new JobContext(body, folder.FullName, context.Request, timeout.Token));
            outcome = "ok";
            return result;
        }
        catch (JobRejectedException ex)
        {
            outcome = "rejected";
            return Results.Problem(statusCode: ex.Status, title: ex.Title, detail: ex.Message, extensions: ex.Extensions);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            outcome = "timeout";
            return Results.Problem(statusCode: 422, title: "Job took too long", detail: $"The job exceeded the time limit of {options.Value.JobTimeoutSeconds} s (Converter:JobTimeoutSeconds).");
        }
        catch (Exception ex) when (ex is CallerGoneException || (ex is OperationCanceledException && context.RequestAborted.IsCancellationRequested))
        {
            outcome = "aborted"; // App went away mid-request (as it does when its client's input fails): no one to answer
            return Results.Empty;
        }
        finally
        {
            slot.Release();
            folder.Delete(recursive: true);
            var elapsedMs = TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
            LogJob(logger, kind, outcome, elapsedMs);
        }
    }

    private DirectoryInfo CreateJobFolder(string kind)
    {
        if (string.IsNullOrEmpty(options.Value.WorkFolder))
        {
            return Directory.CreateTempSubdirectory($"diagrams-{kind}-");
        }

        // Same shape as CreateTempSubdirectory: an unguessable name, readable by this user only, never an existing folder.
        var path = Path.Combine(options.Value.WorkFolder, $"diagrams-{kind}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8))}");
        if (Directory.Exists(path))
        {
            throw new IOException($"Job folder {path} already exists.");
        }

        return OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path)
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        var max = options.Value.MaxRequestBytes;
        if (request.ContentLength > max)
        {
            throw new JobRejectedException(413, "Input too large", $"The input may be at most {max} bytes (Converter:MaxRequestBytes).");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        for (int read; (read = await ReadChunkAsync(request.Body, chunk, ct)) > 0;)
        {
            if (buffer.Length + read > max)
            {
                throw new JobRejectedException(413, "Input too large", $"The input may be at most {max} bytes (Converter:MaxRequestBytes).");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static async Task<int> ReadChunkAsync(Stream body, byte[] chunk, CancellationToken ct)
    {
        try
        {
            return await body.ReadAsync(chunk, ct);
        }
        catch (BadHttpRequestException ex)
        {
            throw new JobRejectedException(ex.StatusCode, "Unreadable input", $"The request body could not be read: {ex.Message}");
        }
        catch (IOException ex)
        {
            throw new CallerGoneException(ex);
        }
    }

    /// <summary>Absent (or blank) is fine; anything but exactly one parseable media type is not.</summary>
    private static bool ReadableContentType(Microsoft.Extensions.Primitives.StringValues header) =>
        header.Count == 0 || (header.Count == 1 && (string.IsNullOrWhiteSpace(header[0]) || System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(header[0], out _)));

    [LoggerMessage(Level = LogLevel.Debug, Message = "Job {Kind} works in {Folder}.")]
    private static partial void LogJobFolder(ILogger logger, string kind, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {Kind} finished: {Outcome} in {DurationMs} ms.")]
    private static partial void LogJob(ILogger logger, string kind, string outcome, double durationMs);
}

/// <summary>The caller's connection broke while its request body was being read.</summary>
internal sealed class CallerGoneException(Exception inner) : Exception("The caller's connection broke mid-request.", inner);

/// <summary>What a job gets: its input (memory only), its private folder, its options and its deadline.</summary>
public sealed record JobContext(byte[] Input, string Folder, HttpRequest Request, CancellationToken CancellationToken);
