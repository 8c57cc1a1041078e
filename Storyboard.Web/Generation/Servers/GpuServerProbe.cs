using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Storyboard.Web.Domain;

namespace Storyboard.Web.Generation.Servers;

/// <summary>What one health check learnt. Offline carries the reason in words a user can act on.</summary>
public sealed record ProbeResult(bool Online, string? GpuName, long? VramTotalBytes, long? VramFreeBytes, int? QueueDepth, string? Error)
{
    public static ProbeResult Offline(string error) => new(false, null, null, null, null, error);
}

/// <summary>Asks a server how it is: ComfyUI's <c>/system_stats</c> and <c>/queue</c>, RunPod's <c>/health</c>.</summary>
public interface IGpuServerProbe
{
    Task<ProbeResult> ProbeAsync(GpuServer server, CancellationToken cancellationToken);
}

public sealed class GpuServerProbe(HttpClient http, IServerSecrets secrets, IOptions<GenerationOptions> options) : IGpuServerProbe
{
    public async Task<ProbeResult> ProbeAsync(GpuServer server, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.ProbeTimeoutSeconds));
        var secret = secrets.Unprotect(server.ProtectedSecret);
        if (server.ProtectedSecret is not null && secret is null)
        {
            return ProbeResult.Offline("The stored secret cannot be read (the encryption keys changed): enter it again.");
        }
        try
        {
            return server.Kind == GpuServerKind.ComfyUi
                ? await ComfyUiAsync(server, secret, timeout.Token)
                : await RunPodAsync(server, secret, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Offline($"No answer within {options.Value.ProbeTimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            return ProbeResult.Offline(e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "The server's name does not resolve.",
                HttpRequestError.ConnectionError => "Nothing answers at that address.",
                HttpRequestError.SecureConnectionError => "The TLS connection failed.",
                _ => $"The request failed: {e.Message}",
            });
        }
        catch (JsonException)
        {
            return ProbeResult.Offline("The answer is not what ComfyUI or RunPod sends: is the address right?");
        }
    }

    private async Task<ProbeResult> ComfyUiAsync(GpuServer server, string? secret, CancellationToken cancellationToken)
    {
        using var stats = await SendAsync(GpuServerRequests.ComfyUi(server, secret, HttpMethod.Get, "system_stats"), cancellationToken);
        if (Refusal(stats) is { } refused)
        {
            return refused;
        }
        using var statsJson = await JsonDocument.ParseAsync(await stats.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        string? gpu = null;
        long? total = null, free = null;
        if (statsJson.RootElement.TryGetProperty("devices", out var devices) && devices.ValueKind == JsonValueKind.Array && devices.GetArrayLength() > 0)
        {
            var device = devices[0];
            gpu = device.TryGetProperty("name", out var name) ? GpuName(name.GetString()) : null;
            total = device.TryGetProperty("vram_total", out var t) && t.TryGetInt64(out var tv) ? tv : null;
            free = device.TryGetProperty("vram_free", out var f) && f.TryGetInt64(out var fv) ? fv : null;
        }
        else if (!statsJson.RootElement.TryGetProperty("system", out _))
        {
            return ProbeResult.Offline("The answer is not what ComfyUI sends: is the address right?");
        }
        using var queue = await SendAsync(GpuServerRequests.ComfyUi(server, secret, HttpMethod.Get, "queue"), cancellationToken);
        int? depth = null;
        if (queue.IsSuccessStatusCode)
        {
            using var queueJson = await JsonDocument.ParseAsync(await queue.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
            depth = Count(queueJson.RootElement, "queue_running") + Count(queueJson.RootElement, "queue_pending");
        }
        return new ProbeResult(true, gpu, total, free, depth, null);
    }

    private async Task<ProbeResult> RunPodAsync(GpuServer server, string? apiKey, CancellationToken cancellationToken)
    {
        using var health = await SendAsync(GpuServerRequests.RunPod(server, apiKey, options.Value.RunPodApiUrl, HttpMethod.Get, "health"), cancellationToken);
        if (Refusal(health) is { } refused)
        {
            return refused;
        }
        using var json = await JsonDocument.ParseAsync(await health.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        var root = json.RootElement;
        var jobs = root.TryGetProperty("jobs", out var j) ? j : default;
        var workers = root.TryGetProperty("workers", out var w) ? w : default;
        var depth = Number(jobs, "inQueue") + Number(jobs, "inProgress");
        var idle = Number(workers, "idle");
        var running = Number(workers, "running");
        return new ProbeResult(true, $"RunPod: {idle} idle, {running} running workers", null, null, depth, null);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
    }

    private static ProbeResult? Refusal(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK => null,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ProbeResult.Offline($"The server refused the credentials ({(int)response.StatusCode})."),
        HttpStatusCode.NotFound => ProbeResult.Offline("Not found (404): is the address or endpoint id right?"),
        _ => ProbeResult.Offline($"The server answered {(int)response.StatusCode} {response.ReasonPhrase}."),
    };

    /// <summary>"cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync" → "NVIDIA GeForce RTX 4090".</summary>
    public static string? GpuName(string? device)
    {
        if (string.IsNullOrWhiteSpace(device))
        {
            return null;
        }
        var name = device;
        var colon = name.IndexOf(' ', StringComparison.Ordinal);
        if (name.StartsWith("cuda:", StringComparison.Ordinal) && colon > 0)
        {
            name = name[(colon + 1)..];
        }
        var allocator = name.LastIndexOf(" : ", StringComparison.Ordinal);
        return (allocator > 0 ? name[..allocator] : name).Trim();
    }

    private static int Count(JsonElement root, string property) =>
        root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;

    private static int Number(JsonElement parent, string property) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(property, out var value) && value.TryGetInt32(out var n) ? n : 0;
}
