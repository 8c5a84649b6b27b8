using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Diagrams.App.Tests.Infrastructure;

/// <summary>One request as App received it: its line, its headers and every byte of its body.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, string Headers, byte[] Body, bool BodyComplete)
{
    /// <summary>
    /// Whether <paramref name="text"/> (letters, digits and '-' only, so escaping leaves it as it is) is anywhere in the
    /// request: the path, query, headers, or the body as text or as base64 (as a data URL would carry it).
    /// </summary>
    public bool Carries(string text)
    {
        if (text.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-'))
        {
            throw new ArgumentException("Use a canary of ASCII letters, digits and '-': URL and JSON escaping leave those as they are.", nameof(text));
        }

        return Path.Contains(text, StringComparison.Ordinal) || Query.Contains(text, StringComparison.Ordinal) || Headers.Contains(text, StringComparison.Ordinal)
            || BodyForms(text).Any(form => Body.AsSpan().IndexOf(form) >= 0);
    }

    /// <summary>The text's UTF-8 bytes, and the part of its base64 that is the same wherever it starts in a base64 body.</summary>
    private static IEnumerable<byte[]> BodyForms(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        yield return bytes;
        for (var shift = 0; shift < 3; shift++)
        {
            var encoded = Convert.ToBase64String([.. new byte[shift], .. bytes]);
            var skip = shift == 0 ? 0 : 4; // the first quantum holds the shift's zero bytes
            var keep = ((shift + bytes.Length) / 3 * 4) - skip; // the last, partial quantum depends on what follows
            yield return Encoding.ASCII.GetBytes(encoded.Substring(skip, keep));
        }
    }
}

/// <summary>
/// Test-only wiring (Program.Build's configure hook, <see cref="AddTo"/>): records every request App receives as the
/// outermost middleware, the body as App's code read it plus whatever it left unread (drained after App answered), so a
/// test can say what reached App at all, not only what App logged or stored.
/// </summary>
public sealed class RequestRecorder
{
    private const int MaxBodyBytes = 16 * 1024 * 1024;
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    /// <summary>Every request so far, in arrival order of their ends.</summary>
    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    public void AddTo(WebApplicationBuilder builder) => builder.Services.AddSingleton<IStartupFilter>(new Outermost(this));

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var (method, path, query) = (request.Method, request.PathBase.Add(request.Path).Value ?? string.Empty, request.QueryString.Value ?? string.Empty);
        var headers = string.Join('\n', request.Headers.Select(h => $"{h.Key}: {h.Value}"));
        var original = request.Body;
        var tee = new TeeStream(original);
        context.Request.Body = tee;
        try
        {
            await next(context);
        }
        finally
        {
            var complete = await DrainAsync(tee, context.RequestAborted);
            request.Body = original;
            _requests.Enqueue(new ReceivedRequest(method, path, query, headers, tee.Captured.ToArray(), complete && !tee.Overflowed));
        }
    }

    private static async Task<bool> DrainAsync(Stream body, CancellationToken aborted)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        limit.CancelAfter(DrainLimit);
        var buffer = new byte[16 * 1024];
        try
        {
            while (await body.ReadAsync(buffer, limit.Token) > 0)
            {
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            return false; // over a body limit App set, or the client went away: what arrived is recorded
        }
    }

    private sealed class Outermost(RequestRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, inner) => recorder.RecordAsync(context, inner));
            next(app);
        };
    }

    /// <summary>The request body as App reads it, copying each byte read (up to <see cref="MaxBodyBytes"/>).</summary>
    private sealed class TeeStream(Stream inner) : Stream
    {
        public MemoryStream Captured { get; } = new();

        public bool Overflowed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Captured.Length; set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            Keep(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            Keep(buffer.AsSpan(offset, read));
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Keep(ReadOnlySpan<byte> bytes)
        {
            var room = (int)Math.Max(0, MaxBodyBytes - Captured.Length);
            Overflowed |= bytes.Length > room;
            Captured.Write(bytes[..Math.Min(room, bytes.Length)]);
        }
    }
}
