using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>The queue and its single worker (spec §1.5, §2.2–§2.6, §11): prompts run one at a time, lowest
/// <c>number</c> first, and history is written before the final <c>executing {node: null}</c>.</summary>
public sealed partial class FakeComfyUi
{
    readonly List<QueueItem> pending = [];
    readonly OrderedDictionary<string, JsonObject> history = new(StringComparer.Ordinal);
    readonly SemaphoreSlim wake = new(0);
    Dictionary<string, JsonNode?> cache = new(StringComparer.Ordinal);
    QueueItem? running;
    string? runningNode;
    volatile bool interruptRequested;
    int epoch;
    CancellationTokenSource restarting = new();
    long counter;
    long sequence;

    static readonly DateTimeOffset clockAnchor = DateTimeOffset.UtcNow;
    static readonly long clockAnchorTimestamp = Stopwatch.GetTimestamp();
    readonly ConcurrentQueue<FakeExecution> executionLog = new();

    /// <summary>
    /// UTC time read from the monotonic <see cref="Stopwatch"/>, anchored once per process to the wall clock: spans
    /// between two readings are exact (no NTP step), and readings stay comparable with <c>DateTimeOffset.UtcNow</c>
    /// taken elsewhere on the same machine (to the drift since the anchor).
    /// </summary>
    public static DateTimeOffset MonotonicUtcNow => clockAnchor + Stopwatch.GetElapsedTime(clockAnchorTimestamp);

    /// <summary>
    /// Every prompt the worker finished (success, error or interrupt), in finishing order: when the worker took it off
    /// the queue and when its history was written (just before the final <c>executing {node: null}</c>), both from
    /// <see cref="MonotonicUtcNow"/>. A run lost to a restart is not listed. Safe to read from any thread.
    /// </summary>
    public IReadOnlyList<FakeExecution> ExecutionLog => [.. executionLog];

    /// <summary>The prompt being executed right now, if any.</summary>
    public string? RunningPromptId
    {
        get
        {
            lock (gate)
            {
                return running?.PromptId;
            }
        }
    }

    /// <summary>Pending plus running, as <c>queue_remaining</c> reports it.</summary>
    public int QueueRemaining
    {
        get
        {
            lock (gate)
            {
                return pending.Count + (running is null ? 0 : 1);
            }
        }
    }

    /// <summary>The history entry of a prompt once it has finished (success or error), else null.</summary>
    public JsonObject? History(string promptId)
    {
        lock (gate)
        {
            return history.TryGetValue(promptId, out var entry) ? (JsonObject)entry.DeepClone() : null;
        }
    }

    /// <summary>Waits until the prompt has a history entry (polling the fake directly, not over HTTP).</summary>
    public async Task<JsonObject> WaitForHistoryAsync(string promptId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (History(promptId) is { } entry)
            {
                return entry;
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"Prompt {promptId} did not finish in time.");
    }

    /// <summary>Waits until the prompt is the one running.</summary>
    public async Task WaitUntilRunningAsync(string promptId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (RunningPromptId != promptId)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Prompt {promptId} did not start in time.");
            }
            await Task.Delay(5);
        }
    }

    int QueueRemainingLocked => pending.Count + (running is null ? 0 : 1);

    (string PromptId, JsonNode Number) Enqueue(JsonObject prompt, JsonObject extraData, IReadOnlyList<string> outputs,
        string? promptId, double? number, bool front)
    {
        QueueItem item;
        lock (gate)
        {
            JsonNode numberJson;
            double priority;
            if (number is { } explicitNumber)
            {
                priority = explicitNumber;
                numberJson = JsonNode.Parse(PythonFloat(explicitNumber))!;
            }
            else
            {
                var next = counter++;
                priority = front ? -next : next;
                numberJson = JsonValue.Create((long)priority);
            }
            item = new QueueItem(numberJson, priority, sequence++, promptId ?? Guid.NewGuid().ToString(), prompt, extraData, outputs);
            pending.Add(item);
        }
        BroadcastStatus();
        wake.Release();
        return (item.PromptId, item.Number.DeepClone());
    }

    static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') ? text : text + ".0";
    }

    void WipeState()
    {
        lock (gate)
        {
            pending.Clear();
            history.Clear();
            cache = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            running = null;
            runningNode = null;
            epoch++;
            restarting.Cancel();
            restarting.Dispose();
            restarting = new CancellationTokenSource();
        }
    }

    async Task WorkLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await wake.WaitAsync(stop);
            while (!stop.IsCancellationRequested)
            {
                QueueItem item;
                int myEpoch;
                CancellationTokenSource lifetime;
                lock (gate)
                {
                    if (pending.Count == 0)
                    {
                        break;
                    }
                    item = pending.MinBy(i => (i.Priority, i.Sequence))!;
                    pending.Remove(item);
                    running = item;
                    runningNode = null;
                    interruptRequested = false;
                    myEpoch = epoch;
                    lifetime = CancellationTokenSource.CreateLinkedTokenSource(stop, restarting.Token);
                }
                var started = MonotonicUtcNow;
                BroadcastStatus();
                try
                {
                    await new Run(this, item, myEpoch, lifetime.Token, started).ExecuteAsync();
                }
                catch (RunAbandonedException)
                {
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // A restart wiped this run mid-delay: it leaves no history, as on a real crash.
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                finally
                {
                    lifetime.Dispose();
                    lock (gate)
                    {
                        if (running == item)
                        {
                            running = null;
                        }
                    }
                }
            }
        }
    }

    /// <summary>One queue entry: <c>[number, prompt_id, prompt, extra_data, outputs_to_execute]</c>.</summary>
    sealed record QueueItem(JsonNode Number, double Priority, long Sequence, string PromptId, JsonObject Prompt,
        JsonObject ExtraData, IReadOnlyList<string> Outputs)
    {
        /// <summary>Null when the prompt was posted without <c>client_id</c> (then nothing is targeted).</summary>
        public string? ClientId => ExtraData.TryGetPropertyValue("client_id", out var id) && id is JsonValue ? id.ToString() : null;

        public JsonArray ToJson() =>
        [
            Number.DeepClone(), PromptId, Prompt.DeepClone(), ExtraData.DeepClone(),
            new JsonArray(Outputs.Select(o => (JsonNode?)JsonValue.Create(o)).ToArray()),
        ];
    }

    sealed class RunAbandonedException : Exception;
}

/// <summary>One prompt's run on a <see cref="FakeComfyUi"/>: see <see cref="FakeComfyUi.ExecutionLog"/>.</summary>
public sealed record FakeExecution(string PromptId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, bool Succeeded);
