using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Storyboard.Bench;

/// <summary>The published Storyboard.Web.dll as a child process on a free loopback port, as a person starts it.</summary>
public sealed class AppProcess : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _tail = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>From just before Process.Start to the first 200 on /health.</summary>
    public TimeSpan StartUp { get; private set; }

    /// <summary>CPU time (user + system) the app had used by its first 200 on /health: less skewed by other load than <see cref="StartUp"/>.</summary>
    public TimeSpan StartUpCpu { get; private set; }

    public int Id => _process.Id;

    /// <summary>User + system CPU time so far, from /proc/PID/stat (fields 14 and 15, in USER_HZ = 100 ticks a second).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <param name="workingDirectory">The app's working directory, which is also its content root (whose files it
    /// watches); by default the data folder's parent. The Dockerfile runs it in the app folder, outside the data.</param>
    public static async Task<AppProcess> StartAsync(string appFolder, string dataFolder, string? workingDirectory = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dataFolder)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(appFolder, "Storyboard.Web.dll"));
        foreach (var key in start.Environment.Keys.Where(IsInheritedSetting).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        start.Environment["STORYBOARD_DATA"] = dataFolder;

        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new InvalidOperationException("The app did not start");
        var app = new AppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (true)
        {
            if (process.HasExited)
            {
                app.Dispose();
                throw new InvalidOperationException($"The app exited with {process.ExitCode} before /health answered:\n{app.Tail}");
            }
            if (clock.Elapsed > StartDeadline)
            {
                app.Dispose();
                throw new TimeoutException($"/health did not answer within {StartDeadline}:\n{app.Tail}");
            }
            try
            {
                using var response = await probe.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    app.StartUp = clock.Elapsed;
                    app.StartUpCpu = app.CpuTime();
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(5);
        }
    }

    /// <summary>Resident memory (VmRSS) and its peak (VmHWM) from /proc, in megabytes.</summary>
    public (double Rss, double Peak) Memory()
    {
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }
        return (rss, peak);
    }

    /// <summary>SIGTERM, as docker stop sends; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (Kill(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGTERM) failed: {Marshal.GetLastPInvokeError()}");
        }
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    public string Tail => string.Join('\n', _tail);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _tail.Enqueue(line);
        while (_tail.Count > 40 && _tail.TryDequeue(out _))
        {
        }
    }

    private static bool IsInheritedSetting(string key) =>
        key.StartsWith("STORYBOARD_", StringComparison.OrdinalIgnoreCase) ||
        key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
        key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase);

    private static double Kilobytes(string statusLine) =>
        double.Parse(statusLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
