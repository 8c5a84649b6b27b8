using Diagrams.Converter.Gliffy;
using Diagrams.Converter.Pdf;
using Diagrams.Converter.PlantUml;
using Diagrams.Converter.Visio;

namespace Diagrams.Converter;

/// <summary>
/// The regional endpoint for heavy jobs (one deployment per region, stateless). Every job route needs the
/// service token for this region: PDF export (warm Chromium), Visio import, PlantUML rendering, Gliffy import.
/// </summary>
public static class Program
{
    public static Task Main(string[] args) => Build(args).RunAsync();

    /// <param name="configure">Extra wiring before the app is built (tests add a log capture).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Services.AddOptions<ConverterOptions>().BindConfiguration(ConverterOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => KeyLength(o.ServiceKey) >= 32, "Converter:ServiceKey must be base64 of at least 32 bytes.")
            .Validate(o => string.IsNullOrEmpty(o.WorkFolder) || Directory.Exists(o.WorkFolder), "Converter:WorkFolder must name an existing folder.")
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ServiceToken>();
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddOptions<PlantUmlOptions>().BindConfiguration($"{ConverterOptions.Section}:PlantUml")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PlantUmlRenderer>(); // disposed with the host: kills its processes
        builder.Services.AddVisioImport();
        builder.Services.AddOptions<PdfOptions>().BindConfiguration($"{ConverterOptions.Section}:Pdf")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<PdfRenderer>(); // disposed with the host: closes Chromium
        builder.Services.AddHostedService<PdfWarmup>();
        builder.Services.AddProblemDetails();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024 * 1024);
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", (Microsoft.Extensions.Options.IOptions<ConverterOptions> o) => Results.Text($"ok {o.Value.Region}"));
        var jobs = app.MapGroup("/v1").AddEndpointFilter(async (invocation, next) =>
        {
            var failure = invocation.HttpContext.RequestServices.GetRequiredService<ServiceToken>().Check(invocation.HttpContext.Request.Headers.Authorization);
            return failure is null ? await next(invocation) : Results.Problem(statusCode: 401, title: "Unauthorized", detail: failure);
        });
        jobs.MapPost("/import/gliffy", (HttpContext http, JobRunner runner, Microsoft.Extensions.Options.IOptions<ConverterOptions> o) =>
            runner.RunAsync("gliffy", http, job =>
            {
                try
                {
                    var xml = GliffyImporter.Convert(new MemoryStream(job.Input), new GliffyLimits(MaxBytes: o.Value.MaxRequestBytes));
                    return Task.FromResult(Results.Text(xml, "application/vnd.jgraph.mxfile", System.Text.Encoding.UTF8));
                }
                catch (GliffyImportException ex)
                {
                    throw new JobRejectedException(422, "Cannot import this Gliffy file", ex.Message);
                }
            }));
        jobs.MapPost("/render/plantuml", (HttpContext http, JobRunner runner, PlantUmlRenderer renderer, string? format) =>
            runner.RunAsync("plantuml", http, async job =>
            {
                var kind = format?.ToLowerInvariant() switch
                {
                    null or "" or "svg" => PlantUmlFormat.Svg,
                    "png" => PlantUmlFormat.Png,
                    _ => throw new JobRejectedException(422, "Unknown format", "format must be svg or png."),
                };
                var block = PlantUmlGuard.Check(job.Input, renderer.Options);
                var image = await renderer.RenderAsync(block, kind, job.CancellationToken); // 422 with line and message for a syntax error
                return Results.Bytes(image, kind == PlantUmlFormat.Png ? "image/png" : "image/svg+xml");
            }));
        jobs.MapPost("/import/visio", (HttpContext http, JobRunner runner, VisioImportService visio) =>
            runner.RunAsync("visio", http, async job =>
            {
                // .vsdx natively, .vsd/.vdx through libvisio; stencils (.vssx/.vss/.vsx) answer a shape library.
                var result = await visio.ImportAsync(job.Input, http.Request.Headers["X-File-Name"].ToString(), job.Folder, job.CancellationToken);
                return Results.Text(result.Xml, result.MediaType, System.Text.Encoding.UTF8);
            }));
        jobs.MapPost("/export/pdf", (HttpContext http, JobRunner runner, PdfRenderer renderer) =>
            runner.RunAsync("pdf", http, async job =>
            {
                var request = PdfRequest.Parse(http.Request.Query);
                var pages = DiagramFile.Read(job.Input, renderer.Options);
                if (request.From > pages.Count)
                {
                    throw new JobRejectedException(422, "Invalid export option", $"from is {request.From} but the diagram has {pages.Count} page(s).");
                }

                var last = Math.Min(request.To ?? pages.Count, pages.Count);
                var selected = pages.Skip(request.From - 1).Take(last - request.From + 1).Select(p => p.ModelXml).ToList();
                if (selected.Count * request.SheetsPerPage > renderer.Options.MaxPages)
                {
                    throw new JobRejectedException(422, "Invalid export option",
                        $"{selected.Count} page(s) on {request.SheetsPerPage} sheets each would print {selected.Count * request.SheetsPerPage} sheets; the largest allowed is {renderer.Options.MaxPages}.");
                }

                var pdf = await renderer.RenderAsync(selected, request, job.CancellationToken);
                return Results.Bytes(pdf, "application/pdf");
            }));

        return app;
    }

    private static int KeyLength(string? base64)
    {
        var buffer = new byte[1024];
        return Convert.TryFromBase64String(base64 ?? string.Empty, buffer, out var written) ? written : 0;
    }
}
