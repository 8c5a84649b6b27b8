using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Diagrams.App.Tests.Infrastructure;
using Diagrams.Converter.Visio;
using Microsoft.AspNetCore.Builder;
using Shouldly;
using Xunit;
using ConverterProgram = Diagrams.Converter.Program;

namespace Diagrams.App.Tests.Converter;

/// <summary>POST /v1/import/visio on a real in-process Converter: media types, and every hostile file a named 4xx.</summary>
public sealed class VisioHttpTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(90) };
    private readonly string _key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private WebApplication _app = null!;
    private Uri _url = null!;

    public async Task InitializeAsync()
    {
        _url = new Uri($"http://127.0.0.1:{TestSystem.FreePort()}");
        _app = ConverterProgram.Build([$"--urls={_url}", "--Converter:Region=EU", $"--Converter:ServiceKey={_key}", "--Logging:LogLevel:Default=Warning",
            "--Converter:MaxRequestBytes=4000000", "--Converter:Tools:TimeoutSeconds=5"]);
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("drawing.vsdx", VisioImportService.DrawingMediaType, "<mxfile")]
    [InlineData("shapes.vssx", VisioImportService.LibraryMediaType, "<mxlibrary>")]
    [InlineData("old.vdx", VisioImportService.DrawingMediaType, "<mxfile")]
    [InlineData("shapes.vsx", VisioImportService.LibraryMediaType, "<mxlibrary>")]
    public async Task Import_EachKind_AnswersItsMediaType(string name, string mediaType, string start)
    {
        var body = name switch
        {
            "shapes.vssx" => VisioTestFiles.FixtureAsStencil(),
            "old.vdx" => Encoding.UTF8.GetBytes(VisioTestFiles.Vdx),
            "shapes.vsx" => Encoding.UTF8.GetBytes(VisioTestFiles.Vsx),
            _ => VisioTestFiles.FixtureWithImages(VisioTestFiles.Emf()),
        };

        using var response = await ImportAsync(body, name);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        text.ShouldStartWith(start);
    }

    public static TheoryData<string, string, int, string> Hostile() => new()
    {
        { "random.vsd", "random", 422, "format:" },
        { "ole.vss", "ole", 422, "format:" },
        { "evil.vdx", "xxe", 422, "dtd:" },
        { "deep.vdx", "deep", 422, "xml-depth:" },
        { "cut.vsdx", "cut", 422, "zip:" },
        { "big.vsdx", "big", 413, "Converter:MaxRequestBytes" },
        { "virus.exe", "random", 415, ".exe" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Import_HostileFile_IsANamed4xxProblem_AndTheServiceStaysHealthy(string name, string kind, int status, string named)
    {
        var random = new byte[32 * 1024];
        new Random(3).NextBytes(random);
        var fixture = await File.ReadAllBytesAsync(Fixtures.Path(VisioTestFiles.Fixture));
        var body = kind switch
        {
            "ole" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. random],
            "xxe" => Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE VisioDocument [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><VisioDocument xmlns=\"http://schemas.microsoft.com/visio/2003/core\"><Pages><Page ID=\"0\"><Shapes><Shape ID=\"1\"><Text>&b;</Text></Shape></Shapes></Page></Pages></VisioDocument>"),
            "deep" => Encoding.UTF8.GetBytes("<VisioDocument>" + string.Concat(Enumerable.Repeat("<a>", 500)) + string.Concat(Enumerable.Repeat("</a>", 500)) + "</VisioDocument>"),
            "cut" => fixture[..(fixture.Length / 2)],
            "big" => new byte[5_000_000],
            _ => random,
        };

        using (var refused = await ImportAsync(body, name))
        {
            ((int)refused.StatusCode).ShouldBe(status);
            refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var problem = await refused.Content.ReadAsStringAsync();
            problem.ShouldContain(named);
            problem.ShouldContain("\"title\"");
        }

        (await Http.GetStringAsync(new Uri(_url, "/healthz"))).ShouldStartWith("ok");
        using var again = await ImportAsync(fixture, "HR.vsdx");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<HttpResponseMessage> ImportAsync(byte[] body, string fileName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_url, "/v1/import/visio")) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Content.Headers.Add("X-File-Name", fileName);
        request.Headers.Authorization = ServiceTokens.Bearer(_key);
        return await Http.SendAsync(request);
    }
}
