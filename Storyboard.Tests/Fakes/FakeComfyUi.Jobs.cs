using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Storyboard.Tests.Fakes;

/// <summary>The 2026 unified jobs API (spec §2.13), answered only when <see cref="FakeComfyUiOptions.Generation"/>
/// is <see cref="FakeComfyUiGeneration.Y2026"/>; an older server answers 404.</summary>
public sealed partial class FakeComfyUi
{
    static readonly string[] PreviewableKeys = ["images", "gifs", "video", "videos", "audio"];

    bool JobsApiMissing(HttpContext context)
    {
        if (Options.Generation == FakeComfyUiGeneration.Y2026)
        {
            return false;
        }
        context.Response.StatusCode = 404;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return true;
    }

    Task GetJobs(HttpContext context)
    {
        if (JobsApiMissing(context))
        {
            return context.Response.WriteAsync("404: Not Found");
        }
        var wanted = context.Request.Query["status"].FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var all = AllJobs(detailed: false).Where(j => wanted is null || wanted.Contains(j["status"]!.ToString())).ToList();
        var descending = context.Request.Query["sort_order"].FirstOrDefault() != "asc";
        all = (descending ? all.OrderByDescending(CreateTime) : all.OrderBy(CreateTime)).ToList();
        var offset = int.TryParse(context.Request.Query["offset"], out var o) ? Math.Max(0, o) : 0;
        int? limit = int.TryParse(context.Request.Query["limit"], out var l) ? l : null;
        var page = all.Skip(offset).Take(limit ?? int.MaxValue).ToList();
        return Json(context, new JsonObject
        {
            ["jobs"] = new JsonArray(page.Select(j => (JsonNode?)j).ToArray()),
            ["pagination"] = new JsonObject
            {
                ["offset"] = offset,
                ["limit"] = limit,
                ["total"] = all.Count,
                ["has_more"] = offset + page.Count < all.Count,
            },
        });
    }

    Task GetJob(HttpContext context)
    {
        if (JobsApiMissing(context))
        {
            return context.Response.WriteAsync("404: Not Found");
        }
        var id = context.Request.RouteValues["job_id"] as string;
        var job = AllJobs(detailed: true).FirstOrDefault(j => j["id"]!.ToString() == id);
        return job is null ? Json(context, new JsonObject { ["error"] = "Job not found" }, 404) : Json(context, job);
    }

    Task CancelJob(HttpContext context)
    {
        if (JobsApiMissing(context))
        {
            return context.Response.WriteAsync("404: Not Found");
        }
        var id = context.Request.RouteValues["job_id"] as string;
        var cancelled = false;
        lock (gate)
        {
            if (pending.RemoveAll(i => i.PromptId == id) > 0)
            {
                cancelled = true;
            }
            else if (running?.PromptId == id)
            {
                interruptRequested = true;
                cancelled = true;
            }
        }
        if (cancelled)
        {
            BroadcastStatus();
        }
        return Json(context, new JsonObject { ["cancelled"] = cancelled });
    }

    static long CreateTime(JsonObject job) => job["create_time"]?.GetValue<long>() ?? 0;

    List<JsonObject> AllJobs(bool detailed)
    {
        lock (gate)
        {
            var jobs = pending.Select(i => Job(i, "pending", null, detailed)).ToList();
            if (running is not null)
            {
                jobs.Add(Job(running, "in_progress", null, detailed));
            }
            foreach (var (id, entry) in history)
            {
                var prompt = entry["prompt"]!.AsArray();
                var item = new QueueItem(prompt[0]!.DeepClone(), 0, 0, id, prompt[2]!.AsObject(), prompt[3]!.AsObject(), []);
                var messages = entry["status"]!["messages"]!.AsArray();
                var status = entry["status"]!["status_str"]!.ToString() == "success" ? "completed"
                    : messages.Any(m => m![0]!.ToString() == "execution_interrupted") ? "cancelled" : "failed";
                jobs.Add(Job(item, status, entry, detailed));
            }
            return jobs;
        }
    }

    static JsonObject Job(QueueItem item, string status, JsonObject? entry, bool detailed)
    {
        var job = new JsonObject
        {
            ["id"] = item.PromptId,
            ["status"] = status,
            ["priority"] = item.Number.DeepClone(),
            ["create_time"] = item.ExtraData["create_time"]?.DeepClone(),
        };
        if (entry is not null)
        {
            var messages = entry["status"]!["messages"]!.AsArray();
            job["execution_start_time"] = messages.FirstOrDefault(m => m![0]!.ToString() == "execution_start")?[1]?["timestamp"]?.DeepClone();
            job["execution_end_time"] = messages.LastOrDefault()?[1]?["timestamp"]?.DeepClone();
            job["execution_error"] = messages.FirstOrDefault(m => m![0]!.ToString() == "execution_error")?[1]?.DeepClone();
            var items = (entry["outputs"] as JsonObject ?? []).SelectMany(o => (o.Value as JsonObject ?? [])
                .Where(k => k.Value is JsonArray).SelectMany(k => k.Value!.AsArray().Where(v => v is JsonObject).Select(v => (k.Key, Item: v!)))).ToList();
            var previewable = items.Where(i => PreviewableKeys.Contains(i.Key)).Select(i => i.Item).ToList();
            job["outputs_count"] = items.Count;
            job["previewable_outputs_count"] = previewable.Count;
            job["preview_output"] = previewable.FirstOrDefault()?.DeepClone();
            if (detailed)
            {
                job["outputs"] = entry["outputs"]!.DeepClone();
                job["execution_status"] = entry["status"]!.DeepClone();
            }
        }
        job["workflow_id"] = item.ExtraData["extra_pnginfo"]?["workflow"]?["id"]?.DeepClone();
        if (detailed)
        {
            job["workflow"] = new JsonObject { ["prompt"] = item.Prompt.DeepClone(), ["extra_data"] = item.ExtraData.DeepClone() };
        }
        foreach (var key in job.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            job.Remove(key);
        }
        return job;
    }
}
