using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Storyboard.Tests.Fakes;

/// <summary>
/// <c>GET /ws?clientId=</c> (spec §3.1–§3.3): status with <c>sid</c> on connect, the feature-flags handshake, one
/// socket per client id (a reconnect replaces the old one), targeted frames dropped when the client is not connected,
/// <c>status</c> broadcast to everyone. One writer per socket keeps the order of frames.
/// </summary>
public sealed partial class FakeComfyUi
{
    readonly ConcurrentDictionary<string, FakeSocket> sockets = new(StringComparer.Ordinal);

    /// <summary>The client ids with an open websocket.</summary>
    public IReadOnlyCollection<string> ConnectedClients => sockets.Keys.ToList();

    /// <summary>Aborts every open websocket now (the server keeps running).</summary>
    public void DropWebSockets()
    {
        foreach (var id in sockets.Keys)
        {
            DropWebSocket(id);
        }
    }

    void DropWebSocket(string clientId)
    {
        if (sockets.TryRemove(clientId, out var socket))
        {
            socket.Outbox.Writer.TryComplete();
            socket.Socket.Abort();
        }
    }

    /// <summary>Aborts the socket once the frames already queued for it are on the wire; later frames are dropped.</summary>
    void DropWebSocketAfterPending(string clientId)
    {
        if (sockets.TryRemove(clientId, out var socket))
        {
            socket.Outbox.Writer.TryWrite(new Frame([], Binary: false));
            socket.Outbox.Writer.TryComplete();
        }
    }

    void BroadcastStatus() =>
        Broadcast("status", new JsonObject { ["status"] = new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = QueueRemaining } } });

    void Broadcast(string type, JsonObject data)
    {
        foreach (var socket in sockets.Values)
        {
            Send(socket, type, data);
        }
    }

    void SendTargeted(string? clientId, string type, JsonObject data)
    {
        if (clientId is not null && sockets.TryGetValue(clientId, out var socket))
        {
            Send(socket, type, data);
        }
    }

    /// <summary>What ComfyUI does with progress frames: to the prompt's client, or to everyone when there is none.</summary>
    void SendToClientOrAll(string? clientId, string type, JsonObject data)
    {
        if (clientId is null)
        {
            Broadcast(type, data);
        }
        else
        {
            SendTargeted(clientId, type, data);
        }
    }

    void Send(FakeSocket socket, string type, JsonObject data, bool evenWhenStalled = false)
    {
        if (Options.StallWebSockets && !evenWhenStalled)
        {
            return;
        }
        var frame = new JsonObject { ["type"] = type, ["data"] = data.DeepClone() }.ToJsonString();
        socket.Outbox.Writer.TryWrite(new Frame(Encoding.UTF8.GetBytes(frame), Binary: false));
    }

    /// <summary>A latent preview (spec §3.5): type 4 with metadata before the <c>progress</c> frame for sockets that
    /// negotiated <c>supports_preview_metadata</c>, type 1 after it for the others.</summary>
    void SendPreview(string? clientId, string promptId, string nodeId, bool beforeProgress)
    {
        if (Options.StallWebSockets)
        {
            return;
        }
        var targets = clientId is null ? sockets.Values.ToList()
            : sockets.TryGetValue(clientId, out var one) ? [one] : [];
        foreach (var socket in targets.Where(t => t.SupportsPreviewMetadata == beforeProgress))
        {
            var image = FakeMedia.Png;
            byte[] frame;
            if (socket.SupportsPreviewMetadata)
            {
                var metadata = Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["node_id"] = nodeId,
                    ["prompt_id"] = promptId,
                    ["display_node_id"] = nodeId,
                    ["parent_node_id"] = null,
                    ["real_node_id"] = nodeId,
                    ["image_type"] = "image/png",
                }.ToJsonString());
                frame = new byte[8 + metadata.Length + image.Length];
                BinaryPrimitives.WriteUInt32BigEndian(frame, 4);
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)metadata.Length);
                metadata.CopyTo(frame, 8);
                image.CopyTo(frame, 8 + metadata.Length);
            }
            else
            {
                frame = new byte[8 + image.Length];
                BinaryPrimitives.WriteUInt32BigEndian(frame, 1);
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), 2);
                image.CopyTo(frame, 8);
            }
            socket.Outbox.Writer.TryWrite(new Frame(frame, Binary: true));
        }
    }

    async Task HandleWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = 400;
            return;
        }
        var clientId = context.Request.Query["clientId"].FirstOrDefault() is { Length: > 0 } given ? given : Guid.NewGuid().ToString("N");
        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var socket = new FakeSocket(webSocket);
        sockets[clientId] = socket;
        var pump = socket.PumpAsync(context.RequestAborted);
        // The first status goes out even on a stalled server: that is what users of a stalled server see (spec §8).
        Send(socket, "status", new JsonObject
        {
            ["status"] = new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = QueueRemaining } },
            ["sid"] = clientId,
        }, evenWhenStalled: true);
        lock (gate)
        {
            if (running is not null && running.ClientId == clientId && runningNode is not null)
            {
                Send(socket, "executing", new JsonObject { ["node"] = runningNode });
            }
        }
        try
        {
            var first = true;
            var buffer = new byte[16 * 1024];
            using var message = new MemoryStream();
            while (webSocket.State == WebSocketState.Open)
            {
                var received = await webSocket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }
                if (first && received.MessageType == WebSocketMessageType.Text)
                {
                    AnswerFeatureFlags(socket, message.ToArray());
                }
                first = false;
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            sockets.TryRemove(new KeyValuePair<string, FakeSocket>(clientId, socket));
            socket.Outbox.Writer.TryComplete();
        }
        try
        {
            await pump;
            if (webSocket.State == WebSocketState.CloseReceived)
            {
                await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    void AnswerFeatureFlags(FakeSocket socket, byte[] frame)
    {
        try
        {
            if (JsonNode.Parse(frame) is JsonObject { } message && message["type"]?.ToString() == "feature_flags")
            {
                socket.SupportsPreviewMetadata = message["data"]?["supports_preview_metadata"]?.GetValue<bool>() == true;
                Send(socket, "feature_flags", new JsonObject { ["supports_preview_metadata"] = true, ["max_upload_size"] = 104857600 });
            }
        }
        catch (JsonException)
        {
        }
    }

    /// <summary>One websocket frame; an empty one tells the writer to drop the connection.</summary>
    sealed record Frame(byte[] Bytes, bool Binary);

    sealed class FakeSocket(WebSocket socket)
    {
        public WebSocket Socket { get; } = socket;

        public Channel<Frame> Outbox { get; } = Channel.CreateUnbounded<Frame>(new UnboundedChannelOptions { SingleReader = true });

        public bool SupportsPreviewMetadata { get; set; }

        public async Task PumpAsync(CancellationToken cancel)
        {
            try
            {
                await foreach (var frame in Outbox.Reader.ReadAllAsync(cancel))
                {
                    if (frame.Bytes.Length == 0)
                    {
                        // Let the frames already written leave before the reset, which would discard them.
                        await Task.Delay(200, cancel);
                        Socket.Abort();
                        return;
                    }
                    await Socket.SendAsync(frame.Bytes, frame.Binary ? WebSocketMessageType.Binary : WebSocketMessageType.Text, true, cancel);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
