using System.Diagnostics;
using System.Net.Http.Headers;
using Diagrams.App.Data;
using Diagrams.App.Hosting;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Platform.Forge;
using Diagrams.App.Platform.Tenants;
using Diagrams.App.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Jobs;

/// <summary>
/// <c>POST /api/jobs/{kind}</c>: lockdown first (403, body unread), then the tenant's region, then the body
/// streamed to that region's Converter and the answer streamed back. One audit row per job; admins read
/// them at <c>GET /api/jobs/audit</c>.
/// </summary>
public static class JobsModule
{
    private static readonly Dictionary<string, string> Routes = new(StringComparer.Ordinal)
    {
        ["pdf"] = "v1/export/pdf",
        ["visio"] = "v1/import/visio",
        ["plantuml"] = "v1/render/plantuml",
        ["gliffy"] = "v1/import/gliffy",
    };

    /// <summary>The job kinds, as in <c>/api/jobs/{kind}</c>.</summary>
    public static IReadOnlyCollection<string> Kinds => Routes.Keys;

    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegionsOptions>().BindConfiguration(RegionsOptions.Section)
            .Validate(o => o.JobTimeoutSeconds > 0 && o.JobInputTimeoutSeconds > 0, "Regions:JobTimeoutSeconds and Regions:JobInputTimeoutSeconds must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ConverterClient>();
        builder.Services.AddHttpClient(ConverterClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan) // bounded by the pipeline
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(3) })
            .AddResilienceHandler(ConverterClient.PipelineName, static (pipeline, context) =>
            {
                ConverterClient.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<RegionsOptions>>().Value);
                pipeline.WithoutPollyLogs(context);
            })
            .SelectPipelineBy(static _ => ConverterClient.RegionOf); // one pipeline, and so one circuit breaker, per region
        return builder;
    }

    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var jobs = routes.MapGroup("/api/jobs").RequireConnectJwt(ConnectAuthKind.ContextToken);
        jobs.MapPost("/{kind}", RunAsync);
        jobs.MapGet("/audit", async (CurrentTenant current, AdminCheck admins, DiagramsDbContext db, CancellationToken ct) =>
            await admins.RefuseNonAdminAsync(current, "read the job audit", ct)
                ?? Results.Ok(await db.JobAudit.AsNoTracking()
                    .Where(j => j.ClientKey == current.Tenant.ClientKey)
                    .OrderByDescending(j => j.StartedAtUtc)
                    .Take(500)
                    .Select(j => new { j.Kind, j.Region, j.BytesIn, j.BytesOut, j.DurationMs, j.Outcome, j.StartedAtUtc })
                    .ToListAsync(ct)));
        return routes.MapJobTickets();
    }

    /// <summary>One job for the request's tenant; also the handler of the ticketed route (<see cref="JobTicketEndpoints"/>).</summary>
    internal static async Task RunAsync(string kind, HttpContext context, CurrentTenant current, ConverterClient converters, DiagramsDbContext db, IOptions<RegionsOptions> options,
        IOptions<ForgeOptions> forge)
    {
        var policy = current.Tenant.Policy;
        if (policy.Lockdown)
        {
            await Results.Problem(statusCode: 403, title: "Lockdown", detail: "This site is in lockdown: nothing is sent to the app's servers.",
                extensions: new Dictionary<string, object?> { ["code"] = "lockdown" }).ExecuteAsync(context);
            return;
        }

        if (!Routes.TryGetValue(kind, out var path))
        {
            await Results.Problem(statusCode: 404, title: "Unknown job", detail: $"Job kinds: {string.Join(", ", Routes.Keys)}.").ExecuteAsync(context);
            return;
        }

        var audit = new JobAudit { Id = Guid.NewGuid(), ClientKey = current.Tenant.ClientKey, Kind = kind, Region = policy.DataGovernance, Outcome = "500 error", StartedAtUtc = DateTime.UtcNow };
        var clock = Stopwatch.StartNew();
        try
        {
            audit.Outcome = await ForwardAsync(context, converters, options.Value, JobTimeLimit.For(context, options.Value, forge.Value), path, audit, clock);
        }
        finally
        {
            audit.DurationMs = clock.ElapsedMilliseconds;
            db.JobAudit.Add(audit);
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <returns>The audit outcome: the status answered and a word for why.</returns>
    private static async Task<string> ForwardAsync(HttpContext context, ConverterClient converters, RegionsOptions options, JobTimeLimit limit, string path, JobAudit audit, Stopwatch started)
    {
        var request = context.Request;
        if (request.ContentLength > options.MaxJobBytes)
        {
            throw Refused(audit, JobInputStream.TooLarge(options));
        }

        if (!TryReadContentType(request, out var contentType))
        {
            await Results.Problem(statusCode: 415, title: "Unreadable Content-Type",
                detail: "The Content-Type header must be one media type, such as text/plain or application/octet-stream (or be left out).").ExecuteAsync(context);
            return "415 bad-content-type";
        }

        ForgeCallLimits.LimitRequestBody(context, options.MaxJobBytes);

        var input = new JobInputStream(request.Body, options, context.RequestAborted);
        using var body = new StreamContent(input);
        body.Headers.ContentType = contentType;
        body.Headers.ContentLength = request.ContentLength;
        if (request.Headers.TryGetValue("X-File-Name", out var fileName) && fileName.ToString() is { Length: > 0 and <= 255 } name && !name.Any(char.IsControl))
        {
            body.Headers.TryAddWithoutValidation("X-File-Name", name);
        }

        // The converter client's own timeout is Regions:JobTimeoutSeconds; a Forge UI call's smaller budget cuts it sooner.
        using var uiDeadline = limit.IsForgeUiCall ? CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted) : null;
        uiDeadline?.CancelAfter(limit.Limit - started.Elapsed is { Ticks: > 0 } left ? left : TimeSpan.Zero);
        HttpResponseMessage response;
        try
        {
            response = await converters.SendAsync(audit.Region, path + request.QueryString.Value, body, input, uiDeadline?.Token ?? context.RequestAborted);
        }
        catch (OperationCanceledException) when (uiDeadline is { IsCancellationRequested: true } && !context.RequestAborted.IsCancellationRequested)
        {
            audit.BytesIn = input.Count;
            await TooSlowAsync(context, limit);
            return "504 timeout";
        }
        catch (RegionUnavailableException ex)
        {
            audit.BytesIn = input.Count;
            audit.Outcome = ex.Outcome;
            throw; // answered by ProblemExceptionHandler
        }
        catch (JobInputException ex)
        {
            audit.BytesIn = input.Count;
            throw Refused(audit, ex);
        }

        using (response)
        {
            return await RelayAsync(context, response, limit, audit, input, started);
        }
    }

    /// <summary>Absent (or blank) is fine; anything but exactly one parseable media type is not.</summary>
    private static bool TryReadContentType(HttpRequest request, out MediaTypeHeaderValue? contentType)
    {
        contentType = null;
        var header = request.Headers.ContentType;
        if (header.Count == 0 || (header.Count == 1 && string.IsNullOrWhiteSpace(header[0])))
        {
            return true;
        }

        return header.Count == 1 && MediaTypeHeaderValue.TryParse(header[0], out contentType);
    }

    /// <summary>The client's own input failed: answered to that client alone, and the connection closed (its body was not read to the end).</summary>
    /// <summary>Records the client's refusal in the audit; ProblemExceptionHandler answers it.</summary>
    private static JobInputException Refused(JobAudit audit, JobInputException refusal)
    {
        audit.Outcome = refusal.Outcome;
        return refusal;
    }

    /// <summary>Streams the Converter's answer back within what is left of the job time limit.</summary>
    private static async Task<string> RelayAsync(HttpContext context, HttpResponseMessage response, JobTimeLimit limit, JobAudit audit, JobInputStream input, Stopwatch started)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        if (response.Headers.RetryAfter is { } retry)
        {
            context.Response.Headers.RetryAfter = retry.ToString();
        }

        // The Polly timeout ends with the headers; the body gets what is left of the same job time limit, so a
        // Converter that stalls mid-answer cannot hold this request open.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var left = limit.Limit - started.Elapsed;
        deadline.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var copied = (CountingStream?)null;
        try
        {
            await using var output = await response.Content.ReadAsStreamAsync(deadline.Token);
            copied = new CountingStream(output);
            await copied.CopyToAsync(context.Response.Body, deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested)
        {
            audit.BytesIn = input.Count;
            audit.BytesOut = copied?.Count ?? 0;
            if (context.Response.HasStarted)
            {
                context.Abort(); // part of the answer is out: a cut connection, never a short body that looks complete
            }
            else
            {
                context.Response.Headers.Clear();
                await TooSlowAsync(context, limit);
            }

            return "504 timeout";
        }

        audit.BytesIn = input.Count;
        audit.BytesOut = copied.Count;
        return $"{(int)response.StatusCode} {(response.IsSuccessStatusCode ? "ok" : "rejected")}";
    }

    private static Task TooSlowAsync(HttpContext context, JobTimeLimit limit) => Results.Problem(statusCode: 504,
        title: limit.IsForgeUiCall ? "Job too long for a Forge UI call" : "Converter too slow", detail: limit.TooSlow,
        extensions: limit.IsForgeUiCall ? new Dictionary<string, object?> { ["code"] = "use-job-ticket", ["ticketRoute"] = JobTimeLimit.TicketRoute } : null).ExecuteAsync(context);

    /// <summary>Counts bytes passing through without keeping any.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            Count += read;
            return read;
        }
    }
}
