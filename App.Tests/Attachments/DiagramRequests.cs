using System.Net.Http.Headers;
using System.Text;
using Diagrams.App.Tests.Infrastructure;

namespace Diagrams.App.Tests.Attachments;

/// <summary>Intent helpers for <c>/api/diagrams</c>: what the editor's server-side save would send.</summary>
public static class DiagramRequests
{
    public static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    /// <summary>The arguments every attachments test runs App with: fast retries, HostSim's media host allowed.</summary>
    public static readonly string[] AppArgs =
    [
        "--Connect:MediaHosts:0=localhost",
        "--Connect:AllowedHosts:1=localhost", // a second site host, for per-host circuit breakers
        "--Connect:HostCalls:BaseDelaySeconds=0.02",
        "--Connect:HostCalls:AttemptTimeoutSeconds=2",
        "--Connect:HostCalls:RetryAfterCapSeconds=5",
        "--Connect:HostCalls:AnswerTimeoutSeconds=2",
    ];

    public static string Mxfile(string label) =>
        $"""<mxfile host="test"><diagram id="d1" name="Page-1"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/><mxCell id="2" value="{label}" vertex="1" parent="1"><mxGeometry x="10" y="10" width="80" height="40" as="geometry"/></mxCell></root></mxGraphModel></diagram></mxfile>""";

    public static MultipartFormDataContent Form(string xml, byte[]? preview = null)
    {
        var diagram = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        diagram.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.jgraph.mxfile");
        var form = new MultipartFormDataContent { { diagram, "diagram", "diagram.drawio" } };
        if (preview is not null)
        {
            var image = new ByteArrayContent(preview);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(image, "preview", "preview.png");
        }

        return form;
    }

    /// <summary>Calls the diagram API as <paramref name="user"/> (default: <see cref="SimClient.DefaultUser"/>, a user of every test site).</summary>
    public static async Task<HttpResponseMessage> SendAsync(this TestSystem system, Site site, HttpMethod method, string path, HttpContent? content = null,
        AppInstance? instance = null, string? user = SimClient.DefaultUser)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("JWT", await system.Sim.ContextTokenAsync(site, user));
        return await (instance ?? system.App).Http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SaveAsync(this TestSystem system, Site site, string path, string xml, byte[]? preview = null, AppInstance? instance = null,
        string? user = SimClient.DefaultUser) =>
        system.SendAsync(site, HttpMethod.Put, path, Form(xml, preview), instance, user);
}
