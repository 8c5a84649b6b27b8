using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Diagrams.Converter.Pdf;

/// <summary>
/// Reads a draw.io file (REFERENCE §7) with every size bounded: <c>&lt;mxfile&gt;</c> with one <c>&lt;diagram&gt;</c> per
/// page, each holding an <c>&lt;mxGraphModel&gt;</c> or the compressed form (base64 of raw deflate of the URI-encoded XML);
/// a bare <c>&lt;mxGraphModel&gt;</c> is one page. DTDs are prohibited; depth, element count, page count and inflated
/// size are limited. Breaches throw <see cref="JobRejectedException"/> (413/422) naming the limit.
/// </summary>
public static class DiagramFile
{
    public sealed record Page(string Name, string ModelXml);

    public static IReadOnlyList<Page> Read(byte[] input, PdfOptions limits)
    {
        var pages = new List<Page>();
        var elements = 0;
        using var reader = XmlReader.Create(new MemoryStream(input), Settings());
        try
        {
            reader.MoveToContent();
            if (reader.LocalName == "mxGraphModel")
            {
                pages.Add(new Page("Page-1", CopyModel(reader, limits, ref elements)));
                return pages;
            }

            if (reader.LocalName != "mxfile")
            {
                throw Reject(422, $"The input is not a draw.io file: the root element is <{reader.LocalName}>, expected <mxfile> or <mxGraphModel>.");
            }

            if (reader.IsEmptyElement)
            {
                throw Reject(422, "The draw.io file has no pages.");
            }

            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                    continue;
                }

                if (reader.LocalName != "diagram")
                {
                    reader.Skip();
                    continue;
                }

                if (pages.Count == limits.MaxPages)
                {
                    throw Reject(422, $"The diagram has more than {limits.MaxPages} pages (Converter:Pdf:MaxPages).");
                }

                pages.Add(ReadPage(reader, pages.Count, limits, ref elements));
            }
        }
        catch (XmlException ex)
        {
            throw Reject(422, $"The input is not well-formed XML (DTDs are not allowed): {ex.Message}");
        }

        return pages.Count == 0 ? throw Reject(422, "The draw.io file has no pages.") : pages;
    }

    private static Page ReadPage(XmlReader reader, int index, PdfOptions limits, ref int elements)
    {
        var name = reader.GetAttribute("name") is { Length: > 0 } n ? n : $"Page-{index + 1}";
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return new Page(name, EmptyModel);
        }

        var depth = reader.Depth;
        reader.Read();
        string? model = null;
        var text = new StringBuilder();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "mxGraphModel" && model is null)
            {
                model = CopyModel(reader, limits, ref elements);
                continue;
            }

            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA)
            {
                text.Append(reader.Value);
            }

            if (reader.NodeType == XmlNodeType.Element)
            {
                reader.Skip();
                continue;
            }

            reader.Read();
        }

        reader.Read(); // </diagram>
        if (model is null && text.ToString().Trim() is { Length: > 0 } compressed)
        {
            var inflated = Inflate(compressed, limits);
            using var inner = XmlReader.Create(new StringReader(inflated), Settings());
            inner.MoveToContent();
            if (inner.LocalName != "mxGraphModel")
            {
                throw Reject(422, $"Page {index + 1} does not hold an <mxGraphModel>.");
            }

            model = CopyModel(inner, limits, ref elements);
        }

        return new Page(name, model ?? EmptyModel);
    }

    private const string EmptyModel = "<mxGraphModel><root><mxCell id=\"0\"/><mxCell id=\"1\" parent=\"0\"/></root></mxGraphModel>";

    /// <summary>Copies the element under the reader (an mxGraphModel) to a string, counting elements and depth.</summary>
    private static string CopyModel(XmlReader reader, PdfOptions limits, ref int elements)
    {
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            var start = reader.Depth;
            do
            {
                if (reader.Depth - start > limits.MaxXmlDepth)
                {
                    throw Reject(422, $"The diagram XML is nested deeper than {limits.MaxXmlDepth} levels.");
                }

                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (++elements > limits.MaxElements)
                        {
                            throw Reject(422, $"The diagram has more than {limits.MaxElements} XML elements (Converter:Pdf:MaxElements).");
                        }

                        var empty = reader.IsEmptyElement;
                        writer.WriteStartElement(reader.LocalName);
                        writer.WriteAttributes(reader, defattr: false);
                        if (empty)
                        {
                            writer.WriteEndElement();
                        }

                        break;
                    case XmlNodeType.EndElement:
                        writer.WriteFullEndElement();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                        writer.WriteString(reader.Value);
                        break;
                }

                reader.Read();
            }
            while (reader.Depth > start);

            if (reader.NodeType == XmlNodeType.EndElement && reader.Depth == start)
            {
                writer.WriteFullEndElement();
                reader.Read();
            }
        }

        return output.ToString();
    }

    private static string Inflate(string base64, PdfOptions limits)
    {
        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw Reject(422, "A compressed page is not valid base64.");
        }

        using var inflater = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        try
        {
            for (int read; (read = inflater.Read(buffer)) > 0;)
            {
                if (output.Length + read > limits.MaxInflatedBytes)
                {
                    throw Reject(413, $"A compressed page inflates to more than {limits.MaxInflatedBytes} bytes (Converter:Pdf:MaxInflatedBytes).");
                }

                output.Write(buffer, 0, read);
            }
        }
        catch (InvalidDataException)
        {
            throw Reject(422, "A compressed page is not valid deflate data.");
        }

        try
        {
            return Uri.UnescapeDataString(Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length));
        }
        catch (UriFormatException)
        {
            throw Reject(422, "A compressed page is not URI-encoded XML.");
        }
    }

    private static XmlReaderSettings Settings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static JobRejectedException Reject(int status, string detail) =>
        new(status, status == 413 ? "Input too large" : "Cannot export this diagram", detail);
}
