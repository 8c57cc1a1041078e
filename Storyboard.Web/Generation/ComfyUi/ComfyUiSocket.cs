using System.Net.WebSockets;
using System.Text.Json;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// One websocket to one ComfyUI server (protocol.md §3), under one clientId per Storyboard instance: prompts queued
/// with that client_id report here. It reconnects by itself with back-off; messages sent while it was down are lost,
/// so <see cref="Reconnected"/> tells the caller to poll the history once (§3.6). <see cref="LastMessageAt"/> lets
/// the caller notice a socket that stays open but goes silent.
/// </summary>
public sealed class ComfyUiSocket(GpuServer server, string? secret, string clientId, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>Every event of a prompt queued with this client id. Called on the socket's loop: keep it short.</summary>
    public event Action<ComfyEvent>? Event;
    /// <summary>After every (re)connection: events may have been missed, poll the history of running prompts.</summary>
    public event Action? Reconnected;

    public bool IsConnected { get; private set; }
    public DateTimeOffset? LastMessageAt { get; private set; }
    public int Server => server.Id;

    public static Uri SocketUri(string baseUrl, string clientId)
    {
        var builder = new UriBuilder($"{baseUrl}/ws") { Query = $"clientId={Uri.EscapeDataString(clientId)}" };
        builder.Scheme = builder.Scheme == "https" ? "wss" : "ws";
        return builder.Uri;
    }

    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var socket = new ClientWebSocket();
                AddAuthentication(socket.Options);
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
                await socket.ConnectAsync(SocketUri(server.BaseUrl, clientId), stop);
                IsConnected = true;
                failures = 0;
                LastMessageAt = DateTimeOffset.UtcNow;
                Reconnected?.Invoke();
                await ReadAsync(socket, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or JsonException)
            {
                logger.LogDebug("ComfyUI socket of server {ServerId} dropped: {Reason}", server.Id, e.Message);
            }
            IsConnected = false;
            try
            {
                await Task.Delay(Backoff[Math.Min(failures++, Backoff.Length - 1)], stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        IsConnected = false;
    }

    private void AddAuthentication(ClientWebSocketOptions options)
    {
        // The same headers as the HTTP calls, so a reverse proxy lets the socket through too.
        using var probe = GpuServerRequests.ComfyUi(server, secret, HttpMethod.Get, "ws");
        foreach (var header in probe.Headers)
        {
            options.SetRequestHeader(header.Key, string.Join(",", header.Value));
        }
    }

    private async Task ReadAsync(ClientWebSocket socket, CancellationToken stop)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open && !stop.IsCancellationRequested)
        {
            var frame = await socket.ReceiveAsync(buffer, stop);
            if (frame.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            LastMessageAt = DateTimeOffset.UtcNow;
            message.Write(buffer, 0, frame.Count);
            if (!frame.EndOfMessage)
            {
                continue;
            }
            // Binary frames are previews: not needed here.
            if (frame.MessageType == WebSocketMessageType.Text && Parse(message.GetBuffer().AsSpan(0, (int)message.Length)) is { } parsed)
            {
                Event?.Invoke(parsed);
            }
            message.SetLength(0);
        }
    }

    /// <summary>One text frame as an event of a prompt, or null for anything else (status, custom node events…).</summary>
    public static ComfyEvent? Parse(ReadOnlySpan<byte> utf8)
    {
        using var json = JsonDocument.Parse(utf8.ToArray());
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement)
            || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("prompt_id", out var idElement) || idElement.GetString() is not { Length: > 0 } promptId)
        {
            return null;
        }
        string? Text(string name) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        int Number(string name) => data.TryGetProperty(name, out var v) && v.TryGetInt32(out var n) ? n : 0;
        return typeElement.GetString() switch
        {
            "execution_start" => new ComfyStarted(promptId),
            "executing" when data.TryGetProperty("node", out var node) && node.ValueKind == JsonValueKind.Null => new ComfyFinished(promptId, null, null),
            "executing" => new ComfyProgress(promptId, Text("display_node") ?? Text("node"), 0, 0),
            "progress" => new ComfyProgress(promptId, Text("node"), Number("value"), Number("max")),
            "execution_success" => new ComfyFinished(promptId, true, null),
            "execution_error" => new ComfyFinished(promptId, false, ComfyUiClient.ExecutionError(data)),
            "execution_interrupted" => new ComfyFinished(promptId, false, "The job was interrupted on the server."),
            _ => null,
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }
}
