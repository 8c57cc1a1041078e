using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>What output nodes write and report (spec §2.7): real PNG, animated WebP and MP4 files served by
/// <c>/view</c>, named <c>&lt;prefix&gt;_00001_.png</c> (VHS: <c>&lt;prefix&gt;_00001.mp4</c>).</summary>
public sealed partial class FakeComfyUi
{
    static readonly HashSet<string> OutputNodes = ["SaveImage", "PreviewImage", "SaveAnimatedWEBP", "SaveVideo", "VHS_VideoCombine"];

    static bool IsOutputNode(string classType) => OutputNodes.Contains(classType);

    JsonObject WriteOutputs(string classType, JsonObject inputs)
    {
        var kind = Options.OutputKind ?? classType switch
        {
            "SaveAnimatedWEBP" => FakeOutputKind.AnimatedWebp,
            "SaveVideo" => FakeOutputKind.Video,
            "VHS_VideoCombine" => FakeOutputKind.VhsGifs,
            _ => FakeOutputKind.Image,
        };
        var type = classType == "PreviewImage" || (classType == "VHS_VideoCombine" && inputs["save_output"]?.GetValue<bool>() == false)
            ? "temp" : "output";
        var fullPrefix = inputs["filename_prefix"]?.ToString() ?? kind switch
        {
            FakeOutputKind.Video => "video/ComfyUI",
            FakeOutputKind.VhsGifs => "AnimateDiff",
            _ => "ComfyUI",
        };
        if (classType == "PreviewImage")
        {
            fullPrefix = "ComfyUI_temp_" + new string(Enumerable.Range(0, 5).Select(_ => (char)('a' + Random.Shared.Next(26))).ToArray());
        }
        var slash = fullPrefix.LastIndexOf('/');
        var subfolder = slash < 0 ? "" : fullPrefix[..slash];
        var prefix = slash < 0 ? fullPrefix : fullPrefix[(slash + 1)..];
        var counter = Files.NextCounter(type, subfolder, prefix);
        string Write(string name, byte[] bytes)
        {
            Files.Write(type, subfolder.Length == 0 ? name : subfolder + "/" + name, bytes);
            return name;
        }
        JsonObject Item(string name) => new() { ["filename"] = name, ["subfolder"] = subfolder, ["type"] = type };
        switch (kind)
        {
            case FakeOutputKind.AnimatedWebp:
                return new JsonObject
                {
                    ["images"] = new JsonArray(Item(Write($"{prefix}_{counter:D5}_.webp", FakeMedia.AnimatedWebp))),
                    ["animated"] = new JsonArray(true),
                };
            case FakeOutputKind.Video:
                return new JsonObject
                {
                    ["images"] = new JsonArray(Item(Write($"{prefix}_{counter:D5}_.mp4", FakeMedia.Mp4))),
                    ["animated"] = new JsonArray(true),
                };
            case FakeOutputKind.VhsGifs:
                var video = Write($"{prefix}_{counter:D5}.mp4", FakeMedia.Mp4);
                var workflow = Write($"{prefix}_{counter:D5}.png", FakeMedia.Png);
                var gif = Item(video);
                gif["format"] = "video/h264-mp4";
                gif["frame_rate"] = JsonNode.Parse(PythonFloat(inputs["frame_rate"]?.GetValue<double>() ?? 8.0));
                gif["workflow"] = workflow;
                gif["fullpath"] = $"/comfyui/{type}/{(subfolder.Length == 0 ? "" : subfolder + "/")}{video}";
                return new JsonObject { ["gifs"] = new JsonArray(gif) };
            default:
                return new JsonObject { ["images"] = new JsonArray(Item(Write($"{prefix}_{counter:D5}_.png", FakeMedia.Png))) };
        }
    }
}
