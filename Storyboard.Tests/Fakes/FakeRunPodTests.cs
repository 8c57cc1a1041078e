using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static Storyboard.Tests.Fakes.FakeComfyUiGraphs;

namespace Storyboard.Tests.Fakes;

public sealed class FakeRunPodTests : IAsyncLifetime
{
    const string Endpoint = "/v2/storyboard-endpoint";
    readonly FakeRunPod runPod = new();
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        await runPod.StartAsync();
        http = new HttpClient { BaseAddress = runPod.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", runPod.Options.ApiKey);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await runPod.DisposeAsync();
    }

    static JsonObject Run(JsonObject workflow, JsonArray? images = null, JsonObject? policy = null)
    {
        var input = new JsonObject { ["workflow"] = workflow };
        if (images is not null)
        {
            input["images"] = images;
        }
        var body = new JsonObject { ["input"] = input };
        if (policy is not null)
        {
            body["policy"] = policy;
        }
        return body;
    }

    async Task<JsonNode> WaitForStatusAsync(string id, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var status = await http.GetJsonAsync($"{Endpoint}/status/{id}");
            if (done(status["status"]!.ToString()) || DateTime.UtcNow > deadline)
            {
                return status;
            }
            await Task.Delay(20);
        }
    }

    static bool Terminal(string status) => status is "COMPLETED" or "FAILED" or "CANCELLED" or "TIMED_OUT";

    [Fact]
    public async Task Requests_need_the_api_key_in_either_header_style_and_unknown_endpoints_are_404()
    {
        using var anonymous = new HttpClient { BaseAddress = runPod.BaseAddress };
        using var none = await anonymous.GetAsync($"{Endpoint}/health");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        using var wrong = await anonymous.GetAsync($"{Endpoint}/health");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        anonymous.DefaultRequestHeaders.Remove("Authorization");
        anonymous.DefaultRequestHeaders.TryAddWithoutValidation("authorization", runPod.Options.ApiKey);
        using var bare = await anonymous.GetAsync($"{Endpoint}/health");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        using var unknown = await http.GetAsync("/v2/no-such-endpoint/health");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var unknownJob = await http.GetAsync($"{Endpoint}/status/nope");
        Assert.Equal(HttpStatusCode.NotFound, unknownJob.StatusCode);
    }

    [Fact]
    public async Task A_run_goes_in_queue_then_in_progress_then_completed_with_base64_images()
    {
        runPod.Options.QueueDelay = TimeSpan.FromMilliseconds(300);
        runPod.Options.RunTime = TimeSpan.FromMilliseconds(300);
        var (status, queued) = await http.PostJsonAsync($"{Endpoint}/run", Run(Sdxl()));
        Assert.Equal(200, status);
        var id = queued!["id"]!.ToString();
        Assert.Equal("IN_QUEUE", queued["status"]!.ToString());
        Assert.EndsWith("-u1", id);
        Assert.Equal("IN_QUEUE", (await http.GetJsonAsync($"{Endpoint}/status/{id}"))["status"]!.ToString());
        var running = await WaitForStatusAsync(id, s => s != "IN_QUEUE");
        Assert.Equal("IN_PROGRESS", running["status"]!.ToString());
        Assert.True(running["delayTime"]!.GetValue<long>() >= 250);
        var done = await WaitForStatusAsync(id, Terminal);
        Assert.Equal("COMPLETED", done["status"]!.ToString());
        Assert.True(done["executionTime"]!.GetValue<long>() >= 250);
        Assert.Null(done["error"]);
        var image = done["output"]!["images"]!.AsArray().Single()!;
        Assert.Equal("ComfyUI_00001_.png", image["filename"]!.ToString());
        Assert.Equal("base64", image["type"]!.ToString());
        using var png = SixLabors.ImageSharp.Image.Load(Convert.FromBase64String(image["data"]!.ToString()));
        Assert.Equal(64, png.Width);
        Assert.Single(runPod.Comfy.PromptsReceived);
    }

    [Fact]
    public async Task Runsync_answers_the_finished_job_or_its_status_when_the_wait_runs_out()
    {
        var (status, finished) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        Assert.Equal(200, status);
        Assert.StartsWith("sync-", finished!["id"]!.ToString());
        Assert.Equal("COMPLETED", finished["status"]!.ToString());
        Assert.NotNull(finished["output"]!["images"]);

        runPod.Options.RunTime = TimeSpan.FromSeconds(2);
        var (_, pending) = await http.PostJsonAsync($"{Endpoint}/runsync?wait=200", Run(Sdxl(2)));
        Assert.Equal(["id", "status"], pending!.AsObject().Select(p => p.Key));
        Assert.Equal("IN_PROGRESS", pending["status"]!.ToString());
    }

    [Fact]
    public async Task Input_images_are_uploaded_for_load_image_and_a_video_comes_back_under_images()
    {
        var images = new JsonArray(new JsonObject
        {
            ["name"] = "start_frame.png",
            ["image"] = "data:image/png;base64," + Convert.ToBase64String(FakeMedia.Png),
        });
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(WanImageToVideo("start_frame.png"), images));
        Assert.Equal("COMPLETED", job!["status"]!.ToString());
        var video = job["output"]!["images"]![0]!;
        Assert.Equal("ComfyUI_00001_.mp4", video["filename"]!.ToString());
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(video["data"]!.ToString()), 4, 4));
        Assert.Equal(FakeMedia.Png, runPod.Comfy.Files.Read("input", "start_frame.png"));
    }

    [Fact]
    public async Task A_workflow_failing_validation_fails_the_job_with_worker_comfyuis_message()
    {
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl(checkpoint: "missing.safetensors")));
        Assert.Equal("FAILED", job!["status"]!.ToString());
        Assert.Null(job["output"]);
        var error = job["error"]!.ToString();
        Assert.StartsWith("Workflow validation failed:\n• Node 4 (errors): [{'type': 'value_not_in_list', 'message': 'Value not in list', 'details': \"ckpt_name: 'missing.safetensors' not in [", error);
        Assert.Contains("\n• Node 4 (dependent_outputs): ['9']\n• Node 4 (class_type): 'CheckpointLoaderSimple'", error);
        Assert.EndsWith("\n\nAvailable checkpoint models: flux1-dev-fp8.safetensors, sd_xl_base_1.0.safetensors, v1-5-pruned-emaonly.safetensors", error);

        var unknown = Sdxl();
        unknown["9"]!["class_type"] = "VHS_Missing";
        (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(unknown));
        Assert.Equal("FAILED", job!["status"]!.ToString());
        Assert.StartsWith("Cannot execute because node VHS_Missing does not exist.. Raw response: {", job["error"]!.ToString());
    }

    [Fact]
    public async Task A_runtime_error_fails_the_job_with_details_in_the_output()
    {
        runPod.Comfy.Options.FailAtNode = "3";
        runPod.Comfy.Options.FailureMessage = "CUDA out of memory";
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        Assert.Equal("FAILED", job!["status"]!.ToString());
        Assert.Equal("Job processing failed", job["error"]!.ToString());
        Assert.Equal("""["Workflow execution error: Node Type: KSampler, Node ID: 3, Message: CUDA out of memory"]""",
            job["output"]!["details"]!.ToJsonString());
    }

    [Fact]
    public async Task Bad_input_fails_the_job_the_way_the_handler_does()
    {
        var (status, job) = await http.PostJsonAsync($"{Endpoint}/runsync", new JsonObject { ["input"] = new JsonObject { ["prompt"] = "x" } });
        Assert.Equal(200, status);
        Assert.Equal("FAILED", job!["status"]!.ToString());
        Assert.Equal("Missing 'workflow' parameter", job["error"]!.ToString());
        (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl(), new JsonArray(new JsonObject { ["name"] = "x.png" })));
        Assert.Equal("'images' must be a list of objects with 'name' and 'image' keys", job!["error"]!.ToString());
        (status, _) = await http.PostJsonAsync($"{Endpoint}/run", new JsonObject { ["workflow"] = Sdxl() });
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Cancelling_a_queued_job_cancels_it_and_cancelling_a_finished_job_leaves_it()
    {
        runPod.Options.QueueDelay = TimeSpan.FromSeconds(5);
        var (_, queued) = await http.PostJsonAsync($"{Endpoint}/run", Run(Sdxl()));
        var id = queued!["id"]!.ToString();
        var (status, cancelled) = await http.PostJsonAsync($"{Endpoint}/cancel/{id}", new JsonObject());
        Assert.Equal(200, status);
        Assert.Equal($$"""{"id":"{{id}}","status":"CANCELLED"}""", cancelled!.ToJsonString());
        Assert.Equal("CANCELLED", (await http.GetJsonAsync($"{Endpoint}/status/{id}"))["status"]!.ToString());
        Assert.Empty(runPod.Comfy.PromptsReceived);

        runPod.Options.QueueDelay = TimeSpan.Zero;
        var (_, done) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        (_, cancelled) = await http.PostJsonAsync($"{Endpoint}/cancel/{done!["id"]}", new JsonObject());
        Assert.Equal("COMPLETED", cancelled!["status"]!.ToString());
        (status, _) = await http.PostJsonAsync($"{Endpoint}/cancel/unknown", new JsonObject());
        Assert.Equal(404, status);
        Assert.Equal(3, runPod.CancelsReceived.Count);
    }

    [Fact]
    public async Task A_job_over_its_execution_timeout_ends_timed_out_and_can_be_retried()
    {
        runPod.Options.RunTime = TimeSpan.FromMilliseconds(1500);
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl(), policy: new JsonObject { ["executionTimeout"] = 1000 }));
        Assert.Equal("TIMED_OUT", job!["status"]!.ToString());
        runPod.Options.RunTime = TimeSpan.Zero;
        var (status, retried) = await http.PostJsonAsync($"{Endpoint}/retry/{job["id"]}", new JsonObject());
        Assert.Equal(200, status);
        Assert.Equal("IN_QUEUE", retried!["status"]!.ToString());
        var done = await WaitForStatusAsync(job["id"]!.ToString(), Terminal);
        Assert.Equal("COMPLETED", done["status"]!.ToString());
        Assert.Equal(1, (await http.GetJsonAsync($"{Endpoint}/health"))["jobs"]!["retried"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_fail_and_rate_limit_knobs_fail_jobs_and_refuse_requests()
    {
        runPod.Options.FailWith = "ComfyUI server (127.0.0.1:8188) not reachable after multiple retries.";
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        Assert.Equal("FAILED", job!["status"]!.ToString());
        Assert.Equal(runPod.Options.FailWith, job["error"]!.ToString());
        runPod.Options.RateLimited = true;
        var (status, _) = await http.PostJsonAsync($"{Endpoint}/run", Run(Sdxl()));
        Assert.Equal(429, status);
    }

    [Fact]
    public async Task A_stopped_comfyui_fails_the_job_as_unreachable()
    {
        await runPod.Comfy.StopListeningAsync();
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        Assert.Equal("FAILED", job!["status"]!.ToString());
        Assert.Equal("ComfyUI server (127.0.0.1:8188) not reachable after multiple retries.", job["error"]!.ToString());
    }

    [Fact]
    public async Task Health_counts_jobs_and_workers_and_purge_removes_only_queued_jobs()
    {
        await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        runPod.Options.QueueDelay = TimeSpan.FromSeconds(5);
        await http.PostJsonAsync($"{Endpoint}/run", Run(Sdxl(2)));
        await http.PostJsonAsync($"{Endpoint}/run", Run(Sdxl(3)));
        runPod.Options.ExtraJobsInQueue = 10;
        runPod.Options.WorkersIdle = 0;
        runPod.Options.WorkersRunning = 3;
        var health = await http.GetJsonAsync($"{Endpoint}/health");
        Assert.Equal("""{"jobs":{"completed":1,"failed":0,"inProgress":0,"inQueue":12,"retried":0},"workers":{"idle":0,"running":3}}""", health.ToJsonString());
        var (status, purged) = await http.PostJsonAsync($"{Endpoint}/purge-queue", new JsonObject());
        Assert.Equal(200, status);
        Assert.Equal("""{"removed":2,"status":"completed"}""", purged!.ToJsonString());
    }

    [Fact]
    public async Task S3_and_legacy_modes_and_gifs_only_outputs_have_their_shapes()
    {
        runPod.Options.OutputMode = FakeRunPodOutputMode.S3Url;
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        var image = job!["output"]!["images"]![0]!;
        Assert.Equal("s3_url", image["type"]!.ToString());
        Assert.Equal($"https://storyboard-test.s3.eu-west-1.amazonaws.com/{job["id"]}/ComfyUI_00001_.png", image["data"]!.ToString());

        runPod.Options.OutputMode = FakeRunPodOutputMode.Legacy;
        (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl(2)));
        Assert.Equal(["status", "message"], job!["output"]!.AsObject().Select(p => p.Key));
        Assert.Equal("success", job["output"]!["status"]!.ToString());
        Assert.NotEmpty(Convert.FromBase64String(job["output"]!["message"]!.ToString()));

        runPod.Options.OutputMode = FakeRunPodOutputMode.Base64;
        runPod.Comfy.Options.OutputKind = FakeOutputKind.VhsGifs;
        (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl(3)));
        Assert.Equal("COMPLETED", job!["status"]!.ToString());
        Assert.Equal("""{"status":"success_no_images","images":[]}""", job["output"]!.ToJsonString());
    }

    [Fact]
    public async Task An_expired_job_is_no_longer_found()
    {
        var (_, job) = await http.PostJsonAsync($"{Endpoint}/runsync", Run(Sdxl()));
        var id = job!["id"]!.ToString();
        Assert.Equal("COMPLETED", runPod.Status(id)!["status"]!.ToString());
        runPod.Expire(id);
        using var response = await http.GetAsync($"{Endpoint}/status/{id}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
