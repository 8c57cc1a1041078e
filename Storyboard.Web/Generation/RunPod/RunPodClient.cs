using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Storyboard.Web.Domain;
using Storyboard.Web.Generation.Servers;

namespace Storyboard.Web.Generation.RunPod;

public enum RunPodState
{
    InQueue,
    InProgress,
    Completed,
    Failed,
    Cancelled,
    TimedOut,
    /// <summary>The endpoint no longer knows the job (expired, or never existed): submit it again.</summary>
    Lost,
}

/// <summary>A file the worker returned: its bytes (base64 in the answer) or a URL to fetch (S3).</summary>
public sealed record RunPodFile(string FileName, byte[]? Data, Uri? Url);

public sealed record RunPodStatus(string JobId, RunPodState State, IReadOnlyList<RunPodFile> Files, string? Error)
{
    public bool IsFinished => State is RunPodState.Completed or RunPodState.Failed or RunPodState.Cancelled or RunPodState.TimedOut or RunPodState.Lost;
}

/// <summary>
/// A RunPod serverless endpoint running the official ComfyUI worker (protocol.md §5): submit a workflow with its input
/// images, read a job's status and outputs, cancel. The API key goes in the Authorization header.
/// </summary>
public sealed class RunPodClient(HttpClient http, GpuServer server, string? apiKey, string apiUrl)
{
    /// <summary>Submits the workflow; the answer is RunPod's job id.</summary>
    public async Task<string> RunAsync(JsonObject workflow, IReadOnlyList<(string Name, byte[] Png)> images, CancellationToken cancellationToken)
    {
        var input = new JsonObject { ["workflow"] = workflow.DeepClone() };
        if (images.Count > 0)
        {
            input["images"] = new JsonArray(images.Select(i => (JsonNode)new JsonObject
            {
                ["name"] = i.Name,
                ["image"] = $"data:image/png;base64,{Convert.ToBase64String(i.Png)}",
            }).ToArray());
        }
        using var request = Request(HttpMethod.Post, "run");
        request.Content = new StringContent(new JsonObject { ["input"] = input }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request, cancellationToken);
        EnsureSuccess(response, "start the job");
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return json.RootElement.GetProperty("id").GetString() ?? throw new JsonException("No job id in RunPod's answer.");
    }

    public async Task<RunPodStatus> StatusAsync(string jobId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"status/{Uri.EscapeDataString(jobId)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return new RunPodStatus(jobId, RunPodState.Lost, [], "RunPod no longer knows the job.");
        }
        EnsureSuccess(response, "read the job's status");
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        return Parse(jobId, json.RootElement);
    }

    public async Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"cancel/{Uri.EscapeDataString(jobId)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            EnsureSuccess(response, "cancel the job");
        }
    }

    internal static RunPodStatus Parse(string jobId, JsonElement root)
    {
        var status = root.TryGetProperty("status", out var s) ? s.GetString() : null;
        var error = root.TryGetProperty("error", out var e) ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.ToString()) : null;
        var output = root.TryGetProperty("output", out var o) ? o : default;
        var state = status switch
        {
            "IN_QUEUE" => RunPodState.InQueue,
            "IN_PROGRESS" or "RUNNING" => RunPodState.InProgress,
            "COMPLETED" => RunPodState.Completed,
            "FAILED" when error is not null && error.Contains("not found", StringComparison.OrdinalIgnoreCase) => RunPodState.Lost,
            "FAILED" => RunPodState.Failed,
            "CANCELLED" => RunPodState.Cancelled,
            "TIMED_OUT" => RunPodState.TimedOut,
            _ => RunPodState.InQueue,
        };
        var files = state == RunPodState.Completed ? Files(output) : [];
        if (state == RunPodState.Failed)
        {
            error = Details(error, output);
        }
        else if (state == RunPodState.TimedOut)
        {
            error ??= "The job ran past the endpoint's execution timeout.";
        }
        else if (state == RunPodState.Completed && files.Count == 0)
        {
            state = RunPodState.Failed;
            error = Errors(output) ?? "The worker finished without any image or video.";
        }
        return new RunPodStatus(jobId, state, files, error);
    }

    private static List<RunPodFile> Files(JsonElement output)
    {
        var files = new List<RunPodFile>();
        if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array)
        {
            return files;
        }
        foreach (var image in images.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
        {
            var name = image.TryGetProperty("filename", out var f) ? f.GetString() ?? "output.png" : "output.png";
            var type = image.TryGetProperty("type", out var t) ? t.GetString() : "base64";
            var data = image.TryGetProperty("data", out var d) ? d.GetString() : null;
            if (data is null)
            {
                continue;
            }
            if (type == "s3_url" && Uri.TryCreate(data, UriKind.Absolute, out var url))
            {
                files.Add(new RunPodFile(name, null, url));
            }
            else
            {
                var comma = data.IndexOf(',', StringComparison.Ordinal);
                files.Add(new RunPodFile(name, Convert.FromBase64String(data.StartsWith("data:", StringComparison.Ordinal) && comma > 0 ? data[(comma + 1)..] : data), null));
            }
        }
        return files;
    }

    private static string Details(string? error, JsonElement output)
    {
        var details = output.ValueKind == JsonValueKind.Object && output.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Array
            ? string.Join(" ", d.EnumerateArray().Select(x => x.ToString()))
            : null;
        var message = error ?? "The job failed on RunPod.";
        return string.IsNullOrWhiteSpace(details) ? message : $"{message.TrimEnd('.')}: {details}";
    }

    private static string? Errors(JsonElement output) =>
        output.ValueKind == JsonValueKind.Object && output.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array && e.GetArrayLength() > 0
            ? string.Join(" ", e.EnumerateArray().Select(x => x.ToString()))
            : null;

    private HttpRequestMessage Request(HttpMethod method, string route) => GpuServerRequests.RunPod(server, apiKey, apiUrl, method, route);

    private void EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var reason = response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => "the API key was refused",
                HttpStatusCode.TooManyRequests => "too many requests, try again shortly",
                _ => $"{(int)response.StatusCode} {response.ReasonPhrase}",
            };
            throw new HttpRequestException($"RunPod endpoint {server.Name} could not {what}: {reason}.", null, response.StatusCode);
        }
    }
}
