using System.Collections.Concurrent;
using System.Diagnostics;

namespace Diagrams.Converter.Tools;

/// <summary>
/// Starts long-lived child processes from one dedicated thread that lives as long as the service. Linux delivers a
/// parent-death signal (bubblewrap's <c>--die-with-parent</c>, PR_SET_PDEATHSIG) when the <em>thread</em> that forked
/// the child exits, and .NET forks on whichever thread calls <see cref="Process.Start(ProcessStartInfo)"/>: a warm
/// process started from a thread-pool thread is killed when that pool thread retires. Started from here, it dies with
/// the Converter and not before.
/// </summary>
internal static class ProcessLauncher
{
    private static readonly BlockingCollection<(ProcessStartInfo Info, TaskCompletionSource<Process> Started)> Requests = [];
    private static readonly Thread Launcher = StartThread();

    public static Process Start(ProcessStartInfo info)
    {
        ObjectDisposedException.ThrowIf(!Launcher.IsAlive, typeof(ProcessLauncher));
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((info, started));
        return started.Task.GetAwaiter().GetResult();
    }

    private static Thread StartThread()
    {
        var thread = new Thread(() =>
        {
            foreach (var (info, started) in Requests.GetConsumingEnumerable())
            {
                try
                {
                    started.SetResult(Process.Start(info) ?? throw new InvalidOperationException($"{Path.GetFileName(info.FileName)} did not start."));
                }
#pragma warning disable CA1031 // Any failure belongs to the caller waiting on it; an escape would end this thread and strand every later caller.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    started.SetException(ex);
                }
            }
        })
        {
            IsBackground = true,
            Name = "process-launcher",
        };
        thread.Start();
        return thread;
    }
}
