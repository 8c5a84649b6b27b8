using System.Net.Http.Headers;
using System.Text;
using Diagrams.App.Platform.Connect;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Atlassian;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Hosting;

/// <summary>
/// Random bytes, random JSON, hostile headers and odd route values at every route of App and of a Converter, with and
/// without valid tokens: nothing a client sends may cause a 5xx (issue 9, "Also"). The seed is fixed, so a failure
/// reproduces; each failure is listed with the request that caused it.
/// </summary>
public sealed class FuzzTests : IAsyncLifetime
{
    private const int RequestsPerRoute = 24;
    private const string Admin = "557058:fuzz-admin";
    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "multipart/form-data; boundary=x", "multipart/form-data", "multipart/form-data; boundary=",
        "a b", ";;;", "text/plain, application/json", "application/octet-stream", "image/svg+xml", "application/vnd.jgraph.mxfile", "text/plain; charset=bogus",
        "application/json; charset=\"", "x/y; a=\"unterminated", "*/*", "",
    ];

    private static readonly (string Name, string Value)[] Headers =
    [
        ("If-Match", "\"garbage"), ("If-Match", "*"), ("Accept", "\t"), ("Accept", "text/html;q=abc"), ("Content-Encoding", "gzip"), ("X-Forwarded-Proto", "gopher"),
        ("X-Forwarded-For", "::::"), ("Range", "bytes=9-1"), ("Origin", "null"), ("Cookie", "a=" + new string('x', 3000)), ("Expect", "100-continue"),
        ("X-Atlassian-Token", "no-check"), ("Accept-Language", "zz;q=2"), ("Authorization", "JWT"), ("Authorization", "Bearer a.b.c"), ("Authorization", "JWT %%%"),
    ];

    private static readonly string[] Values =
    [
        "100", "DEMO-1", "demo", "1", "0", "-1", "99999999999999999999999", "..", ".", "%2e%2e", "a%2Fb", "att1", "x.png", "editor.js", "plantuml", "pdf", "gliffy", "visio",
        "draft", "current", "NaN", "1e308", "\u00e9\u00e8", "<script>", "a b", new string('z', 300), "\ud83d\ude00",
    ];

    private static readonly string[] AsciiValues = [.. Values.Where(v => v.All(char.IsAscii))]; // header values must be ASCII

    private readonly Random _random = new(20261201);
    private TestSystem _system = null!;
    private TestConverter _eu = null!;
    private TestConverter _us = null!;
    private Site _confluence = null!;
    private Site _jira = null!;

    public async Task InitializeAsync()
    {
        _eu = await TestConverter.StartAsync("EU");
        _us = await TestConverter.StartAsync("US");
        _system = await TestSystem.StartAsync(1, [.. DiagramRequestsArgs(), .. _eu.AppArgs(), .. _us.AppArgs()]);
        _confluence = await _system.Sim.InstallTenantAsync("confluence", Admin);
        _jira = await _system.Sim.InstallTenantAsync("jira", Admin);
        await _system.Sim.PutPageAsync(_confluence, "100");
        await _system.Sim.PutIssueAsync(_jira, "DEMO-1");
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _eu.DisposeAsync();
        await _us.DisposeAsync();
    }

    [Fact]
    public async Task EveryAppRoute_RandomInput_NeverAnswers5xx()
    {
        var failures = new List<string>();
        var routes = Routes(_system.App.App.Services).ToList();
        routes.Count.ShouldBeGreaterThan(20);
        foreach (var (pattern, method, auth) in routes)
        {
            for (var i = 0; i < RequestsPerRoute; i++)
            {
                var site = _random.Next(2) == 0 ? _confluence : _jira;
                var path = Fill(pattern) + RandomQuery();
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = RandomBody(out var described) };
                AddRandomHeaders(request);
                await AuthorizeAsync(request, site, auth, method, path);
                await SendAsync(_system.App.Http, request, $"{method} {path} [{described}]", failures);
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task EveryConverterRoute_RandomInput_NeverAnswers5xx()
    {
        var failures = new List<string>();
        using var http = new HttpClient { BaseAddress = _eu.Url, Timeout = TimeSpan.FromSeconds(60) };
        var routes = Routes(_eu.App.Services).ToList();
        routes.Count.ShouldBeGreaterThan(4);
        foreach (var (pattern, method, _) in routes)
        {
            for (var i = 0; i < RequestsPerRoute; i++)
            {
                var path = Fill(pattern) + RandomQuery();
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = RandomBody(out var described) };
                AddRandomHeaders(request);
                request.Headers.Authorization = _random.Next(5) switch
                {
                    0 => null,
                    4 => new AuthenticationHeaderValue("Bearer", OddServiceToken()),
                    1 => new AuthenticationHeaderValue("Bearer", RandomJwt()),
                    2 => ServiceTokens.Bearer(_eu.Key, "US"),
                    _ => ServiceTokens.Bearer(_eu.Key),
                };
                await SendAsync(http, request, $"{method} {path} [{described}]", failures);
            }
        }

        failures.ShouldBeEmpty(string.Join("\n", failures.Take(40)));
    }

    private static string[] DiagramRequestsArgs() => Attachments.DiagramRequests.AppArgs;

    private static IEnumerable<(string Pattern, string Method, ConnectAuthKind? Auth)> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ("/" + e.RoutePattern.RawText!.TrimStart('/'), m, e.Metadata.GetMetadata<ConnectAuthMetadata>()?.Kind)));

    private static async Task SendAsync(HttpClient http, HttpRequestMessage request, string described, List<string> failures)
    {
        try
        {
            using var response = await http.SendAsync(request);
            if ((int)response.StatusCode >= 500)
            {
                var body = await response.Content.ReadAsStringAsync();
                failures.Add($"{(int)response.StatusCode} {described}: {body[..Math.Min(body.Length, 300)]}");
            }
        }
        catch (HttpRequestException ex)
        {
            failures.Add($"connection failed {described}: {ex.Message}");
        }
    }

    private string Fill(string pattern)
    {
        var path = new StringBuilder();
        foreach (var part in pattern.Split('/'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            path.Append('/');
            if (part.StartsWith('{'))
            {
                var name = part.Trim('{', '}').Split(':')[0];
                var value = _random.Next(3) == 0 ? Pick(Values) : name switch
                {
                    "pageId" => "100",
                    "issueKey" => "DEMO-1",
                    "kind" => Pick(["plantuml", "pdf", "gliffy", "visio"]),
                    "file" => Pick(["viewer.js", "editor.js", "x"]),
                    _ => "demo",
                };
                path.Append(Uri.EscapeDataString(value));
            }
            else
            {
                path.Append(part);
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }

    private string RandomQuery()
    {
        var count = _random.Next(4);
        var query = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var name = Pick(["status", "version", "format", "pageId", "issueKey", "diagramName", "revision", "jwt", "xdm_e", "scale", "paper", "from", Pick(Values)]);
            query.Append(i == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(name == "jwt" ? RandomJwt() : Pick(Values)));
        }

        return query.ToString();
    }

    private ByteArrayContent? RandomBody(out string described)
    {
        var kind = _random.Next(5);
        byte[] bytes = kind switch
        {
            0 => [],
            1 => RandomBytes(_random.Next(1, 4096)),
            2 or 3 => Encoding.UTF8.GetBytes(RandomJson(0)),
            _ => Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"" + Pick(["diagram", "preview", "file", "\""]) + "\"\r\nContent-Type: " + Pick(ContentTypes)
                + "\r\n\r\n" + Pick(["<mxfile/>", "<svg xmlns='http://www.w3.org/2000/svg'/>", "<!DOCTYPE x [<!ENTITY a 'b'>]><x>&a;</x>", RandomJson(0)]) + "\r\n--x--\r\n"),
        };
        var contentType = kind == 4 ? "multipart/form-data; boundary=x" : Pick(ContentTypes);
        described = $"{bytes.Length} bytes, {contentType}";
        if (bytes.Length == 0 && _random.Next(2) == 0)
        {
            return null;
        }

        var content = new ByteArrayContent(bytes);
        if (contentType.Length > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    private string RandomJson(int depth)
    {
        switch (_random.Next(depth > 3 ? 6 : 9))
        {
            case 0: return "null";
            case 1: return Pick(["true", "false"]);
            case 2: return Pick(["0", "-0", "1e308", "-1e309", "123456789012345678901234567890", "1.5", "9223372036854775808", "-1"]);
            case 3: return "\"" + Pick(["\\ud800", "\\udfff\\ud800", "EU", "US", "eu", "x", "\\u0000", "<script>", "../..", new string('a', 500)]) + "\"";
            case 4: return "\"" + Pick(Values).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case 5: return Pick(["{", "[", "{\"a\":", "[1,", "\"unterminated", "{\"\\ud800\":1}", "{\"lockdown\":\"yes\"}"]);
            case 6:
            case 7:
                var keys = Enumerable.Range(0, _random.Next(4)).Select(_ => Pick(["dataGovernance", "lockdown", "\\ud800", "", "results", "name", "id", "version", "x"]));
                return "{" + string.Join(",", keys.Select(k => $"\"{k}\":{RandomJson(depth + 1)}")) + "}";
            default:
                return "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => RandomJson(depth + 1))) + "]";
        }
    }

    private void AddRandomHeaders(HttpRequestMessage request)
    {
        for (var i = _random.Next(3); i > 0; i--)
        {
            var (name, value) = Headers[_random.Next(Headers.Length)];
            if (name is "Content-Encoding" or "Content-Type")
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, Site site, ConnectAuthKind? auth, string method, string path)
    {
        if (request.Headers.Authorization is not null || auth is null)
        {
            return;
        }

        var token = _random.Next(6) switch
        {
            0 => RandomJwt(),
            1 => await SignedOddTokenAsync(site, method, path),
            _ when auth == ConnectAuthKind.ContextToken => await _system.Sim.ContextTokenAsync(site, Pick([Admin, SimClient.DefaultUser, "557058:stranger"])),
            _ when auth == ConnectAuthKind.HostRequest => await _system.Sim.RequestTokenAsync(site, method, path),
            _ => RandomJwt(),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "JWT " + token);
    }

    /// <summary>Correctly signed with the site's secret, so the claims themselves are what the app must cope with.</summary>
    private async Task<string> SignedOddTokenAsync(Site site, string method, string path)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = site.ClientKey,
            ["iat"] = _random.Next(2) == 0 ? now : Odd(),
            ["exp"] = _random.Next(2) == 0 ? now + 60 : Odd(),
            ["qsh"] = _random.Next(2) == 0 ? "context-qsh" : Qsh.Compute(method, path.Split('?')[0], path.Contains('?', StringComparison.Ordinal) ? path[(path.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty),
        };
        if (_random.Next(2) == 0)
        {
            claims["sub"] = Pick<object>([Admin, 5, "", new string('s', 200)]);
        }

        return Hs256.Sign(claims, Encoding.UTF8.GetBytes(await _system.Sim.SharedSecretAsync(site)));
    }

    private object Odd() => Pick<object>([1e20, -1e20, long.MaxValue, long.MinValue, 1.5, "soon", "", 0, -1, double.MaxValue, true]);

    /// <summary>A service token signed with the region's real key, with odd time claims.</summary>
    private string OddServiceToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return Hs256.Sign(new Dictionary<string, object>
        {
            ["iss"] = Diagrams.Converter.ServiceToken.Issuer,
            ["aud"] = _random.Next(3) == 0 ? Odd() : "EU",
            ["iat"] = _random.Next(2) == 0 ? now : Odd(),
            ["exp"] = _random.Next(2) == 0 ? now + 30 : Odd(),
        }, Convert.FromBase64String(_eu.Key));
    }

    private string RandomJwt()
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Pick(["{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"RS256\",\"kid\":\"..\"}", "{\"alg\":\"none\"}", "{\"alg\":\"RS256\",\"kid\":\"%2e%2e\"}", "[]", "{", "{\"alg\":5}"]);
        var claims = Pick(["{\"iss\":\"x\",\"exp\":1e20,\"iat\":0,\"qsh\":\"context-qsh\"}", "{\"iss\":\"" + _confluence.ClientKey + "\",\"exp\":9223372036854775807,\"iat\":-9223372036854775808}",
            "{\"exp\":\"soon\"}", "null", "{\"iss\":{}}", RandomJson(0)]);
        return _random.Next(4) == 0 ? Pick(AsciiValues) : $"{B64(header)}.{B64(claims)}.{B64(Pick(["sig", "", "\u0000"]))}";
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];
}
