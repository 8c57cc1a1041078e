using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Storyboard.Tests.Fakes;

/// <summary>A plain <see cref="ClientWebSocket"/> that records every JSON frame, for tests of the fake itself.</summary>
public sealed class WebSocketProbe : IAsyncDisposable
{
    readonly ClientWebSocket socket = new();
    readonly Channel<JsonObject> frames = Channel.CreateUnbounded<JsonObject>();
    readonly CancellationTokenSource stop = new();
    Task? reader;

    public List<JsonObject> Seen { get; } = [];

    /// <summary>The raw binary frames received, in order.</summary>
    public List<byte[]> Binary { get; } = [];

    /// <summary>Completes when the server closes or drops the socket.</summary>
    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<WebSocketProbe> ConnectAsync(Uri address)
    {
        var probe = new WebSocketProbe();
        await probe.socket.ConnectAsync(address, CancellationToken.None);
        probe.reader = probe.ReadAsync();
        return probe;
    }

    public Task SendAsync(string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame, or a TimeoutException.</summary>
    public async Task<JsonObject> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var frame = await frames.Reader.ReadAsync(cancel.Token);
            Seen.Add(frame);
            return frame;
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("No websocket frame arrived.");
        }
        catch (ChannelClosedException)
        {
            throw new WebSocketException("The socket closed.");
        }
    }

    /// <summary>Reads frames until one matches, returning every frame read (the match last).</summary>
    public async Task<List<JsonObject>> ReadUntilAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        var read = new List<JsonObject>();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var frame = await NextAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
            read.Add(frame);
            if (match(frame))
            {
                return read;
            }
        }
    }

    /// <summary>Reads until the end-of-prompt marker <c>executing {node: null}</c> of this prompt.</summary>
    public Task<List<JsonObject>> ReadUntilDoneAsync(string promptId, TimeSpan? timeout = null) =>
        ReadUntilAsync(f => Type(f) == "executing" && f["data"]!["node"] is null && f["data"]!["prompt_id"]?.ToString() == promptId, timeout);

    /// <summary>True when no frame arrives within <paramref name="quiet"/>.</summary>
    public async Task<bool> IsSilentForAsync(TimeSpan quiet)
    {
        try
        {
            await NextAsync(quiet);
            return false;
        }
        catch (TimeoutException)
        {
            return true;
        }
    }

    public static string Type(JsonObject frame) => frame["type"]!.ToString();

    async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    if (received.MessageType == WebSocketMessageType.Text)
                    {
                        frames.Writer.TryWrite(JsonNode.Parse(message.ToArray())!.AsObject());
                    }
                    else
                    {
                        // Binary frames (§3.5) take their place in the sequence as {"type": "binary", "data": {...}}.
                        var bytes = message.ToArray();
                        Binary.Add(bytes);
                        frames.Writer.TryWrite(new JsonObject
                        {
                            ["type"] = "binary",
                            ["data"] = new JsonObject
                            {
                                ["event"] = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes),
                                ["index"] = Binary.Count - 1,
                            },
                        });
                    }
                    message.SetLength(0);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
        finally
        {
            frames.Writer.TryComplete();
            Closed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        socket.Abort();
        if (reader is not null)
        {
            await reader;
        }
        socket.Dispose();
        stop.Dispose();
    }
}
