namespace Diagrams.App.Tests.Converter;

/// <summary>
/// Shared fixture files: the repository sits at /work/main with ../shared/fixtures beside it, so the directory is
/// found by walking up from the test binaries until a <c>shared/fixtures</c> folder appears.
/// </summary>
public static class Fixtures
{
    /// <summary>The shared fixtures folder.</summary>
    public static string Folder => System.IO.Path.GetDirectoryName(Path("C4.drawio"))!;

    public static string Path(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var folder = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
            if (Directory.Exists(folder))
            {
                var file = System.IO.Path.Combine(folder, name);
                return File.Exists(file)
                    ? file
                    : throw new FileNotFoundException($"Fixture '{name}' is missing from {folder}.", file);
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared/fixtures directory above {AppContext.BaseDirectory}: the tests expect the repository with ../shared/fixtures beside it (e.g. /work/main and /work/shared/fixtures).");
    }
}
