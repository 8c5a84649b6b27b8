namespace Diagrams.Converter.Tools;

/// <summary>
/// The bubblewrap command line shared by every external tool (PlantUML's JVM, emf2svg, wmf2svg, libvisio): no network and
/// no other namespace shared (<c>--unshare-all</c>), read-only <c>/usr</c> and the merged <c>/lib*</c>/<c>/bin</c>
/// links, a private <c>/tmp</c>, a cleared environment, killed with its parent. Only what a caller names is added:
/// a few read-only paths (e.g. <c>/etc/fonts</c>) and at most one writable folder, the job's own, seen as
/// <c>/job</c>.
/// </summary>
internal static class Bubblewrap
{
    /// <summary>Where <see cref="Arguments"/> mounts the job's folder inside the sandbox.</summary>
    public const string JobMount = "/job";

    /// <param name="readOnly">Extra paths bound read-only at the same place when they exist (after the private /tmp, so a tool outside /usr can be named).</param>
    /// <param name="environment"><c>NAME=value</c> pairs set inside; nothing else is inherited.</param>
    /// <param name="jobFolder">The job's private folder, bound read-write at <see cref="JobMount"/> and made the working directory; null for none (working directory /tmp).</param>
    /// <param name="dieWithParent">
    /// <c>--die-with-parent</c>. Linux ties it to the <em>thread</em> that forked, and .NET starts processes from
    /// whichever pool thread runs the call, so a one-shot tool can be killed when that thread retires; one-shot tools
    /// pass false and bound their life with <c>timeout</c> inside the sandbox instead.
    /// </param>
    public static List<string> Arguments(IEnumerable<string> readOnly, IEnumerable<string> environment, string? jobFolder = null, bool dieWithParent = true)
    {
        var args = new List<string> { "--ro-bind", "/usr", "/usr" };
        foreach (var dir in new[] { "/lib", "/lib64", "/lib32", "/bin", "/sbin" })
        {
            var info = new DirectoryInfo(dir);
            if (info.LinkTarget is { } target)
            {
                args.AddRange(["--symlink", target, dir]);
            }
            else if (info.Exists)
            {
                args.AddRange(["--ro-bind", dir, dir]);
            }
        }

        args.AddRange(["--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]);
        foreach (var path in readOnly)
        {
            args.AddRange(["--ro-bind-try", path, path]);
        }

        if (jobFolder is not null)
        {
            args.AddRange(["--bind", jobFolder, JobMount, "--chdir", JobMount]);
        }
        else
        {
            args.AddRange(["--chdir", "/tmp"]);
        }

        args.AddRange(dieWithParent ? ["--unshare-all", "--die-with-parent", "--new-session", "--clearenv"] : ["--unshare-all", "--new-session", "--clearenv"]);
        foreach (var pair in environment)
        {
            var parts = pair.Split('=', 2);
            args.AddRange(["--setenv", parts[0], parts[1]]);
        }

        return args;
    }
}
