using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Storyboard.Tests.Fakes;

/// <summary>
/// A fake RunPod serverless queue endpoint (spec §5.1, §5.3) whose worker is worker-comfyui 5.x (§5.2) driving its
/// own <see cref="FakeComfyUi"/> (<see cref="Comfy"/>: the same catalogue, validation, knobs and outputs).
/// Routes: <c>/v2/{endpoint}/run</c>, <c>/runsync</c>, <c>/status/{id}</c>, <c>/cancel/{id}</c>, <c>/retry/{id}</c>,
/// <c>/health</c>, <c>/purge-queue</c>.
/// </summary>
public sealed class FakeRunPod : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, Job> jobs = new(StringComparer.Ordinal);
    readonly CancellationTokenSource disposing = new();
    WebApplication? app;
    FakeRunPodWorker? worker;
    int completed;
    int failed;
    int retried;

    public FakeRunPod(FakeRunPodOptions? options = null, FakeComfyUiOptions? comfyOptions = null)
    {
        Options = options ?? new FakeRunPodOptions();
        Comfy = new FakeComfyUi(comfyOptions);
    }

    public FakeRunPodOptions Options { get; }

    /// <summary>The ComfyUI inside the worker container.</summary>
    public FakeComfyUi Comfy { get; }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every body posted to <c>/run</c> or <c>/runsync</c> with a valid key.</summary>
    public ConcurrentQueue<JsonObject> RequestsReceived { get; } = new();

    /// <summary>Job ids named by <c>/cancel</c>.</summary>
    public ConcurrentQueue<string> CancelsReceived { get; } = new();

    public async Task<FakeRunPod> StartAsync()
    {
        await Comfy.StartAsync();
        worker = new FakeRunPodWorker(Comfy, Options);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        app = builder.Build();
        MapRoutes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return this;
    }

    /// <summary>Forgets a job, as RunPod does once its result retention runs out: <c>/status</c> answers 404.</summary>
    public void Expire(string jobId) => jobs.TryRemove(jobId, out _);

    /// <summary>The job as <c>/status</c> would show it, or null.</summary>
    public JsonObject? Status(string jobId) => jobs.TryGetValue(jobId, out var job) ? job.ToJson() : null;

    void MapRoutes(WebApplication web)
    {
        web.Use(async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header.Trim();
            if (key != Options.ApiKey)
            {
                context.Response.StatusCode = 401;
                return;
            }
            var segments = context.Request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (segments.Length < 2 || segments[0] != "v2" || !Options.EndpointIds.Contains(segments[1]))
            {
                context.Response.StatusCode = 404;
                return;
            }
            await next(context);
        });
        web.MapPost("/v2/{endpoint}/run", context => SubmitAsync(context, sync: false));
        web.MapPost("/v2/{endpoint}/runsync", context => SubmitAsync(context, sync: true));
        web.MapMethods("/v2/{endpoint}/status/{id}", ["GET", "POST"], context =>
            jobs.TryGetValue(Id(context), out var job) ? Json(context, job.ToJson()) : NotFound(context));
        web.MapPost("/v2/{endpoint}/cancel/{id}", Cancel);
        web.MapPost("/v2/{endpoint}/retry/{id}", Retry);
        web.MapGet("/v2/{endpoint}/health", Health);
        web.MapPost("/v2/{endpoint}/purge-queue", PurgeQueue);
    }

    static string Id(HttpContext context) => context.Request.RouteValues["id"] as string ?? "";

    static Task Json(HttpContext context, JsonNode body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    static Task NotFound(HttpContext context) => Json(context, new JsonObject { ["error"] = "job not found" }, 404);

    async Task SubmitAsync(HttpContext context, bool sync)
    {
        if (Options.RateLimited)
        {
            await Json(context, new JsonObject { ["error"] = "Too many requests" }, 429);
            return;
        }
        JsonObject? body = null;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        if (body is null || !body.ContainsKey("input"))
        {
            await Json(context, new JsonObject { ["error"] = "Invalid request: a JSON body with 'input' is required" }, 400);
            return;
        }
        RequestsReceived.Enqueue((JsonObject)body.DeepClone());
        var timeout = body["policy"]?["executionTimeout"] is JsonValue ms && ms.TryGetValue<double>(out var value)
            ? TimeSpan.FromMilliseconds(value) : Options.ExecutionTimeout;
        var job = new Job((sync ? "sync-" : "") + Guid.NewGuid() + (sync ? "" : "-u1"), body["input"]?.DeepClone(), timeout);
        jobs[job.Id] = job;
        _ = RunAsync(job);
        if (!sync)
        {
            await Json(context, new JsonObject { ["id"] = job.Id, ["status"] = "IN_QUEUE" });
            return;
        }
        var wait = double.TryParse(context.Request.Query["wait"], out var waitMs) ? TimeSpan.FromMilliseconds(waitMs) : Options.RunsyncWait;
        await Task.WhenAny(job.Done.Task, Task.Delay(wait, context.RequestAborted));
        var state = job.ToJson();
        await Json(context, job.IsTerminal ? state : new JsonObject { ["id"] = job.Id, ["status"] = state["status"]!.DeepClone() });
    }

    async Task RunAsync(Job job)
    {
        try
        {
            await Task.Delay(Options.QueueDelay, job.Cancel.Token);
            lock (job)
            {
                if (job.Status != "IN_QUEUE")
                {
                    return;
                }
                job.Status = "IN_PROGRESS";
                job.Started = DateTime.UtcNow;
            }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(job.Cancel.Token, disposing.Token);
            limit.CancelAfter(job.ExecutionTimeout);
            JsonObject result;
            try
            {
                await Task.Delay(Options.RunTime, limit.Token);
                result = Options.FailWith is { } failure
                    ? new JsonObject { ["error"] = failure }
                    : await worker!.HandleAsync(job.Id, job.Input, limit.Token);
            }
            catch (OperationCanceledException) when (!job.Cancel.IsCancellationRequested && !disposing.IsCancellationRequested)
            {
                Finish(job, "TIMED_OUT", null, null);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var error = new JsonObject
                {
                    ["error_type"] = $"<class '{ex.GetType().Name}'>",
                    ["error_message"] = ex.Message,
                    ["error_traceback"] = ex.StackTrace ?? "",
                    ["hostname"] = "fake-worker",
                    ["worker_id"] = "fake-worker",
                    ["runpod_version"] = "1.7.9",
                };
                Finish(job, "FAILED", null, error.ToJsonString());
                return;
            }
            var message = result["error"]?.ToString();
            result.Remove("error");
            result.Remove("refresh_worker");
            Finish(job, string.IsNullOrEmpty(message) ? "COMPLETED" : "FAILED", result.Count == 0 ? null : result, message);
        }
        catch (OperationCanceledException)
        {
        }
    }

    void Finish(Job job, string status, JsonObject? output, string? error)
    {
        lock (job)
        {
            if (job.IsTerminal)
            {
                return;
            }
            job.Status = status;
            job.Output = output;
            job.Error = error;
            job.Finished = DateTime.UtcNow;
        }
        if (status == "COMPLETED")
        {
            Interlocked.Increment(ref completed);
        }
        else
        {
            Interlocked.Increment(ref failed);
        }
        job.Done.TrySetResult();
    }

    Task Cancel(HttpContext context)
    {
        var id = Id(context);
        CancelsReceived.Enqueue(id);
        if (!jobs.TryGetValue(id, out var job))
        {
            return NotFound(context);
        }
        lock (job)
        {
            if (!job.IsTerminal)
            {
                job.Status = "CANCELLED";
                job.Finished = DateTime.UtcNow;
                job.Cancel.Cancel();
                job.Done.TrySetResult();
            }
        }
        return Json(context, new JsonObject { ["id"] = job.Id, ["status"] = job.Status });
    }

    Task Retry(HttpContext context)
    {
        if (!jobs.TryGetValue(Id(context), out var old))
        {
            return NotFound(context);
        }
        if (old.Status is not ("FAILED" or "TIMED_OUT"))
        {
            return Json(context, new JsonObject { ["error"] = $"job {old.Id} is {old.Status}; only FAILED or TIMED_OUT jobs can be retried" }, 400);
        }
        var job = new Job(old.Id, old.Input?.DeepClone(), old.ExecutionTimeout);
        jobs[job.Id] = job;
        Interlocked.Increment(ref retried);
        _ = RunAsync(job);
        return Json(context, new JsonObject { ["id"] = job.Id, ["status"] = "IN_QUEUE" });
    }

    Task Health(HttpContext context)
    {
        var all = jobs.Values.ToList();
        var inProgress = all.Count(j => j.Status == "IN_PROGRESS");
        return Json(context, new JsonObject
        {
            ["jobs"] = new JsonObject
            {
                ["completed"] = completed,
                ["failed"] = failed,
                ["inProgress"] = inProgress,
                ["inQueue"] = all.Count(j => j.Status == "IN_QUEUE") + Options.ExtraJobsInQueue,
                ["retried"] = retried,
            },
            ["workers"] = new JsonObject
            {
                ["idle"] = Options.WorkersIdle ?? (inProgress == 0 ? 1 : 0),
                ["running"] = Options.WorkersRunning ?? Math.Min(inProgress, 1),
            },
        });
    }

    Task PurgeQueue(HttpContext context)
    {
        var removed = 0;
        foreach (var job in jobs.Values)
        {
            lock (job)
            {
                if (job.Status == "IN_QUEUE")
                {
                    job.Cancel.Cancel();
                    jobs.TryRemove(job.Id, out _);
                    job.Done.TrySetResult();
                    removed++;
                }
            }
        }
        return Json(context, new JsonObject { ["removed"] = removed, ["status"] = "completed" });
    }

    public async ValueTask DisposeAsync()
    {
        await disposing.CancelAsync();
        foreach (var job in jobs.Values)
        {
            job.Cancel.Cancel();
        }
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await Comfy.DisposeAsync();
        disposing.Dispose();
    }

    sealed class Job(string id, JsonNode? input, TimeSpan executionTimeout)
    {
        public string Id { get; } = id;

        public JsonNode? Input { get; } = input;

        public TimeSpan ExecutionTimeout { get; } = executionTimeout;

        public DateTime Submitted { get; } = DateTime.UtcNow;

        public string Status { get; set; } = "IN_QUEUE";

        public DateTime? Started { get; set; }

        public DateTime? Finished { get; set; }

        public JsonObject? Output { get; set; }

        public string? Error { get; set; }

        public CancellationTokenSource Cancel { get; } = new();

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool IsTerminal => Status is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT";

        public JsonObject ToJson()
        {
            lock (this)
            {
                var json = new JsonObject();
                if (Started is { } started)
                {
                    json["delayTime"] = (long)(started - Submitted).TotalMilliseconds;
                    if (Finished is { } finished)
                    {
                        json["executionTime"] = (long)(finished - started).TotalMilliseconds;
                    }
                }
                json["id"] = Id;
                if (Output is not null)
                {
                    json["output"] = Output.DeepClone();
                }
                if (Error is not null)
                {
                    json["error"] = Error;
                }
                json["status"] = Status;
                if (Started is not null)
                {
                    json["workerId"] = "fake-worker-1";
                }
                return json;
            }
        }
    }
}
