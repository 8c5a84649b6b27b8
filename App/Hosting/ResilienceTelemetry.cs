using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Telemetry;

namespace Diagrams.App.Hosting;

public static class ResilienceTelemetry
{
    /// <summary>
    /// Keeps Polly's metrics but not its log lines for this pipeline: they would name the pipeline instance (a site's
    /// origin) and carry exception text. The pipeline logs what it needs through its own <c>[LoggerMessage]</c> methods.
    /// </summary>
    public static ResiliencePipelineBuilder<HttpResponseMessage> WithoutPollyLogs(this ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context) =>
        pipeline.ConfigureTelemetry(new TelemetryOptions(context.GetOptions<TelemetryOptions>()) { LoggerFactory = NullLoggerFactory.Instance });
}
