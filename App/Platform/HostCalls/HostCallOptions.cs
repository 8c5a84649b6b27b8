using Diagrams.App.Platform.Connect;

namespace Diagrams.App.Platform.HostCalls;

/// <summary><c>Connect:HostCalls:*</c>: the bounds on every call to a tenant's site.</summary>
public sealed class HostCallOptions
{
    public const string Section = "Connect:HostCalls";

    /// <summary>Retries after the first attempt (Atlassian suggests at most 4).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>A <c>Retry-After</c> longer than this is not waited out; the caller gets the 429 and its retry time.</summary>
    public double RetryAfterCapSeconds { get; set; } = 30;

    public double AttemptTimeoutSeconds { get; set; } = 20;

    /// <summary>All attempts and waits of one call together.</summary>
    public double TotalTimeoutSeconds { get; set; } = 90;

    public double BaseDelaySeconds { get; set; } = 0.25;

    /// <summary>Once a JSON answer's headers are in, its body must arrive within this (the pipeline's timeouts end at the headers).</summary>
    public double AnswerTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest JSON answer read from a site (attachment lists, issue properties, permission checks).</summary>
    public int MaxAnswerBytes { get; set; } = 4 * 1024 * 1024;
}
