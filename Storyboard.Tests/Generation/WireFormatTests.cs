using System.Text;
using System.Text.Json;
using Storyboard.Web.Generation.ComfyUi;
using Storyboard.Web.Generation.RunPod;

namespace Storyboard.Tests.Generation;

/// <summary>
/// The clients read ComfyUI's and RunPod's answers as the protocol notes give them (samples from
/// ../shared/reference/comfyui-protocol.md): validation errors, histories, websocket messages, RunPod job states.
/// </summary>
public sealed class WireFormatTests
{
    [Fact]
    public void A_refused_prompt_names_the_node_its_class_and_what_was_wrong()
    {
        const string body = """
            {"error":{"type":"prompt_outputs_failed_validation","message":"Prompt outputs failed validation","details":"","extra_info":{}},
             "node_errors":{"4":{"errors":[{"type":"value_not_in_list","message":"Value not in list",
               "details":"ckpt_name: 'sdxl_missing.safetensors' not in ['flux1-dev-fp8.safetensors', 'sd_xl_base_1.0.safetensors']",
               "extra_info":{"input_name":"ckpt_name"}}],"dependent_outputs":["9"],"class_type":"CheckpointLoaderSimple"}}}
            """;
        Assert.Equal(["CheckpointLoaderSimple (node 4): Value not in list: ckpt_name: 'sdxl_missing.safetensors' not in ['flux1-dev-fp8.safetensors', 'sd_xl_base_1.0.safetensors']."],
            ComfyUiClient.ValidationMessages(body));
    }

    [Fact]
    public void A_whole_prompt_error_without_node_errors_is_given_as_is()
    {
        const string body = """{"error":{"type":"missing_node_type","message":"Node 'Fancy' not found. The custom node may not be installed.","details":"Node ID '#5'","extra_info":{}},"node_errors":{}}""";
        Assert.Equal(["Node 'Fancy' not found. The custom node may not be installed.: Node ID '#5'."], ComfyUiClient.ValidationMessages(body));
        Assert.StartsWith("The server refused the workflow: <html>", ComfyUiClient.ValidationMessages("<html>bad gateway</html>")[0]);
    }

    [Fact]
    public void A_history_lists_images_videos_and_vhs_files_of_every_output_node()
    {
        using var json = JsonDocument.Parse("""
            {"outputs":{"9":{"images":[{"filename":"ComfyUI_00001_.png","subfolder":"","type":"output"}]},
                        "12":{"images":[{"filename":"ComfyUI_00001_.mp4","subfolder":"video","type":"output"}],"animated":[true]},
                        "15":{"gifs":[{"filename":"AnimateDiff_00001.mp4","subfolder":"","type":"output","format":"video/h264-mp4"}]},
                        "20":{"text":["hello"]}},
             "status":{"status_str":"success","completed":true,"messages":[]}}
            """);
        var history = ComfyUiClient.ParseHistory("P", json.RootElement);
        Assert.True(history.Succeeded);
        Assert.Equal([("9", "ComfyUI_00001_.png", "", false), ("12", "ComfyUI_00001_.mp4", "video", true), ("15", "AnimateDiff_00001.mp4", "", true)],
            history.Files.Select(f => (f.NodeId, f.FileName, f.Subfolder, f.IsVideo)));
    }

    [Fact]
    public void A_failed_history_carries_the_nodes_exception_message()
    {
        using var json = JsonDocument.Parse("""
            {"outputs":{},"status":{"status_str":"error","completed":false,"messages":[
              ["execution_start",{"prompt_id":"P","timestamp":1}],
              ["execution_error",{"prompt_id":"P","node_id":"3","node_type":"KSampler","exception_message":"CUDA out of memory\n","exception_type":"torch.OutOfMemoryError"}]]}}
            """);
        var history = ComfyUiClient.ParseHistory("P", json.RootElement);
        Assert.False(history.Succeeded);
        Assert.Equal("KSampler (node 3): CUDA out of memory", history.Error);
    }

    [Theory]
    [InlineData("""{"type":"execution_start","data":{"prompt_id":"P","timestamp":1}}""", "Started")]
    [InlineData("""{"type":"progress","data":{"value":7,"max":20,"prompt_id":"P","node":"3"}}""", "Progress 3 7/20")]
    [InlineData("""{"type":"executing","data":{"node":"3","display_node":"3","prompt_id":"P"}}""", "Progress 3 0/0")]
    [InlineData("""{"type":"executing","data":{"node":null,"prompt_id":"P"}}""", "Finished ? ")]
    [InlineData("""{"type":"execution_success","data":{"prompt_id":"P","timestamp":2}}""", "Finished True ")]
    [InlineData("""{"type":"execution_error","data":{"prompt_id":"P","node_id":"3","node_type":"KSampler","exception_message":"boom"}}""", "Finished False KSampler (node 3): boom")]
    [InlineData("""{"type":"execution_interrupted","data":{"prompt_id":"P","node_id":"3","node_type":"KSampler"}}""", "Finished False The job was interrupted on the server.")]
    [InlineData("""{"type":"status","data":{"status":{"exec_info":{"queue_remaining":1}},"sid":"abc"}}""", "none")]
    [InlineData("""{"type":"executing","data":{"node":"3"}}""", "none")]
    [InlineData("""{"type":"crystools.monitor","data":{"cpu_utilization":3}}""", "none")]
    public void Websocket_messages_become_events_of_their_prompt(string message, string expected)
    {
        var parsed = ComfyUiSocket.Parse(Encoding.UTF8.GetBytes(message));
        var text = parsed switch
        {
            null => "none",
            ComfyStarted s => $"Started{(s.PromptId == "P" ? "" : "?")}",
            ComfyProgress p => $"Progress {p.Node} {p.Value}/{p.Max}",
            ComfyFinished f => $"Finished {(f.Succeeded is { } ok ? ok.ToString() : "?")} {f.Error}",
            _ => "other",
        };
        Assert.Equal(expected, text);
    }

    [Fact]
    public void The_socket_address_follows_the_servers_scheme_and_path()
    {
        Assert.Equal("ws://gpu:8188/ws?clientId=abc", ComfyUiSocket.SocketUri("http://gpu:8188", "abc").ToString());
        Assert.Equal("wss://proxy.example/comfy/ws?clientId=a%20b", ComfyUiSocket.SocketUri("https://proxy.example/comfy", "a b").AbsoluteUri);
    }

    [Fact]
    public void A_completed_runpod_job_gives_its_files_from_base64_or_s3()
    {
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47]);
        using var json = JsonDocument.Parse($$$"""
            {"id":"j1","status":"COMPLETED","delayTime":12,"executionTime":3400,"output":{"images":[
              {"filename":"ComfyUI_00001_.png","type":"base64","data":"{{{png}}}"},
              {"filename":"ComfyUI_00002_.png","type":"base64","data":"data:image/png;base64,{{{png}}}"},
              {"filename":"ComfyUI_00001_.mp4","type":"s3_url","data":"https://bucket.s3.example.com/j1/ComfyUI_00001_.mp4"}]}}
            """);
        var status = RunPodClient.Parse("j1", json.RootElement);
        Assert.Equal(RunPodState.Completed, status.State);
        Assert.Equal([4, 4], status.Files.Where(f => f.Data is not null).Select(f => f.Data!.Length));
        Assert.Equal("https://bucket.s3.example.com/j1/ComfyUI_00001_.mp4", status.Files[2].Url!.ToString());
    }

    [Theory]
    [InlineData("""{"id":"j","status":"IN_QUEUE"}""", RunPodState.InQueue, null)]
    [InlineData("""{"id":"j","status":"IN_PROGRESS","delayTime":5}""", RunPodState.InProgress, null)]
    [InlineData("""{"id":"j","status":"FAILED","error":"Job processing failed","output":{"details":["Node 4: bad ckpt"]}}""", RunPodState.Failed, "Job processing failed: Node 4: bad ckpt")]
    [InlineData("""{"id":"j","status":"FAILED","error":"Job ID not found"}""", RunPodState.Lost, "Job ID not found")]
    [InlineData("""{"id":"j","status":"TIMED_OUT"}""", RunPodState.TimedOut, "The job ran past the endpoint's execution timeout.")]
    [InlineData("""{"id":"j","status":"CANCELLED"}""", RunPodState.Cancelled, null)]
    [InlineData("""{"id":"j","status":"COMPLETED","output":{"status":"success_no_images","images":[]}}""", RunPodState.Failed, "The worker finished without any image or video.")]
    [InlineData("""{"id":"j","status":"COMPLETED","output":{"images":[],"errors":["No outputs found in history"]}}""", RunPodState.Failed, "No outputs found in history")]
    [InlineData("""{"id":"j","status":"SOMETHING_NEW"}""", RunPodState.InQueue, null)]
    public void Runpod_job_states_are_read_with_their_errors(string body, RunPodState state, string? error)
    {
        using var json = JsonDocument.Parse(body);
        var status = RunPodClient.Parse("j", json.RootElement);
        Assert.Equal((state, error), (status.State, status.Error));
    }
}
