using System.Diagnostics;
using System.Net;
using System.Text;
using Shouldly;
using Xunit;

namespace Diagrams.App.Tests.Converter;

/// <summary>
/// PDF export draws draw.io's library stencils and bundled img/lib/ icons as the viewer does: the render page loads them
/// from Converter's own copy of the assets (nothing from the network), a shape we cannot draw is an outline, not a block
/// of its fill, and an icon we do not have is not drawn.
/// </summary>
public sealed class PdfStencilTests(PdfConverter converter) : IClassFixture<PdfConverter>
{
    [Theory]
    [InlineData("mxgraph.arrows.arrow_right", 0.35, 0.9)]
    [InlineData("mxgraph.nosuchlibrary.thing", 0.0, 0.15)]
    public async Task ShapeWithABlackFill_IsDrawnFromItsStencil_OrAsAnOutlineWhenUnknown(string shape, double minDark, double maxDark)
    {
        var file = $"""
            <mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
            <mxCell id="2" value="" style="shape={shape};fillColor=#000000;strokeColor=#000000;" vertex="1" parent="1"><mxGeometry width="400" height="280" as="geometry"/></mxCell>
            </root></mxGraphModel></diagram></mxfile>
            """;

        using var response = await converter.ExportAsync(Encoding.UTF8.GetBytes(file), "?border=0");

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        var dark = await DarkFractionAsync(pdf);
        dark.ShouldBeInRange(minDark, maxDark, $"{shape}: the share of dark pixels in the page");
    }

    [Theory]
    [InlineData("img/lib/azure2/compute/Virtual_Machine.svg", 0.2, 1.0)]
    [InlineData("img/lib/clip_art/computers/Monitor_128x128.png", 0.15, 1.0)]
    [InlineData("img/lib/azure2/compute/No_Such_Icon.svg", 0.0, 0.01)]
    [InlineData("img/lib/../../render.js", 0.0, 0.01)]
    public async Task ImageFromDrawiosIconFolders_IsDrawnFromConvertersOwnCopy_AndAnUnknownOneIsNot(string image, double minDark, double maxDark)
    {
        var file = $"""
            <mxfile><diagram name="P"><mxGraphModel><root><mxCell id="0"/><mxCell id="1" parent="0"/>
            <mxCell id="2" value="" style="shape=image;imageAspect=0;image={image};" vertex="1" parent="1"><mxGeometry width="400" height="280" as="geometry"/></mxCell>
            </root></mxGraphModel></diagram></mxfile>
            """;

        using var response = await converter.ExportAsync(Encoding.UTF8.GetBytes(file), "?border=0");

        var pdf = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(pdf));
        (await DarkFractionAsync(pdf)).ShouldBeInRange(minDark, maxDark, $"{image}: the share of dark pixels in the page");
    }

    /// <summary>The page rasterised in grey (pdftoppm, 36 dpi): the share of pixels darker than mid grey.</summary>
    private static async Task<double> DarkFractionAsync(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "-gray", "-r", "36", "-f", "1", "-l", "1", file })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            using var image = new MemoryStream();
            await process.StandardOutput.BaseStream.CopyToAsync(image);
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, await process.StandardError.ReadToEndAsync());
            var bytes = image.ToArray();
            // Binary PGM: "P5", width, height, max value, each followed by whitespace, then one byte per pixel.
            var fields = new List<string>();
            var at = 0;
            while (fields.Count < 4)
            {
                while (char.IsWhiteSpace((char)bytes[at]))
                {
                    at++;
                }

                var begin = at;
                while (!char.IsWhiteSpace((char)bytes[at]))
                {
                    at++;
                }

                fields.Add(Encoding.ASCII.GetString(bytes, begin, at - begin));
            }

            fields[0].ShouldBe("P5");
            var pixels = bytes.AsSpan(at + 1, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture) * int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture));
            var darkCount = 0;
            foreach (var p in pixels)
            {
                if (p < 128)
                {
                    darkCount++;
                }
            }

            return (double)darkCount / pixels.Length;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
