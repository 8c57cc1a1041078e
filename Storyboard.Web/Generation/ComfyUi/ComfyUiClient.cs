using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Generation.ComfyUi;

/// <summary>
/// One ComfyUI server's HTTP API (docs: ../shared/reference/comfyui-protocol.md §2): queue a prompt, read its
/// history and the queue, cancel, upload an input image, fetch an output, read the node catalogue. Every call carries
/// the server's authentication (<see cref="GpuServerRequests"/>). Transport failures surface as
/// <see cref="HttpRequestException"/>; a refused workflow as <see cref="ComfyValidationException"/>.
/// </summary>
public sealed class ComfyUiClient(HttpClient http, GpuServer server, string? secret)
{
    public GpuServer Server => server;

    public async Task<QueuedPrompt> QueuePromptAsync(JsonObject graph, string clientId, string? promptId, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["prompt"] = graph.DeepClone(), ["client_id"] = clientId };
        if (promptId is not null)
        {
            body["prompt_id"] = promptId;
        }
        using var request = Request(HttpMethod.Post, "prompt");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new ComfyValidationException(ValidationMessages(text));
        }
        EnsureSuccess(response, "queue the prompt");
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var id = root.GetProperty("prompt_id").GetString() ?? throw new JsonException("No prompt_id in the answer.");
        var number = root.TryGetProperty("number", out var n) && n.TryGetDouble(out var value) ? value : 0;
        var warnings = root.TryGetProperty("node_errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? NodeMessages(errors)
            : [];
        return new QueuedPrompt(id, number, warnings);
    }

    /// <summary>The prompt's history, or null while it is pending, running, or unknown to the server (all answer <c>{}</c>).</summary>
    public async Task<ComfyHistory?> GetHistoryAsync(string promptId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"history/{Uri.EscapeDataString(promptId)}");
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "read the history");
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(promptId, out var entry)
            ? ParseHistory(promptId, entry)
            : null;
    }

    public async Task<ComfyQueue> GetQueueAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "queue");
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "read the queue");
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return new ComfyQueue(QueueIds(json.RootElement, "queue_running"), QueueIds(json.RootElement, "queue_pending"));
    }

    /// <summary>Cancels one prompt and nothing else: removed from the queue if pending, interrupted if running.</summary>
    public async Task CancelAsync(string promptId, CancellationToken cancellationToken)
    {
        await PostJsonAsync("queue", new JsonObject { ["delete"] = new JsonArray(promptId) }, cancellationToken);
        await PostJsonAsync("interrupt", new JsonObject { ["prompt_id"] = promptId }, cancellationToken);
    }

    /// <summary>Forgets finished prompts' history so the server's memory stays flat.</summary>
    public Task DeleteHistoryAsync(string promptId, CancellationToken cancellationToken) =>
        PostJsonAsync("history", new JsonObject { ["delete"] = new JsonArray(promptId) }, cancellationToken);

    /// <summary>Uploads an input image; the answer is the name to put in LoadImage (ComfyUI may rename on a clash).</summary>
    public async Task<string> UploadImageAsync(Stream image, string fileName, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        var part = new StreamContent(image);
        part.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg");
        content.Add(part, "image", fileName);
        content.Add(new StringContent("input"), "type");
        content.Add(new StringContent("true"), "overwrite");
        using var request = Request(HttpMethod.Post, "upload/image");
        request.Content = content;
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "upload the image");
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        var name = json.RootElement.GetProperty("name").GetString() ?? fileName;
        var subfolder = json.RootElement.TryGetProperty("subfolder", out var s) ? s.GetString() : null;
        return string.IsNullOrEmpty(subfolder) ? name : $"{subfolder}/{name}";
    }

    /// <summary>Copies an output file into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(ComfyOutputFile file, Stream destination, CancellationToken cancellationToken)
    {
        var query = $"view?filename={Uri.EscapeDataString(file.FileName)}&subfolder={Uri.EscapeDataString(file.Subfolder)}&type={Uri.EscapeDataString(file.Type)}";
        using var request = Request(HttpMethod.Get, query);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        EnsureSuccess(response, $"fetch {file.FileName}");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(destination, cancellationToken);
    }

    /// <summary>The node catalogue (<c>/object_info</c>), several MB on a real server.</summary>
    public async Task<JsonDocument> GetObjectInfoAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "object_info");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        EnsureSuccess(response, "read the node catalogue");
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
    }

    private HttpRequestMessage Request(HttpMethod method, string route) => GpuServerRequests.ComfyUi(server, secret, method, route);

    private async Task PostJsonAsync(string route, JsonObject body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, route);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, $"post {route}");
    }

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{server.Name} answered {(int)response.StatusCode} {response.ReasonPhrase} when asked to {what}.",
                null, response.StatusCode);
        }
    }

    internal static ComfyHistory ParseHistory(string promptId, JsonElement entry)
    {
        var files = new List<ComfyOutputFile>();
        if (entry.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Object)
        {
            foreach (var node in outputs.EnumerateObject().Where(n => n.Value.ValueKind == JsonValueKind.Object))
            {
                foreach (var list in node.Value.EnumerateObject())
                {
                    if (list.Name is not ("images" or "gifs" or "video" or "videos") || list.Value.ValueKind != JsonValueKind.Array)
                    {
                        continue;
                    }
                    foreach (var item in list.Value.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("filename", out var name) && name.GetString() is { Length: > 0 } fileName)
                        {
                            files.Add(new ComfyOutputFile(node.Name, fileName,
                                item.TryGetProperty("subfolder", out var sub) ? sub.GetString() ?? "" : "",
                                item.TryGetProperty("type", out var type) ? type.GetString() ?? "output" : "output"));
                        }
                    }
                }
            }
        }
        var status = entry.TryGetProperty("status", out var s) ? s : default;
        var statusText = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("status_str", out var st) ? st.GetString() : null;
        var completed = status.ValueKind == JsonValueKind.Object && status.TryGetProperty("completed", out var c) && c.ValueKind == JsonValueKind.True;
        var succeeded = statusText == "success" || (statusText is null && completed);
        return new ComfyHistory(promptId, succeeded, files, succeeded ? null : HistoryError(status));
    }

    /// <summary>The recorded failure: the node's exception message, or "interrupted".</summary>
    private static string HistoryError(JsonElement status)
    {
        if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray().Reverse())
            {
                if (message.ValueKind != JsonValueKind.Array || message.GetArrayLength() < 2)
                {
                    continue;
                }
                var kind = message[0].GetString();
                var data = message[1];
                if (kind == "execution_error")
                {
                    return ExecutionError(data);
                }
                if (kind == "execution_interrupted")
                {
                    return "The job was interrupted on the server.";
                }
            }
        }
        return "The server recorded a failure without a message.";
    }

    /// <summary>"KSampler (node 3): CUDA out of memory" from an execution_error payload (history or websocket).</summary>
    public static string ExecutionError(JsonElement data)
    {
        string? Text(string name) => data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var node = Text("node_type") is { } type ? $"{type} (node {Text("node_id")})" : Text("node_id") is { } id ? $"node {id}" : "a node";
        return $"{node}: {Text("exception_message")?.Trim() ?? "failed"}";
    }

    private static List<string> QueueIds(JsonElement root, string property)
    {
        var items = new List<(double Number, string Id)>();
        if (root.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Array && item.GetArrayLength() > 1 && item[1].GetString() is { } id)
                {
                    items.Add((item[0].TryGetDouble(out var number) ? number : 0, id));
                }
            }
        }
        // The pending list is the server's heap, not in run order.
        return items.OrderBy(i => i.Number).Select(i => i.Id).ToList();
    }

    internal static IReadOnlyList<string> ValidationMessages(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var messages = root.TryGetProperty("node_errors", out var nodes) && nodes.ValueKind == JsonValueKind.Object ? NodeMessages(nodes) : [];
            if (messages.Count == 0 && root.TryGetProperty("error", out var error))
            {
                var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.GetString() : error.ToString();
                var details = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("details", out var d) ? d.GetString() : null;
                messages = [string.IsNullOrEmpty(details) ? $"{message}." : $"{message}: {details}."];
            }
            return messages.Count > 0 ? messages : ["The server refused the workflow without saying why."];
        }
        catch (JsonException)
        {
            return [$"The server refused the workflow: {body[..Math.Min(body.Length, 300)]}"];
        }
    }

    private static List<string> NodeMessages(JsonElement nodes)
    {
        var messages = new List<string>();
        foreach (var node in nodes.EnumerateObject())
        {
            var classType = node.Value.TryGetProperty("class_type", out var c) ? c.GetString() : null;
            if (!node.Value.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                continue;
            }
            foreach (var error in errors.EnumerateArray())
            {
                var message = error.TryGetProperty("message", out var m) ? m.GetString() : "Invalid";
                var details = error.TryGetProperty("details", out var d) ? d.GetString() : null;
                messages.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{classType ?? "Node"} (node {node.Name}): {message}{(string.IsNullOrEmpty(details) ? "" : $": {details}")}."));
            }
        }
        return messages;
    }
}
