using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Diagrams.App.Attachments;
using Diagrams.App.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Attachments;

/// <summary>
/// An SVG preview is stored on the site, where it can be opened directly as a document: active content is refused
/// before anything is sent (issue 9, item 9: a preview with a script was stored as is).
/// </summary>
public sealed class SvgPreviewTests : IAsyncLifetime
{
    private const string Svg = "http://www.w3.org/2000/svg";
    private TestSystem _system = null!;
    private Site _site = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(1, DiagramRequests.AppArgs);
        _site = await _system.Sim.InstallTenantAsync();
        await _system.Sim.PutPageAsync(_site, "100");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public static TheoryData<string> Hostile() =>
    [
        $"""<svg xmlns="{Svg}"><script>alert(document.domain)</script></svg>""",
        $"""<svg xmlns="{Svg}" onload="alert(1)"><rect width="1" height="1"/></svg>""",
        $"""<svg xmlns="{Svg}"><rect ONCLICK="alert(1)" width="1" height="1"/></svg>""",
        $"""<svg xmlns="{Svg}" xmlns:x="http://www.w3.org/1999/xlink"><a x:href="javascript:alert(1)"><text>go</text></a></svg>""",
        $"""<svg xmlns="{Svg}"><a href=" JavaScript:alert(1)"><text>go</text></a></svg>""",
        $"""<svg xmlns="{Svg}"><a><set attributeName="href" to="javascript:alert(1)"/><text>go</text></a></svg>""",
        $"""<svg xmlns="{Svg}"><animate attributeName="onbegin" values="alert(1)"/></svg>""",
        $"""<svg xmlns="{Svg}"><image href="https://evil.example/track.png" width="1" height="1"/></svg>""",
        $"""<svg xmlns="{Svg}"><image href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/></svg>""",
        $"""<svg xmlns="{Svg}"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>""",
        $"""<svg xmlns="{Svg}"><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject></svg>""",
        $"""<svg xmlns="{Svg}"><style>@import url(https://evil.example/x.css);</style></svg>""",
        $$"""<svg xmlns="{{Svg}}"><style><![CDATA[rect { fill: url(https://evil.example/p) }]]></style></svg>""",
        $"""<svg xmlns="{Svg}"><rect style="background:url('//evil.example/p')" width="1" height="1"/></svg>""",
        $"""<svg xmlns="{Svg}"><use href="https://evil.example/sprite.svg#a"/></svg>""",
        $"""<svg xmlns="{Svg}"><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">alert(1)</handler></svg>""",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Save_SvgPreviewWithActiveContent_Is400AndNothingIsStored(string svg)
    {
        using var save = await SaveWithSvgAsync(svg);

        save.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await save.Content.ReadAsStringAsync()).ShouldContain("SVG preview was refused");
        (await _system.Sim.AttachmentsAsync(_site)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_DrawingOnlySvgPreview_IsStored()
    {
        var svg = $$"""
            <svg xmlns="{{Svg}}" xmlns:xlink="http://www.w3.org/1999/xlink" width="120" height="60" style="background-color: rgb(255, 255, 255);">
              <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><style>text { font-family: Helvetica; }</style></defs>
              <rect x="1" y="1" width="80" height="40" fill="url(#g)" stroke="#000" style="filter: url(#shadow)"/>
              <use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
              <foreignObject width="80" height="40"><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex;"><b>Label</b> onward</div></foreignObject>
              <a href="#top"><text x="5" y="20">ok</text></a>
            </svg>
            """;

        using var save = await SaveWithSvgAsync(svg);

        save.StatusCode.ShouldBe(HttpStatusCode.OK, await save.Content.ReadAsStringAsync());
        (await _system.Sim.AttachmentsAsync(_site)).Select(a => a.GetProperty("name").GetString()).Order().ShouldBe(["d", "d.svg"]);
    }

    [Fact]
    public void Problem_ForeignNamespaceScript_IsStillFound() =>
        SvgPreviewCheck.Problem(Encoding.UTF8.GetBytes($"""<svg xmlns="{Svg}"><x:script xmlns:x="urn:other">1</x:script></svg>""")).ShouldNotBeNull();

    private async Task<HttpResponseMessage> SaveWithSvgAsync(string svg)
    {
        var form = DiagramRequests.Form(DiagramRequests.Mxfile("x"));
        var preview = new ByteArrayContent(Encoding.UTF8.GetBytes(svg));
        preview.Headers.ContentType = new MediaTypeHeaderValue("image/svg+xml");
        form.Add(preview, "preview", "preview.svg");
        return await _system.SendAsync(_site, HttpMethod.Put, "/api/diagrams/confluence/pages/100/d", form);
    }
}
