using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Storyboard.Tests.Fakes;

/// <summary>
/// A fake ComfyUI 0.3.64 server on 127.0.0.1 speaking the real HTTP and websocket protocol
/// (docs: <c>Storyboard.Tests/Fakes/README.md</c>; spec: <c>comfyui-protocol.md</c> §1–§3, §9, §11).
/// State (queue, history, files, node cache) lives in this object; the Kestrel host is only its transport,
/// so the fake can stop listening and come back on the same port.
/// </summary>
public sealed partial class FakeComfyUi : IAsyncDisposable
{
    readonly object gate = new();
    readonly CancellationTokenSource disposing = new();
    WebApplication? app;
    Task? worker;
    int port;

    public FakeComfyUi(FakeComfyUiOptions? options = null)
    {
        Options = options ?? new FakeComfyUiOptions();
    }

    public FakeComfyUiOptions Options { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>, set by <see cref="StartAsync"/>.</summary>
    public Uri BaseAddress => port == 0 ? throw new InvalidOperationException("Start the fake first.") : new Uri($"http://127.0.0.1:{port}/");

    /// <summary><c>ws://127.0.0.1:&lt;port&gt;/ws?clientId=…</c>.</summary>
    public Uri WebSocketAddress(string clientId) => new($"ws://127.0.0.1:{port}/ws?clientId={Uri.EscapeDataString(clientId)}");

    public FakeComfyUiFiles Files { get; } = new();

    public bool IsListening => app is not null;

    /// <summary>Every body posted to <c>/prompt</c>, valid or not, in order.</summary>
    public ConcurrentQueue<JsonObject> PromptsReceived { get; } = new();

    /// <summary>Every upload as (type, stored path, bytes).</summary>
    public ConcurrentQueue<(string Type, string Path, byte[] Bytes)> UploadsReceived { get; } = new();

    /// <summary>Every <c>POST /interrupt</c>: the prompt id it named, or null for a global interrupt.</summary>
    public ConcurrentQueue<string?> InterruptsReceived { get; } = new();

    /// <summary>Every prompt id named in a <c>POST /queue {"delete": […]}</c>.</summary>
    public ConcurrentQueue<string> QueueDeletesReceived { get; } = new();

    /// <summary>Every body posted to <c>/free</c>.</summary>
    public ConcurrentQueue<JsonObject> FreesReceived { get; } = new();

    /// <summary>How many times <c>GET /history</c> or <c>/history/{id}</c> was asked.</summary>
    public int HistoryRequests => historyRequests;

    int historyRequests;

    public async Task<FakeComfyUi> StartAsync()
    {
        await ListenAsync();
        worker = Task.Run(() => WorkLoopAsync(disposing.Token));
        return this;
    }

    /// <summary>Stops listening (connections are refused, open websockets drop). Queue, history and the running
    /// job carry on, as behind a network outage.</summary>
    public async Task StopListeningAsync()
    {
        WebApplication? running;
        lock (gate)
        {
            running = app;
            app = null;
        }
        if (running is null)
        {
            return;
        }
        DropWebSockets();
        await running.StopAsync();
        await running.DisposeAsync();
    }

    /// <summary>Listens again on the same port.</summary>
    public Task StartListeningAsync() => app is null ? ListenAsync() : Task.CompletedTask;

    /// <summary>
    /// A crash and restart: stops listening, loses the queue, the running job (no history for it), the history and
    /// the node cache, drops every socket, stays down for <paramref name="downtime"/>, then listens on the same port.
    /// Uploaded and output files survive, as on disk.
    /// </summary>
    public async Task RestartAsync(TimeSpan? downtime = null)
    {
        await StopListeningAsync();
        WipeState();
        if (downtime is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
        await ListenAsync();
    }

    async Task ListenAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        var web = builder.Build();
        web.UseWebSockets();
        MapRoutes(web);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        port = new Uri(address).Port;
        lock (gate)
        {
            app = web;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await disposing.CancelAsync();
        await StopListeningAsync();
        if (worker is not null)
        {
            try
            {
                await worker;
            }
            catch (OperationCanceledException)
            {
            }
        }
        disposing.Dispose();
    }
}
