using System.Xml.Linq;

namespace Diagrams.Converter.Visio;

public static partial class VisioImporter
{
    /// <summary>A vertex's outline: its Geometry sections as a stencil, a plain rectangle, or the master-name table.</summary>
    private sealed partial class Conversion
    {
        private long _stencilBytes;

        /// <summary>
        /// The style's shape part. Geometry (the shape's own merged over its master's) that is not a plain rectangle
        /// becomes <c>shape=stencil(…)</c>; a rectangle stays <c>rounded=0</c> (or rounded by its Rounding cell). A shape
        /// past a geometry bound is a rectangle marked <c>visioGeometry=&lt;bound&gt;</c>. <paramref name="invisible"/>: the
        /// shape has no geometry at all, so Visio draws only its text. Without geometry data (an unknown master), or for a
        /// group without geometry, the name table decides as before.
        /// </summary>
        private string Outline(XElement shape, XElement? master, string name, bool isGroup, bool hasText, Func<string, double?> get, out bool invisible)
        {
            invisible = false;
            var (width, height) = (get("Width") ?? 1, get("Height") ?? 0.75);
            var sections = VisioGeometry.Read(shape, master, limits, out var problem);
            if (problem is null && sections is { Count: > 0 } && width > 1e-6 && height > 1e-6)
            {
                var (masterWidth, masterHeight) = (master is null ? null : Num(CellOf(master, "Width")), master is null ? null : Num(CellOf(master, "Height")));
                var frame = new VisioStencil.Frame(width, height, masterWidth is > 1e-6 ? width / masterWidth.Value : 1, masterHeight is > 1e-6 ? height / masterHeight.Value : 1,
                    (get("FlipX") ?? 0) != 0, (get("FlipY") ?? 0) != 0);
                var stencil = VisioStencil.Style(sections, frame, limits, out problem);
                if (stencil is not null && (_stencilBytes += stencil.Length) <= limits.MaxStencilTotalBytes)
                {
                    return stencil;
                }

                problem ??= stencil is null ? null : "total";
                if (problem is null)
                {
                    return get("Rounding") is > 1e-6 and var r ? $"rounded=1;absoluteArcSize=1;arcSize={F(2 * r * 96)};" : "rounded=0;";
                }
            }

            if (problem is not null)
            {
                return $"rounded=0;visioGeometry={problem};";
            }

            var known = (string?)shape.Attribute("Master") is null || master is not null;
            if (sections is { Count: 0 } && known && !isGroup)
            {
                invisible = true;
                return "rounded=0;";
            }

            return isGroup && !hasText ? "group;" : StyleFor(name);
        }
    }
}
