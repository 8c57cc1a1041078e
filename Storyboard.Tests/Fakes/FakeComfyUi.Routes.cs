using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Storyboard.Tests.Fakes;

/// <summary>The HTTP routes of spec §2, each at <c>/x</c> and <c>/api/x</c>, with aiohttp's answers: JSON as
/// <c>application/json; charset=utf-8</c>, and bare statuses with empty bodies where ComfyUI sends those.</summary>
public sealed partial class FakeComfyUi
{
    void MapRoutes(WebApplication web)
    {
        void Map(string method, string pattern, RequestDelegate handler)
        {
            web.MapMethods(pattern, [method], handler);
            web.MapMethods("/api" + pattern, [method], handler);
        }

        // aiohttp answers an exception in a handler with a 500 text page; so does the fake (with the exception, for
        // whoever debugs it).
        web.Use(async (context, next) =>
        {
            if (Options.BadGateway)
            {
                context.Response.StatusCode = 502;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>");
                return;
            }
            try
            {
                await next(context);
            }
            catch (Exception ex) when (!context.Response.HasStarted && ex is not OperationCanceledException)
            {
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("500 Internal Server Error\n\nServer got itself in trouble\n\n" + ex);
            }
        });
        web.MapMethods("/", ["GET"], context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync("<!DOCTYPE html><html><head><title>ComfyUI</title></head><body><div id=\"vue-app\"></div></body></html>");
        });
        Map("GET", "/ws", HandleWebSocketAsync);
        Map("POST", "/prompt", PostPromptAsync);
        Map("GET", "/prompt", context => Json(context, new JsonObject { ["exec_info"] = new JsonObject { ["queue_remaining"] = QueueRemaining } }));
        Map("GET", "/queue", GetQueue);
        Map("POST", "/queue", PostQueueAsync);
        Map("POST", "/interrupt", PostInterruptAsync);
        Map("GET", "/history", GetHistoryAsync);
        Map("GET", "/history/{prompt_id}", GetHistoryAsync);
        Map("POST", "/history", PostHistoryAsync);
        Map("GET", "/view", GetView);
        Map("POST", "/upload/image", PostUploadAsync);
        Map("GET", "/object_info", GetObjectInfoAsync);
        Map("GET", "/object_info/{node_class}", GetObjectInfoAsync);
        Map("GET", "/models", context => Json(context, Strings(FakeComfyUiObjectInfo.ModelFolders)));
        Map("GET", "/models/{folder}", GetModels);
        Map("GET", "/embeddings", context => Json(context,
            Strings(Options.Models("embeddings").Select(Path.GetFileNameWithoutExtension).OfType<string>())));
        Map("GET", "/system_stats", GetSystemStats);
        Map("GET", "/features", context => Json(context,
            new JsonObject { ["supports_preview_metadata"] = true, ["max_upload_size"] = 104857600 }));
        Map("POST", "/free", PostFreeAsync);
        web.MapMethods("/api/jobs", ["GET"], GetJobs);
        web.MapMethods("/api/jobs/{job_id}", ["GET"], GetJob);
        web.MapMethods("/api/jobs/{job_id}/cancel", ["POST"], CancelJob);
    }

    static Task Json(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    static Task Status(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>The body as JSON, or null when it is empty or not JSON.</summary>
    static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>LoadImage lists only the files at the top of <c>input/</c> (its own check still accepts
    /// <c>subfolder/name</c>).</summary>
    JsonObject Catalogue() => FakeComfyUiObjectInfo.Build(Options.AllModels(), Files.List("input").Where(f => !f.Contains('/')).ToList());

    async Task PostPromptAsync(HttpContext context)
    {
        if (await ReadJsonAsync(context) is not JsonObject body)
        {
            context.Response.StatusCode = 500;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("500 Internal Server Error\n\nServer got itself in trouble");
            return;
        }
        PromptsReceived.Enqueue((JsonObject)body.DeepClone());
        if (body["prompt"] is not JsonObject prompt)
        {
            await Json(context, new JsonObject
            {
                ["error"] = FakeComfyUiValidation.Error("no_prompt", "No prompt provided", "No prompt provided"),
                ["node_errors"] = new JsonObject(),
            }, 400);
            return;
        }
        var modern = Options.Generation == FakeComfyUiGeneration.Y2026;
        if (modern && body["prompt_id"] is JsonValue given
            && (given.GetValueKind() != JsonValueKind.String || !Guid.TryParseExact(given.ToString(), "D", out var uuid) || uuid.ToString() != given.ToString()))
        {
            await Json(context, new JsonObject
            {
                ["error"] = FakeComfyUiValidation.Error("invalid_prompt_id", "prompt_id must be a valid UUID", "prompt_id must be a valid UUID"),
                ["node_errors"] = new JsonObject(),
            }, 400);
            return;
        }
        var validation = FakeComfyUiValidation.Validate(prompt, Catalogue(),
            file => FakeComfyUiFiles.Resolve("", file) is { } path && Files.Exists("input", path), Options.Generation);
        if (!validation.IsValid)
        {
            await Json(context, new JsonObject { ["error"] = validation.Error, ["node_errors"] = validation.NodeErrors }, 400);
            return;
        }
        var extraData = body["extra_data"] is JsonObject extra ? (JsonObject)extra.DeepClone() : new JsonObject();
        if (modern)
        {
            extraData["create_time"] = Now();
        }
        if (body.TryGetPropertyValue("client_id", out var clientId))
        {
            extraData["client_id"] = clientId?.DeepClone();
        }
        double? number = body["number"] is JsonValue n && n.TryGetValue<double>(out var d) ? d : null;
        var front = body["front"] is JsonValue f && f.GetValueKind() == JsonValueKind.True;
        var promptId = body["prompt_id"] is JsonValue id ? id.ToString() : null;
        var (queuedId, queuedNumber) = Enqueue((JsonObject)prompt.DeepClone(), extraData, validation.GoodOutputs, promptId, number, front);
        await Json(context, new JsonObject { ["prompt_id"] = queuedId, ["number"] = queuedNumber, ["node_errors"] = validation.NodeErrors });
    }

    Task GetQueue(HttpContext context)
    {
        JsonObject body;
        lock (gate)
        {
            body = new JsonObject
            {
                ["queue_running"] = running is null ? new JsonArray() : new JsonArray(running.ToJson()),
                ["queue_pending"] = new JsonArray(pending.Select(i => (JsonNode?)i.ToJson()).ToArray()),
            };
        }
        return Json(context, body);
    }

    async Task PostQueueAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        if (body?["clear"] is JsonValue clear && clear.GetValueKind() == JsonValueKind.True)
        {
            lock (gate)
            {
                pending.Clear();
            }
            BroadcastStatus();
        }
        if (body?["delete"] is JsonArray delete)
        {
            foreach (var id in delete.Select(i => i?.ToString()).OfType<string>())
            {
                QueueDeletesReceived.Enqueue(id);
                int removed;
                lock (gate)
                {
                    removed = pending.RemoveAll(i => i.PromptId == id);
                }
                if (removed > 0)
                {
                    BroadcastStatus();
                }
            }
        }
    }

    async Task PostInterruptAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        var target = body?["prompt_id"]?.ToString();
        InterruptsReceived.Enqueue(target);
        lock (gate)
        {
            if (running is not null && (target is null || running.PromptId == target))
            {
                interruptRequested = true;
            }
        }
    }

    async Task GetHistoryAsync(HttpContext context)
    {
        Interlocked.Increment(ref historyRequests);
        if (Options.HistoryDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.HistoryDelay, context.RequestAborted);
        }
        var body = new JsonObject();
        lock (gate)
        {
            if (context.Request.RouteValues["prompt_id"] is string id)
            {
                if (history.TryGetValue(id, out var entry))
                {
                    body[id] = entry.DeepClone();
                }
            }
            else
            {
                int? maxItems = int.TryParse(context.Request.Query["max_items"], out var m) ? m : null;
                var offset = int.TryParse(context.Request.Query["offset"], out var o) ? o : -1;
                if (offset < 0 && maxItems is not null)
                {
                    offset = history.Count - maxItems.Value;
                }
                var index = 0;
                foreach (var (key, entry) in history)
                {
                    if (index++ < offset)
                    {
                        continue;
                    }
                    body[key] = entry.DeepClone();
                    if (maxItems is not null && body.Count >= maxItems)
                    {
                        break;
                    }
                }
            }
        }
        await Json(context, body);
    }

    async Task PostHistoryAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        lock (gate)
        {
            if (body?["clear"] is JsonValue clear && clear.GetValueKind() == JsonValueKind.True)
            {
                history.Clear();
            }
            if (body?["delete"] is JsonArray delete)
            {
                foreach (var id in delete.Select(i => i?.ToString()).OfType<string>())
                {
                    history.Remove(id);
                }
            }
        }
    }

    Task GetView(HttpContext context)
    {
        var query = context.Request.Query;
        if (query["filename"].FirstOrDefault() is not { } filename)
        {
            return Status(context, 404);
        }
        string? type = null;
        foreach (var annotation in FakeComfyUiFiles.Types)
        {
            if (filename.EndsWith($" [{annotation}]", StringComparison.Ordinal))
            {
                filename = filename[..^(annotation.Length + 3)];
                type = annotation;
            }
        }
        if (filename.Length == 0 || filename[0] == '/' || filename.Contains("..", StringComparison.Ordinal))
        {
            return Status(context, 400);
        }
        type ??= query["type"].FirstOrDefault() ?? "output";
        if (!FakeComfyUiFiles.Types.Contains(type))
        {
            return Status(context, 400);
        }
        var subfolder = query["subfolder"].FirstOrDefault() ?? "";
        if (FakeComfyUiFiles.ResolveFolder(subfolder) is not { } folder)
        {
            return Status(context, 403);
        }
        var name = Path.GetFileName(filename.Replace('\\', '/'));
        var path = folder.Length == 0 ? name : folder + "/" + name;
        if (Files.Read(type, path) is not { } bytes)
        {
            return Status(context, 404);
        }
        context.Response.ContentType = FakeComfyUiFiles.ContentType(name);
        context.Response.Headers.ContentDisposition = $"filename=\"{name}\"";
        return context.Response.Body.WriteAsync(bytes).AsTask();
    }

    async Task PostUploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await Status(context, 400);
            return;
        }
        var form = await context.Request.ReadFormAsync();
        var image = form.Files.GetFile("image");
        var type = form["type"].FirstOrDefault() ?? "input";
        if (image is null || string.IsNullOrEmpty(image.FileName) || !FakeComfyUiFiles.Types.Contains(type))
        {
            await Status(context, 400);
            return;
        }
        var subfolder = form["subfolder"].FirstOrDefault() ?? "";
        var filename = image.FileName;
        if (FakeComfyUiFiles.Resolve(subfolder, filename) is not { } path)
        {
            await Status(context, 400);
            return;
        }
        using var buffer = new MemoryStream();
        await image.CopyToAsync(buffer);
        var bytes = buffer.ToArray();
        var overwrite = form["overwrite"].FirstOrDefault() is "true" or "1";
        var duplicate = false;
        if (!overwrite)
        {
            var stem = Path.GetFileNameWithoutExtension(filename);
            var extension = Path.GetExtension(filename);
            for (var i = 1; Files.Read(type, path) is { } existing; i++)
            {
                if (existing.AsSpan().SequenceEqual(bytes))
                {
                    duplicate = true;
                    break;
                }
                filename = $"{stem} ({i}){extension}";
                path = FakeComfyUiFiles.Resolve(subfolder, filename)!;
            }
        }
        if (!duplicate)
        {
            Files.Write(type, path, bytes);
        }
        UploadsReceived.Enqueue((type, path, bytes));
        await Json(context, new JsonObject { ["name"] = filename, ["subfolder"] = subfolder, ["type"] = type });
    }

    async Task GetObjectInfoAsync(HttpContext context)
    {
        if (Options.ObjectInfoDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.ObjectInfoDelay, context.RequestAborted);
        }
        var catalogue = Catalogue();
        if (context.Request.RouteValues["node_class"] is string nodeClass)
        {
            var one = new JsonObject();
            if (catalogue[nodeClass] is { } info)
            {
                one[nodeClass] = info.DeepClone();
            }
            await Json(context, one);
            return;
        }
        await Json(context, catalogue);
    }

    Task GetModels(HttpContext context)
    {
        var folder = context.Request.RouteValues["folder"] as string ?? "";
        return FakeComfyUiObjectInfo.ModelFolders.Contains(folder)
            ? Json(context, Strings(Options.Models(folder)))
            : Status(context, 404);
    }

    Task GetSystemStats(HttpContext context) => Json(context, new JsonObject
    {
        ["system"] = new JsonObject
        {
            ["os"] = Options.Generation == FakeComfyUiGeneration.Y2026 ? "linux" : "posix",
            ["ram_total"] = 134850412544,
            ["ram_free"] = 120123456512,
            ["comfyui_version"] = Options.Version,
            ["required_frontend_version"] = "1.27.10",
            ["installed_templates_version"] = "0.1.95",
            ["required_templates_version"] = "0.1.95",
            ["python_version"] = "3.12.3 (main, Nov  6 2025, 13:44:16) [GCC 13.2.0]",
            ["pytorch_version"] = "2.8.0+cu128",
            ["embedded_python"] = false,
            ["argv"] = new JsonArray("main.py", "--listen", "0.0.0.0", "--port", "8188"),
        },
        ["devices"] = new JsonArray(new JsonObject
        {
            ["name"] = Options.GpuName,
            ["type"] = "cuda",
            ["index"] = 0,
            ["vram_total"] = Options.VramTotal,
            ["vram_free"] = Options.VramFree,
            ["torch_vram_total"] = 0,
            ["torch_vram_free"] = 0,
        }),
    });

    async Task PostFreeAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context) as JsonObject ?? [];
        FreesReceived.Enqueue(body);
        if (body["free_memory"] is JsonValue free && free.GetValueKind() == JsonValueKind.True)
        {
            lock (gate)
            {
                cache = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            }
        }
    }
}
