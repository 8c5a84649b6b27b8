using System.Diagnostics;
using Diagrams.App.Hosting;

namespace Diagrams.App.Jobs;

/// <summary>The client's job input failed on the client's side (too large, too slow, malformed, cut off): that client's 4xx, never the region's failure.</summary>
public sealed class JobInputException(int status, string outcome, string title, string detail) : IOException(detail), IProblemAnswer
{
    public int Status { get; } = status;

    /// <summary>The audit outcome, e.g. <c>408 client-too-slow</c>.</summary>
    public string Outcome { get; } = $"{status} {outcome}";

    public string Title { get; } = title;

    /// <summary>The rest of the body was not read: the connection cannot carry another request.</summary>
    public bool CloseConnection => true;
}

/// <summary>
/// The client's request body on its way to the Converter: counts the bytes, bounds the time spent waiting for the
/// client (<c>Regions:JobInputTimeoutSeconds</c>, all reads together; time the Converter takes to accept data does
/// not count), and records a failure of the client's body as <see cref="Fault"/> so the Converter's circuit breaker
/// can tell it from the Converter's own.
/// </summary>
public sealed class JobInputStream(Stream body, RegionsOptions options, CancellationToken clientAborted) : Stream
{
    private TimeSpan _waited;

    public long Count { get; private set; }

    /// <summary>Set once the client's body failed; the job is then answered with it.</summary>
    public JobInputException? Fault { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Count; set => throw new NotSupportedException(); }

    public static JobInputException TooLarge(RegionsOptions options) =>
        new(413, "too-large", "Input too large", $"A job's input may be at most {options.MaxJobBytes} bytes (Regions:MaxJobBytes).");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Fault is not null)
        {
            throw Fault;
        }

        var budget = TimeSpan.FromSeconds(options.JobInputTimeoutSeconds);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget - _waited > TimeSpan.Zero ? budget - _waited : TimeSpan.Zero);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var read = await body.ReadAsync(buffer, deadline.Token);
            Count += read;
            return read;
        }
        catch (Exception ex) when (Classify(ex, cancellationToken) is { } fault)
        {
            throw Fault = fault;
        }
        finally
        {
            _waited += Stopwatch.GetElapsedTime(started);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The job input is read asynchronously only.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>The client's failure, or null when the read ended for the Converter's side (its call was cancelled or timed out).</summary>
    private JobInputException? Classify(Exception exception, CancellationToken sending) => exception switch
    {
        BadHttpRequestException { StatusCode: 413 } => TooLarge(options),
        BadHttpRequestException { StatusCode: 408 } => new(408, "client-too-slow", "Input too slow", "The job's input arrived more slowly than the server's minimum data rate (Kestrel's MinRequestBodyDataRate, 240 bytes/s by default)."),
        BadHttpRequestException bad => new(400, "client-bad-body", "Malformed input", $"The job's request body could not be read: {bad.Message}"),
        OperationCanceledException when clientAborted.IsCancellationRequested => Aborted(),
        OperationCanceledException when !sending.IsCancellationRequested =>
            new(408, "client-too-slow", "Input too slow", $"The job's input did not arrive within {options.JobInputTimeoutSeconds} s (Regions:JobInputTimeoutSeconds)."),
        IOException => Aborted(),
        _ => null,
    };

    private static JobInputException Aborted() => new(408, "client-aborted", "Input cut off", "The job's input ended before it was complete.");
}
