using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Storyboard.Tests.Infrastructure;

/// <summary>
/// The published Storyboard.Web.dll running as a child process on a free loopback port, started the way a person
/// (or the container) starts it: <c>dotnet Storyboard.Web.dll</c> with only environment variables for settings.
/// </summary>
public sealed class PublishedApp : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PublishedApp(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public Uri BaseAddress { get; }

    /// <summary>A client that shows redirects rather than following them.</summary>
    public HttpClient Client { get; }

    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the app in <paramref name="workingDirectory"/>. With a <paramref name="dataFolder"/> it is passed as
    /// STORYBOARD_DATA; without one the app falls back to its default (./data). Returns once /health answers 200.
    /// </summary>
    public static async Task<PublishedApp> StartAsync(string workingDirectory, string? dataFolder)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo(PublishCommand.DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PublishCommand.PublishedFolder, "Storyboard.Web.dll"));
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("STORYBOARD_", StringComparison.OrdinalIgnoreCase) ||
                key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) ||
                key.Equals("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }
        start.Environment["ASPNETCORE_URLS"] = baseAddress.GetLeftPart(UriPartial.Authority);
        if (dataFolder is not null)
        {
            start.Environment["STORYBOARD_DATA"] = dataFolder;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The published app did not start");
        var app = new PublishedApp(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitForHealthAsync();
            return app;
        }
        catch
        {
            app.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGTERM, as <c>docker stop</c> does, and waits for the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan deadline)
    {
        Assert.Equal(0, Kill(_process.Id, SigTerm));
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The app did not exit within {deadline} of SIGTERM.\n{Output}");
        }
        return _process.ExitCode;
    }

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
    }

    private async Task WaitForHealthAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartDeadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode} before /health answered.\n{Output}");
            }
            try
            {
                using var response = await Client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"/health did not answer 200 within {StartDeadline}.\n{Output}");
    }

    private void Record(string? line)
    {
        if (line is not null)
        {
            _output.Enqueue(line);
        }
    }

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
