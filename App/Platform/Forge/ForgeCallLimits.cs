using Diagrams.App.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Platform.Forge;

/// <summary>A Forge UI call's request or answer is larger than <c>Forge:MaxUiCallBytes</c> (413, code <c>use-job-ticket</c>).</summary>
public sealed class ForgeCallTooLargeException(long max, string which) : Exception(
    $"A Forge UI call (invokeRemote) may carry at most {max} bytes each way (Forge:MaxUiCallBytes); this {which} is larger. " +
    "Read and write diagrams with requestConfluence/requestJira from the page, and run large jobs with a job ticket (POST /forge/api/jobs/tickets)."), IProblemAnswer
{
    public int Status => StatusCodes.Status413PayloadTooLarge;

    public string Title => "Too large for a Forge UI call";

    public string? Code => "use-job-ticket";
}

/// <summary>
/// Bounds every call under <c>/forge</c> to <c>Forge:MaxUiCallBytes</c> each way: Forge relays a UI call's body and answer
/// through its own gateway, so neither may be large. A declared length over the bound is refused before anything is read
/// (and a longer body is cut by Kestrel); an answer is refused while nothing is sent yet, else its connection is cut,
/// never a short body that looks complete. Routes that set their own body limit only ever lower it. Refusals are typed
/// <c>application/json</c> here, so Forge hands them to the page.
/// </summary>
public sealed class ForgeCallLimits(RequestDelegate next, IOptions<ForgeOptions> options)
{
    private const string MaxItem = "forge-max-ui-call-bytes";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ForgeAuthentication.IsForgeCall(context))
        {
            await next(context);
            return;
        }

        var max = options.Value.MaxUiCallBytes;
        if (context.Request.ContentLength > max)
        {
            throw new ForgeCallTooLargeException(max, "request");
        }

        context.Items[MaxItem] = max;
        LimitRequestBody(context, max);

        // Forge's invokeRemote passes a non-2xx answer to the page only when it is application/json (any other type
        // rejects with "Invalid response from remote"): a refusal keeps its ProblemDetails body, typed as plain JSON.
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase) == true)
            {
                context.Response.ContentType = "application/json; charset=utf-8";
            }

            return Task.CompletedTask;
        });
        var original = context.Response.Body;
        context.Response.Body = new BoundedAnswer(original, max, context);
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
    }

    /// <summary>A route's own request body limit; on a Forge call never above <c>Forge:MaxUiCallBytes</c>.</summary>
    public static void LimitRequestBody(HttpContext context, long max)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = context.Items[MaxItem] is long forgeMax ? Math.Min(forgeMax, max) : max;
        }
    }

    private sealed class BoundedAnswer(Stream inner, long max, HttpContext context) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            inner.Write(buffer, offset, count);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Check(int count)
        {
            if (_written == 0 && context.Response.ContentLength > max && !context.Response.HasStarted)
            {
                throw new ForgeCallTooLargeException(max, "answer");
            }

            _written += count;
            if (_written <= max)
            {
                return;
            }

            if (context.Response.HasStarted)
            {
                context.Abort();
                throw new IOException("The answer exceeded Forge:MaxUiCallBytes after it had started; the connection was cut.");
            }

            throw new ForgeCallTooLargeException(max, "answer");
        }
    }
}
