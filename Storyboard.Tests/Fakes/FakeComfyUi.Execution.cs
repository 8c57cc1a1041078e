using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>Executing one prompt: the message sequences of spec §3.4 (normal, cached re-run, runtime error,
/// interrupt, no client_id) and the output files of §2.7.</summary>
public sealed partial class FakeComfyUi
{
    static readonly HashSet<string> Samplers = ["KSampler", "KSamplerAdvanced", "SamplerCustom", "SamplerCustomAdvanced"];

    static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    sealed class Run(FakeComfyUi server, QueueItem item, int epoch, CancellationToken stop, DateTimeOffset started)
    {
        readonly string promptId = item.PromptId;
        readonly string? client = item.ClientId;
        readonly JsonObject prompt = item.Prompt;
        readonly JsonArray messages = [];
        readonly JsonObject outputs = [];
        readonly JsonObject meta = [];
        readonly JsonObject states = [];
        readonly List<string> executed = [];
        readonly Dictionary<string, string> signatures = new(StringComparer.Ordinal);
        readonly Dictionary<string, JsonNode?> completed = new(StringComparer.Ordinal);
        int progressFrames;

        public async Task ExecuteAsync()
        {
            Execution("execution_start", new JsonObject { ["prompt_id"] = promptId, ["timestamp"] = Now() });
            var order = DependencyOrder();
            HashSet<string> cached;
            lock (server.gate)
            {
                cached = order.Where(id => server.cache.ContainsKey(Signature(id))).ToHashSet();
                foreach (var id in cached)
                {
                    completed[Signature(id)] = server.cache[Signature(id)]?.DeepClone();
                }
            }
            Execution("execution_cached", new JsonObject
            {
                ["nodes"] = Strings(prompt.Select(p => p.Key).Where(cached.Contains)),
                ["prompt_id"] = promptId,
                ["timestamp"] = Now(),
            });
            foreach (var id in ToExecute(order, cached))
            {
                if (cached.Contains(id))
                {
                    var ui = completed[Signature(id)];
                    server.SendTargeted(client, "executed", new JsonObject
                    {
                        ["node"] = id,
                        ["display_node"] = id,
                        ["output"] = ui?.DeepClone(),
                        ["prompt_id"] = promptId,
                    });
                    if (ui is not null)
                    {
                        RecordOutput(id, ui);
                    }
                    State(id, "finished", 1, 1);
                    executed.Add(id);
                    continue;
                }
                if (!await ExecuteNodeAsync(id))
                {
                    return;
                }
            }
            Execution("execution_success", new JsonObject { ["prompt_id"] = promptId, ["timestamp"] = Now() });
            Finish("success", true);
        }

        async Task<bool> ExecuteNodeAsync(string id)
        {
            var node = (JsonObject)prompt[id]!;
            var classType = node["class_type"]!.ToString();
            var inputs = node["inputs"] as JsonObject ?? [];
            State(id, "running", 0, 1);
            lock (server.gate)
            {
                server.runningNode = id;
            }
            server.SendTargeted(client, "executing", new JsonObject { ["node"] = id, ["display_node"] = id, ["prompt_id"] = promptId });
            if (server.interruptRequested)
            {
                return Interrupted(id, classType);
            }
            if (server.Options.FailAtNode == id)
            {
                return Failed(id, classType, inputs);
            }
            var steps = Samplers.Contains(classType)
                ? server.Options.Steps ?? (int?)inputs["steps"]?.GetValue<long>() ?? 20
                : 0;
            for (var step = 1; step <= steps; step++)
            {
                await DelayAsync(server.Options.StepDelay);
                if (server.interruptRequested)
                {
                    return Interrupted(id, classType);
                }
                State(id, "running", step, steps);
                var previews = server.Options.Previews;
                if (previews)
                {
                    server.SendPreview(client, promptId, id, beforeProgress: true);
                }
                server.SendToClientOrAll(client, "progress", new JsonObject
                {
                    ["value"] = step,
                    ["max"] = steps,
                    ["prompt_id"] = promptId,
                    ["node"] = id,
                });
                if (previews)
                {
                    server.SendPreview(client, promptId, id, beforeProgress: false);
                }
                progressFrames++;
                if (server.Options.DropWebSocketAfterProgress == progressFrames && client is not null)
                {
                    server.DropWebSocketAfterPending(client);
                }
            }
            if (steps == 0)
            {
                await DelayAsync(server.Options.NodeDelay);
            }
            JsonObject? ui = null;
            if (IsOutputNode(classType))
            {
                ui = server.WriteOutputs(classType, inputs);
                RecordOutput(id, ui);
                server.SendTargeted(client, "executed", new JsonObject
                {
                    ["node"] = id,
                    ["display_node"] = id,
                    ["output"] = ui.DeepClone(),
                    ["prompt_id"] = promptId,
                });
            }
            completed[Signature(id)] = ui;
            State(id, "finished", Math.Max(steps, 1), Math.Max(steps, 1));
            executed.Add(id);
            return true;
        }

        async Task DelayAsync(TimeSpan delay)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, stop);
            }
            CheckAlive();
        }

        void CheckAlive()
        {
            if (Volatile.Read(ref server.epoch) != epoch)
            {
                throw new RunAbandonedException();
            }
        }

        bool Failed(string id, string classType, JsonObject inputs)
        {
            var current = new JsonObject();
            foreach (var (name, value) in inputs)
            {
                current[name] = new JsonArray(value is JsonArray ? JsonValue.Create($"<object from node {value[0]}>") : value?.DeepClone());
            }
            Execution("execution_error", new JsonObject
            {
                ["prompt_id"] = promptId,
                ["node_id"] = id,
                ["node_type"] = classType,
                ["executed"] = Strings(executed),
                ["exception_message"] = server.Options.FailureMessage,
                ["exception_type"] = server.Options.FailureType,
                ["traceback"] = new JsonArray("  File \"/comfy/execution.py\", line 496, in execute\n    output_data, output_ui, has_subgraph = await get_output_data(...)\n"),
                ["current_inputs"] = current,
                ["current_outputs"] = Strings(executed),
                ["timestamp"] = Now(),
            });
            State(id, "error", 0, 1, send: false);
            Finish("error", false);
            return false;
        }

        bool Interrupted(string id, string classType)
        {
            var data = new JsonObject
            {
                ["prompt_id"] = promptId,
                ["node_id"] = id,
                ["node_type"] = classType,
                ["executed"] = Strings(executed),
                ["timestamp"] = Now(),
            };
            messages.Add(new JsonArray("execution_interrupted", data.DeepClone()));
            server.SendToClientOrAll(client, "execution_interrupted", data);
            Finish("error", false);
            return false;
        }

        void Finish(string status, bool success)
        {
            CheckAlive();
            var entry = new JsonObject
            {
                ["prompt"] = item.ToJson(),
                ["outputs"] = outputs.DeepClone(),
                ["status"] = new JsonObject { ["status_str"] = status, ["completed"] = success, ["messages"] = messages.DeepClone() },
                ["meta"] = meta.DeepClone(),
            };
            lock (server.gate)
            {
                if (server.epoch != epoch)
                {
                    throw new RunAbandonedException();
                }
                server.history.Remove(promptId);
                server.history.Add(promptId, entry);
                while (server.history.Count > Math.Max(1, server.Options.MaxHistory))
                {
                    server.history.RemoveAt(0);
                }
                server.cache = new Dictionary<string, JsonNode?>(completed, StringComparer.Ordinal);
                server.running = null;
                server.runningNode = null;
                server.executionLog.Enqueue(new FakeExecution(promptId, started, MonotonicUtcNow, success));
            }
            server.BroadcastStatus();
            server.SendTargeted(client, "executing", new JsonObject { ["node"] = null, ["prompt_id"] = promptId });
        }

        void Execution(string type, JsonObject data)
        {
            CheckAlive();
            messages.Add(new JsonArray(type, data.DeepClone()));
            server.SendTargeted(client, type, data);
        }

        void RecordOutput(string id, JsonNode ui)
        {
            outputs[id] = ui.DeepClone();
            meta[id] = new JsonObject { ["node_id"] = id, ["display_node"] = id, ["parent_node"] = null, ["real_node_id"] = id };
        }

        void State(string id, string state, int value, int max, bool send = true)
        {
            states[id] = new JsonObject
            {
                ["value"] = value,
                ["max"] = max,
                ["state"] = state,
                ["node_id"] = id,
                ["prompt_id"] = promptId,
                ["display_node_id"] = id,
                ["parent_node_id"] = null,
                ["real_node_id"] = id,
            };
            if (send)
            {
                server.SendToClientOrAll(client, "progress_state", new JsonObject { ["prompt_id"] = promptId, ["nodes"] = states.DeepClone() });
            }
        }

        /// <summary>Every node reachable from the outputs, each after the nodes it reads from.</summary>
        List<string> DependencyOrder()
        {
            var order = new List<string>();
            var seen = new HashSet<string>();
            void Visit(string id)
            {
                if (!seen.Add(id) || prompt[id] is not JsonObject node)
                {
                    return;
                }
                foreach (var source in Sources(node))
                {
                    Visit(source);
                }
                order.Add(id);
            }
            foreach (var output in item.Outputs)
            {
                Visit(output);
            }
            return order;
        }

        /// <summary>What ComfyUI's ExecutionList stages: the outputs and their uncached ancestors (a cached node
        /// hides everything above it).</summary>
        List<string> ToExecute(List<string> order, HashSet<string> cached)
        {
            var staged = new HashSet<string>();
            void Stage(string id)
            {
                if (!staged.Add(id))
                {
                    return;
                }
                foreach (var source in Sources((JsonObject)prompt[id]!).Where(s => !cached.Contains(s)))
                {
                    Stage(source);
                }
            }
            foreach (var output in item.Outputs)
            {
                Stage(output);
            }
            return order.Where(staged.Contains).ToList();
        }

        IEnumerable<string> Sources(JsonObject node) =>
            (node["inputs"] as JsonObject ?? []).Select(p => p.Value).OfType<JsonArray>()
                .Where(link => link.Count == 2).Select(link => link[0]!.ToString()).Where(id => prompt.ContainsKey(id));

        /// <summary>The node's class and inputs, with links replaced by their source's signature (so a change
        /// upstream changes everything below it); LoadImage also hashes its file, like its IS_CHANGED.</summary>
        string Signature(string id)
        {
            if (signatures.TryGetValue(id, out var known))
            {
                return known;
            }
            var node = (JsonObject)prompt[id]!;
            var text = new StringBuilder(node["class_type"]!.ToString());
            foreach (var (name, value) in (node["inputs"] as JsonObject ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append('|').Append(name).Append('=');
                text.Append(value is JsonArray { Count: 2 } link && prompt.ContainsKey(link[0]!.ToString())
                    ? "@" + Signature(link[0]!.ToString()) + ":" + link[1]
                    : value?.ToJsonString());
            }
            if (node["class_type"]!.ToString() == "LoadImage"
                && server.Files.Read("input", FakeComfyUiFiles.Resolve("", node["inputs"]?["image"]?.ToString() ?? "") ?? "") is { } bytes)
            {
                text.Append("|file=").Append(Convert.ToHexString(SHA256.HashData(bytes)));
            }
            var signature = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
            signatures[id] = signature;
            return signature;
        }
    }

    static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
