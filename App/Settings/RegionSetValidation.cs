using Diagrams.App.Hosting;
using Microsoft.Extensions.Options;

namespace Diagrams.App.Settings;

/// <summary>Start-up check of <c>Regions:{CODE}:*</c>; every message names the key to fix.</summary>
internal sealed class RegionSetValidation : IValidateOptions<RegionSet>
{
    public ValidateOptionsResult Validate(string? name, RegionSet options)
    {
        var failures = options.Problems.Concat(options.Codes.SelectMany(code => Check($"{RegionSet.Section}:{code}", options.For(code)!))).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(string key, RegionEndpoint endpoint)
    {
        if (endpoint.Url is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return $"{key}:Url must be an absolute http or https URL.";
        }

        if (endpoint.Url is not null && endpoint.Key is null)
        {
            yield return $"{key}:Url is set but {key}:Key is not: set the base64 service key that region's Converter has as Converter:ServiceKey.";
        }

        if (endpoint.Key is not null && Base64Key.Length(endpoint.Key) < 32)
        {
            yield return $"{key}:Key must be base64 of at least 32 bytes.";
        }
    }
}
