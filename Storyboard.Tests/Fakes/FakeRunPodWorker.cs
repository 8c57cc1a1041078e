using System.Globalization;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>
/// worker-comfyui 5.x's <c>handler.py</c>, driving a <see cref="FakeComfyUi"/> over HTTP and websocket exactly as
/// the real worker drives the ComfyUI in its container (spec §5.2): validate input → <c>GET /</c> → upload images →
/// websocket → <c>POST /prompt</c> → wait for <c>executing null</c> or <c>execution_error</c> → <c>/history</c> →
/// <c>/view</c> → base64 or S3 URL. Returns the handler's dict (with <c>error</c> when it failed).
/// </summary>
public sealed class FakeRunPodWorker(FakeComfyUi comfy, FakeRunPodOptions options)
{
    const string ComfyHost = "127.0.0.1:8188";

    public async Task<JsonObject> HandleAsync(string jobId, JsonNode? input, CancellationToken cancel)
    {
        if (input is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                input = JsonNode.Parse(text.GetValue<string>());
            }
            catch (JsonException)
            {
                return Error("Invalid JSON format in input");
            }
        }
        if (input is null)
        {
            return Error("Please provide input");
        }
        if (input["workflow"] is not JsonObject workflow)
        {
            return Error("Missing 'workflow' parameter");
        }
        var images = input["images"];
        if (images is not null && (images is not JsonArray list || list.Any(i => i is not JsonObject o || !o.ContainsKey("name") || !o.ContainsKey("image"))))
        {
            return Error("'images' must be a list of objects with 'name' and 'image' keys");
        }
        using var http = new HttpClient { BaseAddress = comfy.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (!await ReachableAsync(http, cancel))
        {
            return Error($"ComfyUI server ({ComfyHost}) not reachable after multiple retries.");
        }
        if (images is JsonArray uploads && uploads.Count > 0)
        {
            var failures = await UploadAsync(http, uploads, cancel);
            if (failures.Count > 0)
            {
                return new JsonObject { ["error"] = "Failed to upload one or more input images", ["details"] = Strings(failures) };
            }
        }
        var clientId = Guid.NewGuid().ToString();
        var outputs = new JsonArray();
        var errors = new List<string>();
        WebSocketProbe? socket = null;
        try
        {
            socket = await WebSocketProbe.ConnectAsync(comfy.WebSocketAddress(clientId));
            var promptId = await QueueAsync(http, workflow, clientId, input["api_key_comfy_org"]?.ToString(), cancel);
            var done = false;
            while (!done && errors.Count == 0)
            {
                JsonObject message;
                try
                {
                    message = await socket.NextAsync(TimeSpan.FromMinutes(10));
                }
                catch (WebSocketException closed)
                {
                    await socket.DisposeAsync();
                    socket = await ReconnectAsync(http, clientId, closed, cancel);
                    continue;
                }
                var data = message["data"] as JsonObject ?? [];
                var type = WebSocketProbe.Type(message);
                var forThisPrompt = data["prompt_id"]?.ToString() == promptId;
                if (type == "executing" && data["node"] is null && forThisPrompt)
                {
                    done = true;
                }
                else if (type == "execution_error" && forThisPrompt)
                {
                    errors.Add($"Workflow execution error: Node Type: {data["node_type"]}, Node ID: {data["node_id"]}, Message: {data["exception_message"]}");
                }
            }
            var history = JsonNode.Parse(await http.GetStringAsync($"history/{promptId}", cancel))!.AsObject();
            if (history[promptId] is not JsonObject entry)
            {
                var missing = $"Prompt ID {promptId} not found in history after execution.";
                if (errors.Count == 0)
                {
                    return Error(missing);
                }
                errors.Add(missing);
                return new JsonObject { ["error"] = "Job processing failed, prompt ID not found in history.", ["details"] = Strings(errors) };
            }
            var nodeOutputs = entry["outputs"] as JsonObject ?? [];
            if (nodeOutputs.Count == 0 && errors.Count == 0)
            {
                errors.Add($"No outputs found in history for prompt {promptId}.");
            }
            foreach (var (nodeId, nodeOutput) in nodeOutputs)
            {
                foreach (var image in nodeOutput?["images"] as JsonArray ?? [])
                {
                    var filename = image?["filename"]?.ToString();
                    var type = image?["type"]?.ToString();
                    if (type == "temp")
                    {
                        continue;
                    }
                    if (string.IsNullOrEmpty(filename))
                    {
                        errors.Add($"Skipping image in node {nodeId} due to missing filename: {PythonRepr(image)}");
                        continue;
                    }
                    var query = $"view?filename={Uri.EscapeDataString(filename)}&subfolder={Uri.EscapeDataString(image?["subfolder"]?.ToString() ?? "")}&type={Uri.EscapeDataString(type ?? "")}";
                    using var response = await http.GetAsync(query, cancel);
                    if (!response.IsSuccessStatusCode)
                    {
                        errors.Add($"Failed to fetch image data for {filename} from /view endpoint.");
                        continue;
                    }
                    var bytes = await response.Content.ReadAsByteArrayAsync(cancel);
                    outputs.Add(options.OutputMode == FakeRunPodOutputMode.S3Url
                        ? new JsonObject { ["filename"] = filename, ["type"] = "s3_url", ["data"] = $"{options.S3BaseUrl.TrimEnd('/')}/{jobId}/{filename}" }
                        : new JsonObject { ["filename"] = filename, ["type"] = "base64", ["data"] = Convert.ToBase64String(bytes) });
                }
            }
        }
        catch (WebSocketException ex)
        {
            return Error($"WebSocket communication error: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return Error($"HTTP communication error with ComfyUI: {ex.Message}");
        }
        catch (WorkerValueException ex)
        {
            return Error(ex.Message);
        }
        finally
        {
            if (socket is not null)
            {
                await socket.DisposeAsync();
            }
        }
        return Result(outputs, errors);
    }

    JsonObject Result(JsonArray outputs, List<string> errors)
    {
        if (outputs.Count == 0 && errors.Count > 0)
        {
            return new JsonObject { ["error"] = "Job processing failed", ["details"] = Strings(errors) };
        }
        if (options.OutputMode == FakeRunPodOutputMode.Legacy)
        {
            return outputs.Count == 0
                ? new JsonObject { ["status"] = "error", ["message"] = "the image does not exist in the specified output folder" }
                : new JsonObject { ["status"] = "success", ["message"] = outputs[0]!["data"]!.DeepClone(), ["refresh_worker"] = false };
        }
        var result = new JsonObject();
        if (outputs.Count > 0)
        {
            result["images"] = outputs;
        }
        if (errors.Count > 0)
        {
            result["errors"] = Strings(errors);
        }
        if (outputs.Count == 0)
        {
            result["status"] = "success_no_images";
            result["images"] = new JsonArray();
        }
        return result;
    }

    static JsonObject Error(string message) => new() { ["error"] = message };

    static async Task<bool> ReachableAsync(HttpClient http, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                using var response = await http.GetAsync("", cancel);
                if (response.IsSuccessStatusCode)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(50, cancel);
        }
        return false;
    }

    static async Task<List<string>> UploadAsync(HttpClient http, JsonArray images, CancellationToken cancel)
    {
        var failures = new List<string>();
        foreach (var image in images)
        {
            var name = image!["name"]!.ToString();
            var data = image["image"]!.ToString();
            var comma = data.IndexOf(',');
            byte[] blob;
            try
            {
                blob = Convert.FromBase64String(comma >= 0 ? data[(comma + 1)..] : data);
            }
            catch (FormatException ex)
            {
                failures.Add($"Error decoding base64 for {name}: {ex.Message}");
                continue;
            }
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(blob);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "image", name);
            form.Add(new StringContent("true"), "overwrite");
            try
            {
                using var response = await http.PostAsync("upload/image", form, cancel);
                response.EnsureSuccessStatusCode();
            }
            catch (HttpRequestException ex)
            {
                failures.Add($"Error uploading {name}: {ex.Message}");
            }
        }
        return failures;
    }

    static async Task<string> QueueAsync(HttpClient http, JsonObject workflow, string clientId, string? apiKey, CancellationToken cancel)
    {
        var payload = new JsonObject { ["prompt"] = workflow.DeepClone(), ["client_id"] = clientId };
        if (!string.IsNullOrEmpty(apiKey))
        {
            payload["extra_data"] = new JsonObject { ["api_key_comfy_org"] = apiKey };
        }
        using var response = await http.PostAsync("prompt", new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        if ((int)response.StatusCode == 400)
        {
            throw new WorkerValueException(await ValidationMessageAsync(http, text, cancel));
        }
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(text)?["prompt_id"]?.ToString()
            ?? throw new WorkerValueException($"Missing 'prompt_id' in queue response: {text}");
    }

    /// <summary>queue_workflow's message for a 400 (handler.py): "Workflow validation failed:\n• Node 4 (errors): [...]".</summary>
    static async Task<string> ValidationMessageAsync(HttpClient http, string text, CancellationToken cancel)
    {
        JsonObject body;
        try
        {
            body = JsonNode.Parse(text)!.AsObject();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return $"ComfyUI validation failed (could not parse error response): {text}";
        }
        var message = "Workflow validation failed";
        if (body["error"] is JsonObject error)
        {
            message = error["message"]?.ToString() ?? message;
            if (error["type"]?.ToString() == "prompt_outputs_failed_validation")
            {
                message = "Workflow validation failed";
            }
        }
        else if (body["error"] is { } other)
        {
            message = other.ToString();
        }
        var details = new List<string>();
        foreach (var (nodeId, nodeError) in body["node_errors"] as JsonObject ?? [])
        {
            if (nodeError is JsonObject fields)
            {
                details.AddRange(fields.Select(f => $"Node {nodeId} ({f.Key}): {PythonRepr(f.Value)}"));
            }
            else
            {
                details.Add($"Node {nodeId}: {PythonRepr(nodeError)}");
            }
        }
        if (details.Count == 0)
        {
            return $"{message}. Raw response: {text}";
        }
        var detailed = $"{message}:\n" + string.Join("\n", details.Select(d => $"• {d}"));
        if (details.Any(d => d.Contains("not in list", StringComparison.Ordinal) && d.Contains("ckpt_name", StringComparison.Ordinal)))
        {
            var info = JsonNode.Parse(await http.GetStringAsync("object_info", cancel));
            var checkpoints = info?["CheckpointLoaderSimple"]?["input"]?["required"]?["ckpt_name"]?[0] as JsonArray;
            detailed += checkpoints is { Count: > 0 }
                ? $"\n\nAvailable checkpoint models: {string.Join(", ", checkpoints.Select(c => c?.ToString()))}"
                : "\n\nNo checkpoint models appear to be available. Please check your model installation.";
        }
        return detailed;
    }

    async Task<WebSocketProbe> ReconnectAsync(HttpClient http, string clientId, Exception initial, CancellationToken cancel)
    {
        Exception last = initial;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (!await ReachableAsync(http, cancel))
            {
                throw new WebSocketException("ComfyUI HTTP unreachable during websocket reconnect");
            }
            try
            {
                return await WebSocketProbe.ConnectAsync(comfy.WebSocketAddress(clientId));
            }
            catch (WebSocketException ex)
            {
                last = ex;
                await Task.Delay(100, cancel);
            }
        }
        throw new WebSocketException($"Connection closed and failed to reconnect. Last error: {last.Message}");
    }

    static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>Python's <c>repr</c> of parsed JSON: <c>{'type': 'value_not_in_list', 'extra_info': {...}}</c>.</summary>
    public static string PythonRepr(JsonNode? node) => node switch
    {
        null => "None",
        JsonObject o => "{" + string.Join(", ", o.Select(p => $"{PythonString(p.Key)}: {PythonRepr(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(", ", a.Select(PythonRepr)) + "]",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => PythonString(v.GetValue<string>()),
            JsonValueKind.True => "True",
            JsonValueKind.False => "False",
            _ => v.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };

    static string PythonString(string value)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var text = new StringBuilder().Append(quote);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c == quote => "\\" + c,
                _ when c < ' ' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return text.Append(quote).ToString();
    }

    sealed class WorkerValueException(string message) : Exception(message);
}
