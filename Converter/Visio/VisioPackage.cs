using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

/// <summary>
/// The .vsdx zip read defensively: the input is copied into a bounded buffer, every entry name is checked, and every
/// entry is inflated through a counting loop that stops at the size and ratio limits (the sizes the zip headers claim
/// are never trusted). XML parts are parsed with DTDs prohibited, no resolver and a depth bound.
/// </summary>
internal sealed class VisioPackage
{
    private readonly Dictionary<string, byte[]> _parts;
    private readonly VisioLimits _limits;

    private VisioPackage(Dictionary<string, byte[]> parts, VisioLimits limits)
    {
        _parts = parts;
        _limits = limits;
    }

    public static VisioPackage Read(Stream input, VisioLimits limits)
    {
        var bytes = ReadBounded(input, limits.MaxBytes);
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new VisioImportException("zip", "the file is not a readable zip archive", ex);
        }

        using (archive)
        {
            if (archive.Entries.Count > limits.MaxEntries)
            {
                throw new VisioImportException("entries", $"the archive holds more than {limits.MaxEntries} entries");
            }

            var parts = new Dictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var name = entry.FullName;
                CheckName(name);
                if (name.EndsWith('/'))
                {
                    continue; // a folder entry
                }

                var data = Inflate(entry, limits, ref total);
                if (!parts.TryAdd(name, data))
                {
                    throw new VisioImportException("entry-name", "the archive holds two entries with the same name");
                }
            }

            return new VisioPackage(parts, limits);
        }
    }

    private static byte[] ReadBounded(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new VisioImportException("size", $"the file is larger than {maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void CheckName(string name)
    {
        if (name.Length == 0 || name.Length > 512 || name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('/')
            || name.Contains(':', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal)
            || name.Split('/').Any(segment => segment == ".."))
        {
            throw new VisioImportException("entry-name", "an entry name is absolute, uses backslashes or climbs out with '..'");
        }
    }

    private static byte[] Inflate(ZipArchiveEntry entry, VisioLimits limits, ref long total)
    {
        try
        {
            using var source = entry.Open();
            using var target = new MemoryStream();
            var chunk = new byte[81920];
            var compressed = Math.Max(1, entry.CompressedLength);
            int read;
            while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
            {
                total += read;
                if (total > limits.MaxUncompressedBytes)
                {
                    throw new VisioImportException("uncompressed-size", $"the archive inflates to more than {limits.MaxUncompressedBytes} bytes");
                }

                target.Write(chunk, 0, read);
                if (target.Length > VisioLimits.RatioFloorBytes && (double)target.Length / compressed > limits.MaxCompressionRatio)
                {
                    throw new VisioImportException("compression-ratio", $"an entry inflates more than {limits.MaxCompressionRatio} times");
                }
            }

            return target.ToArray();
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new VisioImportException("zip", "an entry of the archive is corrupt or truncated", ex);
        }
    }

    public bool Has(string path) => _parts.ContainsKey(path);

    /// <summary>Every part's path, in no particular order.</summary>
    public IEnumerable<string> PartNames => _parts.Keys;

    /// <summary>True when [Content_Types].xml declares the main part a stencil (<c>.vssx</c>/<c>.vssm</c>), not a drawing.</summary>
    public bool IsStencil => Xml("[Content_Types].xml")?.Root?.Elements().Any(e => e.Name.LocalName == "Override"
        && string.Equals((string?)e.Attribute("PartName"), "/visio/document.xml", StringComparison.OrdinalIgnoreCase)
        && ((string?)e.Attribute("ContentType") ?? string.Empty).Contains("visio.stencil", StringComparison.OrdinalIgnoreCase)) == true;

    public byte[]? Bytes(string path) => _parts.GetValueOrDefault(path);

    /// <summary>Parses an XML part, or null when the part is absent.</summary>
    public XDocument? Xml(string path)
    {
        if (!_parts.TryGetValue(path, out var data))
        {
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = _limits.MaxUncompressedBytes,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using (var depthReader = XmlReader.Create(new MemoryStream(data, writable: false), settings))
            {
                while (depthReader.Read())
                {
                    if (depthReader.Depth > _limits.MaxXmlDepth)
                    {
                        throw new VisioImportException("xml-depth", $"{Short(path)} nests deeper than {_limits.MaxXmlDepth} levels");
                    }
                }
            }

            using var reader = XmlReader.Create(new MemoryStream(data, writable: false), settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException ex)
        {
            if (HasDoctype(data))
            {
                throw new VisioImportException("dtd", $"{Short(path)} declares a DOCTYPE, which is refused", ex);
            }

            throw new VisioImportException("xml", $"{Short(path)} is not well-formed XML", ex);
        }
    }

    private static bool HasDoctype(byte[] data)
    {
        var head = Encoding.UTF8.GetString(data, 0, Math.Min(data.Length, 64 * 1024));
        return head.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase)
            || Encoding.Unicode.GetString(data, 0, Math.Min(data.Length, 64 * 1024)).Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
    }

    private static string Short(string path) => path.Length <= 80 ? path : path[..80];

    /// <summary>
    /// The relationships of a part (<c>dir/_rels/name.rels</c>): id → absolute part path, resolved against the
    /// part's folder. Targets that leave the package or are external are dropped.
    /// </summary>
    public Dictionary<string, string> Rels(string partPath)
    {
        var slash = partPath.LastIndexOf('/');
        var dir = slash < 0 ? string.Empty : partPath[..slash];
        var file = partPath[(slash + 1)..];
        var relsPath = (dir.Length == 0 ? string.Empty : dir + "/") + "_rels/" + file + ".rels";
        var rels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Xml(relsPath) is not { Root: { } root })
        {
            return rels;
        }

        foreach (var rel in root.Elements().Where(e => e.Name.LocalName == "Relationship"))
        {
            var id = (string?)rel.Attribute("Id");
            var target = (string?)rel.Attribute("Target");
            if (id is null || target is null || string.Equals((string?)rel.Attribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Resolve(dir, target) is { } resolved)
            {
                rels.TryAdd(id, resolved);
            }
        }

        return rels;
    }

    internal static string? Resolve(string dir, string target)
    {
        var stack = new List<string>();
        if (!target.StartsWith('/'))
        {
            stack.AddRange(dir.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var segment in target.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (stack.Count == 0)
                {
                    return null;
                }

                stack.RemoveAt(stack.Count - 1);
            }
            else if (segment != ".")
            {
                stack.Add(segment);
            }
        }

        return stack.Count == 0 ? null : string.Join('/', stack);
    }
}
