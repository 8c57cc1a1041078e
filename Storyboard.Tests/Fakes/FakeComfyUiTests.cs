using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using static Storyboard.Tests.Fakes.FakeComfyUiGraphs;
using static Storyboard.Tests.Fakes.WebSocketProbe;

namespace Storyboard.Tests.Fakes;

public sealed class FakeComfyUiTests : IAsyncLifetime
{
    readonly FakeComfyUi comfy = new();
    HttpClient http = null!;

    public async Task InitializeAsync()
    {
        await comfy.StartAsync();
        http = new HttpClient { BaseAddress = comfy.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await comfy.DisposeAsync();
    }

    Task<WebSocketProbe> ConnectAsync(string clientId) => WebSocketProbe.ConnectAsync(comfy.WebSocketAddress(clientId));

    static string Data(JsonObject frame, string key) => frame["data"]![key]?.ToString() ?? "";

    // ---- HTTP surface ----

    [Fact]
    public async Task Every_route_answers_at_the_plain_path_and_under_api()
    {
        foreach (var path in new[] { "/prompt", "/queue", "/history", "/object_info/KSampler", "/models", "/models/checkpoints", "/embeddings", "/system_stats", "/features" })
        {
            using var plain = await http.GetAsync(path);
            using var api = await http.GetAsync("/api" + path);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
            Assert.Equal("application/json; charset=utf-8", plain.Content.Headers.ContentType!.ToString());
        }
        using var root = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Contains("<html", await root.Content.ReadAsStringAsync());
        using var free = await http.PostAsync("/api/free", new StringContent("""{"unload_models": true, "free_memory": true}"""));
        Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        Assert.Empty(await free.Content.ReadAsByteArrayAsync());
        Assert.Single(comfy.FreesReceived);
    }

    [Fact]
    public async Task The_execution_log_records_each_run_from_leaving_the_queue_to_its_history()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(40);
        var first = await http.QueuePromptAsync(Sdxl(seed: 1), "c1");
        var second = await http.QueuePromptAsync(Sdxl(seed: 2), "c1");
        await comfy.WaitForHistoryAsync(second);
        var log = comfy.ExecutionLog;
        Assert.Equal([first, second], log.Select(e => e.PromptId));
        Assert.All(log, e => Assert.True(e.Succeeded));
        Assert.All(log, e => Assert.InRange((e.FinishedAt - e.StartedAt).TotalMilliseconds, 3 * 40 - 5, 5_000));
        Assert.True(log[1].StartedAt >= log[0].FinishedAt);
        Assert.InRange((DateTimeOffset.UtcNow - FakeComfyUi.MonotonicUtcNow).Duration().TotalMilliseconds, 0, 1_000);
    }

    [Fact]
    public async Task A_valid_prompt_is_queued_with_a_counter_number_and_a_client_chosen_id_is_kept()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(50);
        var (status, first) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl(), ["client_id"] = "c1" });
        Assert.Equal(200, status);
        Assert.True(Guid.TryParse(first!["prompt_id"]!.ToString(), out _));
        Assert.Equal("0", first["number"]!.ToJsonString());
        Assert.Equal("{}", first["node_errors"]!.ToJsonString());
        var chosen = Guid.NewGuid().ToString();
        var (_, second) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl(2), ["prompt_id"] = chosen, ["number"] = 3 });
        Assert.Equal(chosen, second!["prompt_id"]!.ToString());
        Assert.Equal("3.0", second["number"]!.ToJsonString());
        Assert.Equal(2, comfy.PromptsReceived.Count);
    }

    [Fact]
    public async Task A_prompt_with_an_unknown_node_is_refused_with_the_real_400_shape()
    {
        var prompt = Sdxl();
        prompt["12"] = Parse("""{"class_type": "SwarmKSampler", "inputs": {}}""");
        var (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = prompt });
        Assert.Equal(400, status);
        Assert.Equal("invalid_prompt", body!["error"]!["type"]!.ToString());
        Assert.Equal("Cannot execute because node SwarmKSampler does not exist.", body["error"]!["message"]!.ToString());
        Assert.Equal("Node ID '#12'", body["error"]!["details"]!.ToString());
        Assert.Equal("{}", body["error"]!["extra_info"]!.ToJsonString());
        Assert.Equal("{}", body["node_errors"]!.ToJsonString());
        Assert.Equal(0, comfy.QueueRemaining);
    }

    [Fact]
    public async Task A_bad_checkpoint_is_refused_with_empty_details_and_the_reason_on_its_node()
    {
        var (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl(checkpoint: "sdxl_missing.safetensors") });
        Assert.Equal(400, status);
        Assert.Equal("prompt_outputs_failed_validation", body!["error"]!["type"]!.ToString());
        Assert.Equal("Prompt outputs failed validation", body["error"]!["message"]!.ToString());
        Assert.Equal("", body["error"]!["details"]!.ToString());
        var node = body["node_errors"]!["4"]!;
        Assert.Equal("CheckpointLoaderSimple", node["class_type"]!.ToString());
        Assert.Equal("""["9"]""", node["dependent_outputs"]!.ToJsonString());
        var error = node["errors"]![0]!;
        Assert.Equal("value_not_in_list", error["type"]!.ToString());
        Assert.Equal("Value not in list", error["message"]!.ToString());
        Assert.Equal("ckpt_name: 'sdxl_missing.safetensors' not in ['flux1-dev-fp8.safetensors', 'sd_xl_base_1.0.safetensors', 'v1-5-pruned-emaonly.safetensors']",
            error["details"]!.ToString());
        Assert.Equal("ckpt_name", error["extra_info"]!["input_name"]!.ToString());
        Assert.Equal("sdxl_missing.safetensors", error["extra_info"]!["received_value"]!.ToString());
        Assert.Single(body["node_errors"]!.AsObject());
    }

    [Fact]
    public async Task A_combo_of_more_than_twenty_values_reports_its_length_and_no_input_config()
    {
        var prompt = Sdxl();
        prompt["3"]!["inputs"]!["sampler_name"] = "no_such_sampler";
        var (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = prompt });
        Assert.Equal(400, status);
        var error = body!["node_errors"]!["3"]!["errors"]![0]!;
        Assert.Equal($"sampler_name: 'no_such_sampler' not in (list of length {FakeComfyUiObjectInfo.Samplers.Length})", error["details"]!.ToString());
        Assert.Null(error["extra_info"]!["input_config"]);
    }

    [Fact]
    public async Task Missing_inputs_out_of_range_numbers_and_links_to_missing_nodes_are_refused()
    {
        var prompt = Sdxl();
        prompt["3"]!["inputs"]!.AsObject().Remove("model");
        prompt["3"]!["inputs"]!["steps"] = 0;
        var (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = prompt });
        Assert.Equal(400, status);
        var errors = body!["node_errors"]!["3"]!["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["type"]!.ToString() == "required_input_missing" && e["details"]!.ToString() == "model");
        Assert.Contains(errors, e => e!["type"]!.ToString() == "value_smaller_than_min" && e["message"]!.ToString() == "Value 0 smaller than min of 1");

        var dangling = Sdxl();
        dangling["9"]!["inputs"]!["images"] = new JsonArray("99", 0);
        (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = dangling });
        Assert.Equal(400, status);
        var error = body!["node_errors"]!["9"]!["errors"]![0]!;
        Assert.Equal("exception_during_validation", error["type"]!.ToString());
        Assert.Equal("KeyError", error["extra_info"]!["exception_type"]!.ToString());
        Assert.Equal("Exception when validating node: '99'", body["error"]!["details"]!.ToString());
    }

    [Fact]
    public async Task No_prompt_and_no_outputs_are_whole_prompt_errors_and_bad_json_is_a_500()
    {
        var (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["client_id"] = "x" });
        Assert.Equal(400, status);
        Assert.Equal("no_prompt", body!["error"]!["type"]!.ToString());
        var prompt = Sdxl();
        prompt.Remove("9");
        (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = prompt });
        Assert.Equal(400, status);
        Assert.Equal("prompt_no_outputs", body!["error"]!["type"]!.ToString());
        using var broken = await http.PostAsync("/prompt", new StringContent("{not json"));
        Assert.Equal(HttpStatusCode.InternalServerError, broken.StatusCode);
    }

    // ---- websocket sequences ----

    [Fact]
    public async Task A_normal_run_sends_the_exact_message_sequence_and_history_is_written_before_the_end_marker()
    {
        await using var socket = await ConnectAsync("c1");
        var hello = await socket.NextAsync();
        Assert.Equal("status", Type(hello));
        Assert.Equal("c1", Data(hello, "sid"));
        Assert.Equal(0, hello["data"]!["status"]!["exec_info"]!["queue_remaining"]!.GetValue<int>());

        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        var frames = await socket.ReadUntilDoneAsync(id);
        var types = frames.Select(Type).Where(t => t != "progress_state").ToList();
        Assert.Equal(
        [
            "status", "status", "execution_start", "execution_cached",
            "executing", "executing", "executing", "executing", "executing", "progress", "progress", "progress",
            "executing", "executing", "executed", "execution_success", "status", "executing",
        ], types);
        Assert.Equal(1, frames[0]["data"]!["status"]!["exec_info"]!["queue_remaining"]!.GetValue<int>());
        Assert.Equal(0, frames[^2]["data"]!["status"]!["exec_info"]!["queue_remaining"]!.GetValue<int>());
        var executing = frames.Where(f => Type(f) == "executing" && f["data"]!["node"] is not null).Select(f => Data(f, "node")).ToList();
        Assert.True(executing.IndexOf("4") < executing.IndexOf("3") && executing.IndexOf("3") < executing.IndexOf("8")
            && executing.IndexOf("8") < executing.IndexOf("9"), string.Join(",", executing));
        var progress = frames.Where(f => Type(f) == "progress").Select(f => f["data"]!).ToList();
        Assert.Equal([1, 2, 3], progress.Select(p => p["value"]!.GetValue<int>()));
        Assert.All(progress, p => Assert.Equal(3, p["max"]!.GetValue<int>()));
        Assert.All(progress, p => Assert.Equal("3", p["node"]!.ToString()));
        Assert.Contains(frames, f => Type(f) == "progress_state" && f["data"]!["nodes"]!["3"]?["state"]?.ToString() == "running");
        var end = frames[^1]["data"]!.AsObject();
        Assert.True(end.ContainsKey("node"));
        Assert.Null(end["node"]);

        var history = await http.GetJsonAsync($"/history/{id}");
        var entry = history[id]!;
        Assert.Equal(5, entry["prompt"]!.AsArray().Count);
        Assert.Equal(id, entry["prompt"]![1]!.ToString());
        Assert.Equal("c1", entry["prompt"]![3]!["client_id"]!.ToString());
        Assert.Equal("success", entry["status"]!["status_str"]!.ToString());
        Assert.True(entry["status"]!["completed"]!.GetValue<bool>());
        Assert.Equal(["execution_start", "execution_cached", "execution_success"],
            entry["status"]!["messages"]!.AsArray().Select(m => m![0]!.ToString()));
        var image = entry["outputs"]!["9"]!["images"]![0]!;
        Assert.Equal("""{"filename":"ComfyUI_00001_.png","subfolder":"","type":"output"}""", image.ToJsonString());
        Assert.Equal("""{"node_id":"9","display_node":"9","parent_node":null,"real_node_id":"9"}""", entry["meta"]!["9"]!.ToJsonString());
        var executed = frames.Single(f => Type(f) == "executed");
        Assert.Equal(entry["outputs"]!["9"]!.ToJsonString(), executed["data"]!["output"]!.ToJsonString());

        using var view = await http.GetAsync("/view?filename=ComfyUI_00001_.png&subfolder=&type=output");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Equal("image/png", view.Content.Headers.ContentType!.MediaType);
        var png = await view.Content.ReadAsByteArrayAsync();
        using var decoded = SixLabors.ImageSharp.Image.Load(png);
        Assert.Equal(64, decoded.Width);
    }

    [Fact]
    public async Task An_identical_rerun_is_all_cached_and_a_new_seed_reruns_only_the_sampler_and_below()
    {
        await using var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        var first = await http.QueuePromptAsync(Sdxl(), "c1");
        await socket.ReadUntilDoneAsync(first);

        var again = await http.QueuePromptAsync(Sdxl(), "c1");
        var frames = await socket.ReadUntilDoneAsync(again);
        var cached = frames.Single(f => Type(f) == "execution_cached")["data"]!["nodes"]!.AsArray().Select(n => n!.ToString());
        Assert.Equal(["4", "5", "6", "7", "3", "8", "9"], cached);
        Assert.DoesNotContain(frames, f => Type(f) == "progress");
        Assert.DoesNotContain(frames, f => Type(f) == "executing" && f["data"]!["node"] is not null);
        var executed = frames.Single(f => Type(f) == "executed");
        Assert.Equal("ComfyUI_00001_.png", executed["data"]!["output"]!["images"]![0]!["filename"]!.ToString());
        Assert.Contains(frames, f => Type(f) == "execution_success");
        var history = await http.GetJsonAsync($"/history/{again}");
        Assert.Equal("ComfyUI_00001_.png", history[again]!["outputs"]!["9"]!["images"]![0]!["filename"]!.ToString());

        var reseeded = await http.QueuePromptAsync(Sdxl(seed: 7), "c1");
        frames = await socket.ReadUntilDoneAsync(reseeded);
        Assert.Equal(["4", "5", "6", "7"], frames.Single(f => Type(f) == "execution_cached")["data"]!["nodes"]!.AsArray().Select(n => n!.ToString()));
        Assert.Equal(["3", "8", "9"], frames.Where(f => Type(f) == "executing" && f["data"]!["node"] is not null).Select(f => Data(f, "node")));
        Assert.Equal("ComfyUI_00002_.png", frames.Single(f => Type(f) == "executed")["data"]!["output"]!["images"]![0]!["filename"]!.ToString());
    }

    [Fact]
    public async Task A_runtime_error_at_a_node_sends_execution_error_then_status_then_the_end_marker()
    {
        comfy.Options.FailAtNode = "3";
        comfy.Options.FailureType = "torch.OutOfMemoryError";
        await using var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        var frames = await socket.ReadUntilDoneAsync(id);
        var tail = frames.Select(Type).Where(t => t != "progress_state").TakeLast(4).ToList();
        Assert.Equal(["executing", "execution_error", "status", "executing"], tail);
        Assert.DoesNotContain(frames, f => Type(f) == "execution_success");
        var error = frames.Single(f => Type(f) == "execution_error")["data"]!;
        Assert.Equal("3", error["node_id"]!.ToString());
        Assert.Equal("KSampler", error["node_type"]!.ToString());
        Assert.Equal("torch.OutOfMemoryError", error["exception_type"]!.ToString());
        Assert.Contains("out of memory", error["exception_message"]!.ToString());
        Assert.Equal(["4", "5", "6", "7"], error["executed"]!.AsArray().Select(n => n!.ToString()).Order());
        Assert.Equal("[25]", error["current_inputs"]!["steps"]!.ToJsonString());
        var entry = (await http.GetJsonAsync($"/history/{id}"))[id]!;
        Assert.Equal("error", entry["status"]!["status_str"]!.ToString());
        Assert.False(entry["status"]!["completed"]!.GetValue<bool>());
        Assert.Equal("execution_error", entry["status"]!["messages"]!.AsArray()[^1]![0]!.ToString());
        Assert.Equal("{}", entry["outputs"]!.ToJsonString());
    }

    [Fact]
    public async Task Interrupting_the_running_prompt_by_id_sends_execution_interrupted_and_another_id_is_ignored()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(100);
        comfy.Options.Steps = 50;
        await using var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        await socket.ReadUntilAsync(f => Type(f) == "progress");
        await http.PostJsonAsync("/interrupt", new JsonObject { ["prompt_id"] = "someone-else" });
        await Task.Delay(250);
        Assert.Equal(id, comfy.RunningPromptId);
        var (status, body) = await http.PostJsonAsync("/interrupt", new JsonObject { ["prompt_id"] = id });
        Assert.Equal(200, status);
        Assert.Null(body);
        var frames = await socket.ReadUntilDoneAsync(id);
        var interrupted = frames.Single(f => Type(f) == "execution_interrupted")["data"]!;
        Assert.Equal("3", interrupted["node_id"]!.ToString());
        Assert.Equal("KSampler", interrupted["node_type"]!.ToString());
        Assert.Equal(["execution_interrupted", "status", "executing"], frames.Select(Type).TakeLast(3));
        var entry = (await http.GetJsonAsync($"/history/{id}"))[id]!;
        Assert.Equal("error", entry["status"]!["status_str"]!.ToString());
        Assert.Equal("execution_interrupted", entry["status"]!["messages"]!.AsArray()[^1]![0]!.ToString());
        Assert.Equal(["someone-else", id], comfy.InterruptsReceived);
    }

    [Fact]
    public async Task A_global_interrupt_stops_whatever_runs()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(100);
        comfy.Options.Steps = 50;
        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        await comfy.WaitUntilRunningAsync(id);
        using var response = await http.PostAsync("/api/interrupt", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = await comfy.WaitForHistoryAsync(id);
        Assert.Equal("error", entry["status"]!["status_str"]!.ToString());
        Assert.Equal([null], comfy.InterruptsReceived);
    }

    [Fact]
    public async Task Without_client_id_no_execution_messages_are_sent_but_progress_is_broadcast()
    {
        await using var bystander = await ConnectAsync("someone");
        await bystander.NextAsync();
        var id = await http.QueuePromptAsync(Sdxl(), clientId: null);
        await comfy.WaitForHistoryAsync(id);
        var frames = await bystander.ReadUntilAsync(f => Type(f) == "status" && f["data"]!["status"]!["exec_info"]!["queue_remaining"]!.GetValue<int>() == 0
            && bystander.Seen.Any(s => Type(s) == "progress"));
        Assert.Contains(frames, f => Type(f) == "progress");
        Assert.DoesNotContain(frames, f => Type(f) is "execution_start" or "executing" or "executed" or "execution_success");
    }

    [Fact]
    public async Task Messages_of_a_prompt_go_only_to_its_client_and_status_goes_to_everyone()
    {
        await using var mine = await ConnectAsync("mine");
        await using var other = await ConnectAsync("other");
        await mine.NextAsync();
        await other.NextAsync();
        var id = await http.QueuePromptAsync(Sdxl(), "mine");
        await mine.ReadUntilDoneAsync(id);
        while (!await other.IsSilentForAsync(TimeSpan.FromMilliseconds(200)))
        {
        }
        Assert.All(other.Seen.Skip(1), f => Assert.Equal("status", Type(f)));
        Assert.True(other.Seen.Count >= 3);
    }

    [Fact]
    public async Task The_feature_flags_handshake_is_answered()
    {
        await using var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        await socket.SendAsync("""{"type":"feature_flags","data":{"supports_preview_metadata":true}}""");
        var reply = await socket.NextAsync();
        Assert.Equal("""{"type":"feature_flags","data":{"supports_preview_metadata":true,"max_upload_size":104857600}}""", reply.ToJsonString());
    }

    // ---- queue and history ----

    [Fact]
    public async Task History_is_empty_for_pending_running_and_unknown_prompts_and_the_queue_shows_tuples()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(100);
        comfy.Options.Steps = 30;
        var runningId = await http.QueuePromptAsync(Sdxl(1), "c1");
        await comfy.WaitUntilRunningAsync(runningId);
        var pendingId = await http.QueuePromptAsync(Sdxl(2), "c1");
        Assert.Equal("{}", (await http.GetJsonAsync($"/history/{runningId}")).ToJsonString());
        Assert.Equal("{}", (await http.GetJsonAsync($"/history/{pendingId}")).ToJsonString());
        Assert.Equal("{}", (await http.GetJsonAsync($"/history/{Guid.NewGuid()}")).ToJsonString());
        var queue = await http.GetJsonAsync("/queue");
        var running = queue["queue_running"]!.AsArray().Single()!.AsArray();
        Assert.Equal(5, running.Count);
        Assert.Equal(runningId, running[1]!.ToString());
        Assert.Equal("KSampler", running[2]!["3"]!["class_type"]!.ToString());
        Assert.Equal("c1", running[3]!["client_id"]!.ToString());
        Assert.Equal("""["9"]""", running[4]!.ToJsonString());
        Assert.Equal(pendingId, queue["queue_pending"]![0]![1]!.ToString());
        Assert.Equal(2, (await http.GetJsonAsync("/prompt"))["exec_info"]!["queue_remaining"]!.GetValue<int>());
    }

    [Fact]
    public async Task Deleting_a_pending_prompt_removes_it_for_good_and_clear_empties_the_queue()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(50);
        comfy.Options.Steps = 10;
        await using var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        var runningId = await http.QueuePromptAsync(Sdxl(1), "c1");
        await comfy.WaitUntilRunningAsync(runningId);
        var deleted = await http.QueuePromptAsync(Sdxl(2), "c1");
        var cleared = await http.QueuePromptAsync(Sdxl(3), "c1");
        var (status, body) = await http.PostJsonAsync("/queue", new JsonObject { ["delete"] = new JsonArray(deleted, runningId) });
        Assert.Equal(200, status);
        Assert.Null(body);
        Assert.Equal(2, comfy.QueueRemaining);
        await http.PostJsonAsync("/api/queue", new JsonObject { ["clear"] = true });
        Assert.Equal(1, comfy.QueueRemaining);
        await socket.ReadUntilDoneAsync(runningId);
        Assert.Contains(socket.Seen, f => Type(f) == "status" && f["data"]!["status"]!["exec_info"]!["queue_remaining"]!.GetValue<int>() == 2);
        await Task.Delay(100);
        Assert.Equal("{}", (await http.GetJsonAsync($"/history/{deleted}")).ToJsonString());
        Assert.Equal("{}", (await http.GetJsonAsync($"/history/{cleared}")).ToJsonString());
        Assert.Equal([deleted, runningId], comfy.QueueDeletesReceived);
    }

    [Fact]
    public async Task Prompts_run_one_at_a_time_in_priority_order_and_front_jumps_the_queue()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(30);
        comfy.Options.Steps = 10;
        await using var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        var blocker = await http.QueuePromptAsync(Sdxl(1), "c1");
        await comfy.WaitUntilRunningAsync(blocker);
        var second = await http.QueuePromptAsync(Sdxl(2), "c1");
        var jumper = await http.QueuePromptAsync(Sdxl(3), "c1", new JsonObject { ["front"] = true });
        var (_, answer) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl(4), ["client_id"] = "c1", ["front"] = true });
        Assert.StartsWith("-", answer!["number"]!.ToJsonString());
        var last = answer["prompt_id"]!.ToString();
        await socket.ReadUntilDoneAsync(second, TimeSpan.FromSeconds(20));
        var starts = socket.Seen.Where(f => Type(f) == "execution_start").Select(f => Data(f, "prompt_id")).ToList();
        Assert.Equal([blocker, last, jumper, second], starts);
        var ends = socket.Seen.Select((f, i) => (f, i)).Where(p => Type(p.f) is "execution_start" or "execution_success").Select(p => Type(p.f)).ToList();
        Assert.Equal(["execution_start", "execution_success", "execution_start", "execution_success", "execution_start", "execution_success", "execution_start", "execution_success"], ends);
    }

    [Fact]
    public async Task History_can_be_paged_deleted_and_cleared()
    {
        var ids = new List<string>();
        for (var seed = 1; seed <= 3; seed++)
        {
            ids.Add(await http.QueuePromptAsync(Sdxl(seed), "c1"));
        }
        await comfy.WaitForHistoryAsync(ids[2]);
        Assert.Equal(ids, (await http.GetJsonAsync("/history")).AsObject().Select(p => p.Key));
        Assert.Equal(ids.TakeLast(2), (await http.GetJsonAsync("/history?max_items=2")).AsObject().Select(p => p.Key));
        Assert.Equal([ids[1]], (await http.GetJsonAsync("/history?max_items=1&offset=1")).AsObject().Select(p => p.Key));
        await http.PostJsonAsync("/history", new JsonObject { ["delete"] = new JsonArray(ids[0]) });
        Assert.Equal(ids.Skip(1), (await http.GetJsonAsync("/api/history")).AsObject().Select(p => p.Key));
        await http.PostJsonAsync("/history", new JsonObject { ["clear"] = true });
        Assert.Equal("{}", (await http.GetJsonAsync("/history")).ToJsonString());
    }

    // ---- files ----

    [Fact]
    public async Task An_upload_round_trips_through_view_and_a_clash_with_different_bytes_is_renamed()
    {
        async Task<JsonNode> UploadAsync(byte[] bytes, string name, string? overwrite = null, string? subfolder = null)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(file, "image", name);
            if (overwrite is not null)
            {
                form.Add(new StringContent(overwrite), "overwrite");
            }
            if (subfolder is not null)
            {
                form.Add(new StringContent(subfolder), "subfolder");
            }
            using var response = await http.PostAsync("/upload/image", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }
        var red = FakeMedia.MakePng(8, 8, new SixLabors.ImageSharp.PixelFormats.Rgba32(255, 0, 0));
        var blue = FakeMedia.MakePng(8, 8, new SixLabors.ImageSharp.PixelFormats.Rgba32(0, 0, 255));
        Assert.Equal("""{"name":"cat.png","subfolder":"","type":"input"}""", (await UploadAsync(red, "cat.png")).ToJsonString());
        Assert.Equal("cat.png", (await UploadAsync(red, "cat.png"))["name"]!.ToString());
        Assert.Equal("cat (1).png", (await UploadAsync(blue, "cat.png"))["name"]!.ToString());
        Assert.Equal("cat.png", (await UploadAsync(blue, "cat.png", overwrite: "true"))["name"]!.ToString());
        Assert.Equal("""{"name":"dog.png","subfolder":"shots","type":"input"}""", (await UploadAsync(red, "dog.png", subfolder: "shots")).ToJsonString());
        Assert.Equal(blue, await http.GetByteArrayAsync("/view?filename=cat.png&type=input"));
        Assert.Equal(blue, await http.GetByteArrayAsync("/api/view?filename=cat (1).png&type=input&subfolder="));
        Assert.Equal(red, await http.GetByteArrayAsync("/view?filename=dog.png&type=input&subfolder=shots"));
        Assert.Equal(red, await http.GetByteArrayAsync("/view?filename=dog.png [input]&subfolder=shots"));
        Assert.Equal(5, comfy.UploadsReceived.Count);

        var loadable = (await http.GetJsonAsync("/object_info/LoadImage"))["LoadImage"]!["input"]!["required"]!["image"]![0]!;
        Assert.Equal("""["cat (1).png","cat.png"]""", loadable.ToJsonString());
        var (status, _) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = WanImageToVideo("shots/dog.png") });
        Assert.Equal(200, status);
        (status, var refused) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = WanImageToVideo("missing.png") });
        Assert.Equal(400, status);
        var error = refused!["node_errors"]!["52"]!["errors"]![0]!;
        Assert.Equal("custom_validation_failed", error["type"]!.ToString());
        Assert.Equal("image - Invalid image file: missing.png", error["details"]!.ToString());
    }

    [Fact]
    public async Task View_refuses_path_tricks_and_unknown_files()
    {
        comfy.Files.Write("output", "ComfyUI_00001_.png", FakeMedia.Png);
        async Task<HttpStatusCode> StatusOf(string query)
        {
            using var response = await http.GetAsync("/view?" + query);
            return response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await StatusOf("filename=ComfyUI_00001_.png"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf("filename=../secret.png"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf("filename=/etc/passwd"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf("filename=passwd&subfolder=../../etc"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusOf("filename=passwd&subfolder=/etc"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOf("filename=ComfyUI_00001_.png&type=models"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf("filename=nothing.png"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf("subfolder=x"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusOf("filename=ComfyUI_00001_.png&type=input"));

        using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "image", "x.png" }, { new StringContent("../../escape"), "subfolder" } };
        using var upload = await http.PostAsync("/upload/image", form);
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        using var noImage = new MultipartFormDataContent { { new StringContent("input"), "type" } };
        using var missing = await http.PostAsync("/upload/image", noImage);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    [Fact]
    public async Task Video_outputs_follow_the_node_shapes_and_serve_real_files()
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(FakeMedia.Png), "image", "start_frame.png" } };
        (await http.PostAsync("/upload/image", form)).Dispose();
        var id = await http.QueuePromptAsync(WanImageToVideo("start_frame.png"), "c1");
        var entry = await comfy.WaitForHistoryAsync(id);
        Assert.Equal("""{"images":[{"filename":"ComfyUI_00001_.mp4","subfolder":"video","type":"output"}],"animated":[true]}""",
            entry["outputs"]!["61"]!.ToJsonString());
        var mp4 = await http.GetByteArrayAsync("/view?filename=ComfyUI_00001_.mp4&subfolder=video&type=output");
        Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(mp4, 4, 4));

        var webp = Sdxl();
        webp["9"] = Parse("""{"class_type": "SaveAnimatedWEBP", "inputs": {"images": ["8", 0], "filename_prefix": "ComfyUI", "fps": 16.0, "lossless": false, "quality": 90, "method": "default"}}""");
        entry = await comfy.WaitForHistoryAsync(await http.QueuePromptAsync(webp, "c1"));
        Assert.Equal("""{"images":[{"filename":"ComfyUI_00001_.webp","subfolder":"","type":"output"}],"animated":[true]}""", entry["outputs"]!["9"]!.ToJsonString());
        var bytes = await http.GetByteArrayAsync("/view?filename=ComfyUI_00001_.webp");
        Assert.Equal("WEBP", System.Text.Encoding.ASCII.GetString(bytes, 8, 4));

        var vhs = Sdxl(5);
        vhs["9"] = Parse("""{"class_type": "VHS_VideoCombine", "inputs": {"images": ["8", 0], "frame_rate": 8, "loop_count": 0, "filename_prefix": "AnimateDiff", "format": "video/h264-mp4", "pingpong": false, "save_output": true}}""");
        entry = await comfy.WaitForHistoryAsync(await http.QueuePromptAsync(vhs, "c1"));
        var gif = entry["outputs"]!["9"]!["gifs"]![0]!;
        Assert.Equal("AnimateDiff_00001.mp4", gif["filename"]!.ToString());
        Assert.Equal("video/h264-mp4", gif["format"]!.ToString());
        Assert.Equal("8.0", gif["frame_rate"]!.ToJsonString());
        Assert.Equal("AnimateDiff_00001.png", gif["workflow"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/view?filename=AnimateDiff_00001.mp4")).StatusCode);

        comfy.Options.OutputKind = FakeOutputKind.Video;
        entry = await comfy.WaitForHistoryAsync(await http.QueuePromptAsync(Sdxl(6), "c1"));
        Assert.Equal("""{"images":[{"filename":"ComfyUI_00002_.mp4","subfolder":"","type":"output"}],"animated":[true]}""", entry["outputs"]!["9"]!.ToJsonString());
    }

    // ---- catalogue ----

    [Fact]
    public async Task Object_info_lists_configured_models_in_both_combo_forms_and_an_unknown_class_is_empty()
    {
        comfy.Options.SetModels("checkpoints", "only.safetensors");
        var info = await http.GetJsonAsync("/object_info");
        Assert.Equal("""["only.safetensors"]""", info["CheckpointLoaderSimple"]!["input"]!["required"]!["ckpt_name"]![0]!.ToJsonString());
        Assert.Equal("COMBO", info["SaveVideo"]!["input"]!["required"]!["format"]![0]!.ToString());
        Assert.Equal("""["auto","mp4"]""", info["SaveVideo"]!["input"]!["required"]!["format"]![1]!["options"]!.ToJsonString());
        Assert.Equal("18446744073709551615", info["KSampler"]!["input"]!["required"]!["seed"]![1]!["max"]!.ToJsonString());
        Assert.Equal("""["MODEL","CLIP","VAE"]""", info["CheckpointLoaderSimple"]!["output"]!.ToJsonString());
        Assert.True(info["SaveImage"]!["output_node"]!.GetValue<bool>());
        foreach (var node in new[] { "UNETLoader", "CLIPLoader", "DualCLIPLoader", "VAELoader", "LoraLoader", "LoraLoaderModelOnly",
            "KSamplerAdvanced", "EmptySD3LatentImage", "VAEEncode", "LoadImage", "ImageScale", "ImageScaleBy", "UpscaleModelLoader",
            "ImageUpscaleWithModel", "FluxGuidance", "ModelSamplingSD3", "WanImageToVideo", "EmptyHunyuanLatentVideo",
            "CLIPVisionLoader", "CLIPVisionEncode", "CreateVideo", "SaveAnimatedWEBP" })
        {
            Assert.NotNull(info[node]);
        }
        Assert.Equal("""["only.safetensors"]""", (await http.GetJsonAsync("/models/checkpoints")).ToJsonString());
        Assert.Single((await http.GetJsonAsync("/object_info/KSampler")).AsObject());
        Assert.Equal("{}", (await http.GetJsonAsync("/object_info/NoSuchNode")).ToJsonString());
        var (status, _) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl() });
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task Models_embeddings_and_system_stats_answer_the_real_shapes()
    {
        comfy.Options.GpuName = "cuda:0 NVIDIA A40 : cudaMallocAsync";
        comfy.Options.VramTotal = 48_000_000_000;
        Assert.Contains("diffusion_models", (await http.GetJsonAsync("/models")).AsArray().Select(n => n!.ToString()));
        using var unknown = await http.GetAsync("/models/unet");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("""["EasyNegative"]""", (await http.GetJsonAsync("/embeddings")).ToJsonString());
        var stats = await http.GetJsonAsync("/system_stats");
        Assert.Equal("0.3.64", stats["system"]!["comfyui_version"]!.ToString());
        Assert.Equal("cuda:0 NVIDIA A40 : cudaMallocAsync", stats["devices"]![0]!["name"]!.ToString());
        Assert.Equal(48_000_000_000, stats["devices"]![0]!["vram_total"]!.GetValue<long>());
        Assert.Equal("""{"supports_preview_metadata":true,"max_upload_size":104857600}""", (await http.GetJsonAsync("/features")).ToJsonString());
    }

    // ---- fault knobs ----

    [Fact]
    public async Task A_dropped_websocket_mid_job_lets_the_job_finish_and_a_reconnect_gets_the_current_node()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(60);
        comfy.Options.Steps = 10;
        comfy.Options.DropWebSocketAfterProgress = 2;
        var first = await ConnectAsync("c1");
        await first.NextAsync();
        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        await first.Closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, first.Seen.Count(f => Type(f) == "progress") + (await DrainAsync(first)).Count(f => Type(f) == "progress"));
        await first.DisposeAsync();
        comfy.Options.DropWebSocketAfterProgress = null;
        await using var second = await ConnectAsync("c1");
        var hello = await second.NextAsync();
        Assert.Equal("c1", Data(hello, "sid"));
        var current = await second.NextAsync();
        Assert.Equal("""{"type":"executing","data":{"node":"3"}}""", current.ToJsonString());
        await second.ReadUntilDoneAsync(id);
        Assert.Equal("success", (await http.GetJsonAsync($"/history/{id}"))[id]!["status"]!["status_str"]!.ToString());
    }

    static async Task<List<JsonObject>> DrainAsync(WebSocketProbe probe)
    {
        var frames = new List<JsonObject>();
        try
        {
            while (true)
            {
                frames.Add(await probe.NextAsync(TimeSpan.FromMilliseconds(200)));
            }
        }
        catch (Exception ex) when (ex is TimeoutException or System.Net.WebSockets.WebSocketException)
        {
            return frames;
        }
    }

    [Fact]
    public async Task A_stalled_websocket_stays_open_and_silent_while_http_keeps_working()
    {
        comfy.Options.StallWebSockets = true;
        await using var socket = await ConnectAsync("c1");
        Assert.Equal("status", Type(await socket.NextAsync()));
        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        var entry = await comfy.WaitForHistoryAsync(id);
        Assert.True(await socket.IsSilentForAsync(TimeSpan.FromMilliseconds(300)));
        Assert.False(socket.Closed.Task.IsCompleted);
        Assert.Equal("success", (await http.GetJsonAsync($"/history/{id}"))[id]!["status"]!["status_str"]!.ToString());
        Assert.NotNull(entry);
    }

    [Fact]
    public async Task A_restart_loses_queue_history_and_sockets_and_comes_back_on_the_same_port()
    {
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(100);
        comfy.Options.Steps = 30;
        comfy.Options.StepDelay = TimeSpan.Zero;
        var done = await http.QueuePromptAsync(Sdxl(1), "c1");
        var socket = await ConnectAsync("c1");
        await socket.NextAsync();
        await comfy.WaitForHistoryAsync(done);
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(100);
        var running = await http.QueuePromptAsync(Sdxl(2), "c1");
        var pending = await http.QueuePromptAsync(Sdxl(3), "c1");
        await comfy.WaitUntilRunningAsync(running);
        var address = comfy.BaseAddress;

        var restart = comfy.RestartAsync(TimeSpan.FromMilliseconds(300));
        await socket.Closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await socket.DisposeAsync();
        await Task.Delay(100);
        using var refused = new HttpClient { BaseAddress = address };
        await Assert.ThrowsAsync<HttpRequestException>(() => refused.GetAsync("/queue"));
        await restart;

        Assert.Equal(address, comfy.BaseAddress);
        var queue = await http.GetJsonAsync("/queue");
        Assert.Equal("""{"queue_running":[],"queue_pending":[]}""", queue.ToJsonString());
        foreach (var id in new[] { done, running, pending })
        {
            Assert.Equal("{}", (await http.GetJsonAsync($"/history/{id}")).ToJsonString());
        }
        await Task.Delay(300);
        Assert.Equal("{}", (await http.GetJsonAsync("/history")).ToJsonString());
        comfy.Options.StepDelay = TimeSpan.Zero;
        var after = await http.QueuePromptAsync(Sdxl(1), "c1");
        var entry = await comfy.WaitForHistoryAsync(after);
        Assert.Equal("[]", entry["status"]!["messages"]![1]![1]!["nodes"]!.ToJsonString());
    }

    [Fact]
    public async Task An_offline_server_refuses_connections_then_listens_again_on_the_same_port_with_its_state()
    {
        var id = await http.QueuePromptAsync(Sdxl(), "c1");
        await comfy.WaitForHistoryAsync(id);
        await comfy.StopListeningAsync();
        Assert.False(comfy.IsListening);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/system_stats"));
        await comfy.StartListeningAsync();
        Assert.NotEqual("{}", (await http.GetJsonAsync($"/history/{id}")).ToJsonString());
    }

    [Fact]
    public async Task Slow_history_and_slow_object_info_take_at_least_their_delay()
    {
        comfy.Options.HistoryDelay = TimeSpan.FromMilliseconds(300);
        comfy.Options.ObjectInfoDelay = TimeSpan.FromMilliseconds(300);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await http.GetJsonAsync("/history/x");
        Assert.True(clock.ElapsedMilliseconds >= 280);
        clock.Restart();
        await http.GetJsonAsync("/object_info/KSampler");
        Assert.True(clock.ElapsedMilliseconds >= 280);
        clock.Restart();
        await http.GetJsonAsync("/queue");
        Assert.True(clock.ElapsedMilliseconds < 280);
        Assert.Equal(1, comfy.HistoryRequests);
    }

    [Fact]
    public async Task Previews_are_type_1_after_progress_or_type_4_before_it_when_negotiated()
    {
        comfy.Options.Previews = true;
        await using var plain = await ConnectAsync("plain");
        await plain.NextAsync();
        var id = await http.QueuePromptAsync(Sdxl(1), "plain");
        var frames = (await plain.ReadUntilDoneAsync(id)).Where(f => Type(f) is "progress" or "binary").Select(Type).ToList();
        Assert.Equal(["progress", "binary", "progress", "binary", "progress", "binary"], frames);
        var first = plain.Binary[0];
        Assert.Equal([0, 0, 0, 1, 0, 0, 0, 2], first[..8]);
        Assert.Equal(FakeMedia.Png, first[8..]);

        await using var modern = await ConnectAsync("modern");
        await modern.NextAsync();
        await modern.SendAsync("""{"type":"feature_flags","data":{"supports_preview_metadata":true}}""");
        Assert.Equal("feature_flags", Type(await modern.NextAsync()));
        id = await http.QueuePromptAsync(Sdxl(2), "modern");
        frames = (await modern.ReadUntilDoneAsync(id)).Where(f => Type(f) is "progress" or "binary").Select(Type).ToList();
        Assert.Equal(["binary", "progress", "binary", "progress", "binary", "progress"], frames);
        var frame = modern.Binary[0];
        Assert.Equal([0, 0, 0, 4], frame[..4]);
        var length = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4));
        var metadata = JsonNode.Parse(frame.AsSpan(8, length).ToArray())!;
        Assert.Equal(id, metadata["prompt_id"]!.ToString());
        Assert.Equal("3", metadata["node_id"]!.ToString());
        Assert.Equal("image/png", metadata["image_type"]!.ToString());
    }

    [Fact]
    public async Task The_bad_gateway_knob_answers_502_everywhere_until_turned_off()
    {
        comfy.Options.BadGateway = true;
        using var queue = await http.GetAsync("/queue");
        Assert.Equal(HttpStatusCode.BadGateway, queue.StatusCode);
        using var prompt = await http.PostAsync("/prompt", new StringContent(new JsonObject { ["prompt"] = Sdxl() }.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadGateway, prompt.StatusCode);
        Assert.Empty(comfy.PromptsReceived);
        comfy.Options.BadGateway = false;
        using var back = await http.GetAsync("/queue");
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    [Fact]
    public async Task History_keeps_at_most_max_history_entries_dropping_the_oldest()
    {
        comfy.Options.MaxHistory = 2;
        var ids = new List<string>();
        for (var seed = 1; seed <= 3; seed++)
        {
            ids.Add(await http.QueuePromptAsync(Sdxl(seed), "c1"));
        }
        await comfy.WaitForHistoryAsync(ids[2]);
        Assert.Equal(ids.Skip(1), (await http.GetJsonAsync("/history")).AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task A_2026_server_wants_uuid_prompt_ids_and_reports_missing_node_types()
    {
        comfy.Options.Generation = FakeComfyUiGeneration.Y2026;
        var (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl(), ["prompt_id"] = "my-job-1" });
        Assert.Equal(400, status);
        Assert.Equal("invalid_prompt_id", body!["error"]!["type"]!.ToString());
        (status, _) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = Sdxl(), ["prompt_id"] = Guid.NewGuid().ToString("D").ToUpperInvariant() });
        Assert.Equal(400, status);
        var prompt = Sdxl();
        prompt["12"] = Parse("""{"class_type": "SwarmKSampler", "inputs": {}, "_meta": {"title": "Swarm Sampler"}}""");
        (status, body) = await http.PostJsonAsync("/prompt", new JsonObject { ["prompt"] = prompt });
        Assert.Equal(400, status);
        Assert.Equal("missing_node_type", body!["error"]!["type"]!.ToString());
        Assert.Equal("Node 'Swarm Sampler' not found. The custom node may not be installed.", body["error"]!["message"]!.ToString());
        Assert.Equal("""{"node_id":"12","class_type":"SwarmKSampler","node_title":"Swarm Sampler"}""", body["error"]!["extra_info"]!.ToJsonString());
    }

    [Fact]
    public async Task The_2026_jobs_api_tells_pending_running_done_cancelled_and_unknown_apart_and_an_old_server_has_none()
    {
        using var old = await http.GetAsync($"/api/jobs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, old.StatusCode);
        comfy.Options.Generation = FakeComfyUiGeneration.Y2026;
        comfy.Options.StepDelay = TimeSpan.FromMilliseconds(100);
        comfy.Options.Steps = 20;
        var running = await http.QueuePromptAsync(Sdxl(1), "c1");
        await comfy.WaitUntilRunningAsync(running);
        var pending = await http.QueuePromptAsync(Sdxl(2), "c1");
        Assert.Equal("in_progress", (await http.GetJsonAsync($"/api/jobs/{running}"))["status"]!.ToString());
        var pendingJob = await http.GetJsonAsync($"/api/jobs/{pending}");
        Assert.Equal("pending", pendingJob["status"]!.ToString());
        Assert.True(pendingJob["create_time"]!.GetValue<long>() > 0);
        using var unknown = await http.GetAsync($"/api/jobs/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("""{"error":"Job not found"}""", await unknown.Content.ReadAsStringAsync());

        var (_, cancelled) = await http.PostJsonAsync($"/api/jobs/{pending}/cancel", new JsonObject());
        Assert.Equal("""{"cancelled":true}""", cancelled!.ToJsonString());
        using var gone = await http.GetAsync($"/api/jobs/{pending}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        (_, cancelled) = await http.PostJsonAsync($"/api/jobs/{running}/cancel", new JsonObject());
        Assert.Equal("""{"cancelled":true}""", cancelled!.ToJsonString());
        await comfy.WaitForHistoryAsync(running);
        Assert.Equal("cancelled", (await http.GetJsonAsync($"/api/jobs/{running}"))["status"]!.ToString());

        comfy.Options.StepDelay = TimeSpan.Zero;
        var done = await http.QueuePromptAsync(Sdxl(3), "c1");
        await comfy.WaitForHistoryAsync(done);
        var job = await http.GetJsonAsync($"/api/jobs/{done}");
        Assert.Equal("completed", job["status"]!.ToString());
        Assert.Equal(1, job["outputs_count"]!.GetValue<int>());
        Assert.Equal("ComfyUI_00001_.png", job["preview_output"]!["filename"]!.ToString());
        Assert.Equal("success", job["execution_status"]!["status_str"]!.ToString());
        Assert.Equal("KSampler", job["workflow"]!["prompt"]!["3"]!["class_type"]!.ToString());
        var list = await http.GetJsonAsync("/api/jobs?status=completed,cancelled");
        Assert.Equal(2, list["pagination"]!["total"]!.GetValue<int>());
        Assert.Equal(done, list["jobs"]![0]!["id"]!.ToString());
    }

    [Fact]
    public async Task A_restart_cuts_a_long_running_node_short_so_the_next_prompt_runs_at_once()
    {
        comfy.Options.NodeDelay = TimeSpan.FromSeconds(30);
        var stuck = await http.QueuePromptAsync(Sdxl(1), "c1");
        await comfy.WaitUntilRunningAsync(stuck);
        await comfy.RestartAsync();
        comfy.Options.NodeDelay = TimeSpan.Zero;
        var next = await http.QueuePromptAsync(Sdxl(2), "c1");
        Assert.Equal("success", (await comfy.WaitForHistoryAsync(next, TimeSpan.FromSeconds(5)))["status"]!["status_str"]!.ToString());
        Assert.Null(comfy.History(stuck));
    }
}
