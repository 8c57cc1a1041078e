using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Storyboard.Tests.Fakes;

/// <summary>What <c>validate_prompt</c> decided: the top-level error (null when at least one output is good),
/// the per-node errors (can be non-empty on success) and the output node ids that will run.</summary>
public sealed record PromptValidation(JsonObject? Error, JsonObject NodeErrors, IReadOnlyList<string> GoodOutputs)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// ComfyUI 0.3.64's <c>execution.py validate_prompt</c>, reproduced against a <see cref="FakeComfyUiObjectInfo"/>
/// catalogue with the error shapes of spec §2.2.2 (including the empty <c>details</c> when the fault is upstream
/// of the output node, and python-formatted lists).
/// </summary>
public static class FakeComfyUiValidation
{
    public static PromptValidation Validate(JsonObject prompt, JsonObject catalogue, Func<string, bool> inputFileExists,
        FakeComfyUiGeneration generation = FakeComfyUiGeneration.V0_3_64)
    {
        var outputs = new List<string>();
        foreach (var (id, node) in prompt)
        {
            if (node is not JsonObject nodeObject || nodeObject["class_type"] is not JsonValue classValue)
            {
                return generation == FakeComfyUiGeneration.V0_3_64
                    ? Top("invalid_prompt", "Cannot execute because a node is missing the class_type property.", $"Node ID '#{id}'")
                    : MissingNodeType(id, null, node?["_meta"]?["title"]?.ToString(),
                        $"Node '{node?["_meta"]?["title"]?.ToString() ?? $"ID #{id}"}' has no class_type. The workflow may be corrupted or a custom node is missing.");
            }
            var classType = classValue.ToString();
            if (catalogue[classType] is not JsonObject info)
            {
                var title = nodeObject["_meta"]?["title"]?.ToString();
                return generation == FakeComfyUiGeneration.V0_3_64
                    ? Top("invalid_prompt", $"Cannot execute because node {classType} does not exist.", $"Node ID '#{id}'")
                    : MissingNodeType(id, classType, title, $"Node '{title ?? classType}' not found. The custom node may not be installed.");
            }
            if (info["output_node"]?.GetValue<bool>() == true)
            {
                outputs.Add(id);
            }
        }
        if (outputs.Count == 0)
        {
            return Top("prompt_no_outputs", "Prompt has no outputs", "");
        }

        var validator = new Validator(prompt, catalogue, inputFileExists);
        var good = new List<string>();
        var outputErrors = new List<JsonObject>();
        var nodeErrors = new JsonObject();
        foreach (var output in outputs)
        {
            bool valid;
            List<JsonObject> reasons;
            try
            {
                (valid, reasons) = validator.ValidateNode(output);
            }
            catch (PythonException ex)
            {
                valid = false;
                reasons =
                [
                    Reason("exception_during_validation", "Exception when validating node", ex.Message,
                        new JsonObject { ["exception_type"] = ex.PythonType, ["traceback"] = new JsonArray() }),
                ];
                validator.Validated[output] = (false, reasons);
            }
            if (valid)
            {
                good.Add(output);
                continue;
            }
            outputErrors.AddRange(reasons);
            foreach (var (nodeId, (nodeValid, nodeReasons)) in validator.Validated)
            {
                if (nodeValid || nodeReasons.Count == 0)
                {
                    continue;
                }
                if (nodeErrors[nodeId] is not JsonObject entry)
                {
                    entry = new JsonObject
                    {
                        ["errors"] = new JsonArray(nodeReasons.Select(r => (JsonNode?)r.DeepClone()).ToArray()),
                        ["dependent_outputs"] = new JsonArray(),
                        ["class_type"] = prompt[nodeId]?["class_type"]?.ToString(),
                    };
                    nodeErrors[nodeId] = entry;
                }
                ((JsonArray)entry["dependent_outputs"]!).Add(output);
            }
        }
        if (good.Count == 0)
        {
            var details = string.Join("\n", outputErrors.Select(r => $"{r["message"]}: {r["details"]}"));
            return new PromptValidation(
                Error("prompt_outputs_failed_validation", "Prompt outputs failed validation", details), nodeErrors, []);
        }
        return new PromptValidation(null, nodeErrors, good);
    }

    public static JsonObject Error(string type, string message, string details) => new()
    {
        ["type"] = type,
        ["message"] = message,
        ["details"] = details,
        ["extra_info"] = new JsonObject(),
    };

    static PromptValidation MissingNodeType(string id, string? classType, string? title, string message)
    {
        var error = Error("missing_node_type", message, $"Node ID '#{id}'");
        error["extra_info"] = new JsonObject { ["node_id"] = id, ["class_type"] = classType, ["node_title"] = title };
        return new PromptValidation(error, new JsonObject(), []);
    }

    static PromptValidation Top(string type, string message, string details) =>
        new(Error(type, message, details), new JsonObject(), []);

    static JsonObject Reason(string type, string message, string details, JsonObject extraInfo) => new()
    {
        ["type"] = type,
        ["message"] = message,
        ["details"] = details,
        ["extra_info"] = extraInfo,
    };

    /// <summary>Python's <c>str(list)</c>: <c>['a', 'b']</c>.</summary>
    public static string PythonList(IEnumerable<string> values) =>
        "[" + string.Join(", ", values.Select(v => "'" + v.Replace("\\", "\\\\").Replace("'", "\\'") + "'")) + "]";

    static string PythonValue(JsonNode? value) => value switch
    {
        null => "None",
        JsonValue v when v.GetValueKind() == JsonValueKind.True => "True",
        JsonValue v when v.GetValueKind() == JsonValueKind.False => "False",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    sealed class PythonException(string pythonType, string message) : Exception(message)
    {
        public string PythonType { get; } = pythonType;
    }

    sealed class Validator(JsonObject prompt, JsonObject catalogue, Func<string, bool> inputFileExists)
    {
        public Dictionary<string, (bool Valid, List<JsonObject> Reasons)> Validated { get; } = [];

        public (bool Valid, List<JsonObject> Reasons) ValidateNode(string id)
        {
            if (Validated.TryGetValue(id, out var known))
            {
                return known;
            }
            var node = (JsonObject)prompt[id]!;
            var classType = node["class_type"]!.ToString();
            var info = (JsonObject)catalogue[classType]!;
            var inputs = node["inputs"] as JsonObject ?? [];
            var required = info["input"]?["required"] as JsonObject ?? [];
            var optional = info["input"]?["optional"] as JsonObject ?? [];
            var errors = new List<JsonObject>();
            var valid = true;
            foreach (var (name, spec) in required.Select(p => (p.Key, p.Value)).Concat(optional.Select(p => (p.Key, p.Value))))
            {
                var isRequired = required.ContainsKey(name);
                if (!inputs.TryGetPropertyValue(name, out var value))
                {
                    if (isRequired)
                    {
                        errors.Add(Reason("required_input_missing", "Required input is missing", name,
                            new JsonObject { ["input_name"] = name }));
                    }
                    continue;
                }
                var specArray = (JsonArray)spec!;
                var type = specArray[0];
                if (value is JsonArray link)
                {
                    if (link.Count != 2)
                    {
                        errors.Add(Reason("bad_linked_input", "Bad linked input, must be a length-2 list of [node_id, slot_index]", name,
                            new JsonObject { ["input_name"] = name, ["input_config"] = spec!.DeepClone(), ["received_value"] = value.DeepClone() }));
                        continue;
                    }
                    var sourceId = link[0]?.ToString() ?? "None";
                    if (prompt[sourceId] is not JsonObject source)
                    {
                        throw new PythonException("KeyError", $"'{sourceId}'");
                    }
                    var sourceInfo = (JsonObject)catalogue[source["class_type"]!.ToString()]!;
                    var sourceOutputs = (JsonArray)sourceInfo["output"]!;
                    var slot = link[1] is JsonValue slotValue && slotValue.TryGetValue<int>(out var s) ? s : -1;
                    if (slot < 0 || slot >= sourceOutputs.Count)
                    {
                        throw new PythonException("IndexError", "tuple index out of range");
                    }
                    var receivedType = sourceOutputs[slot]!.ToString();
                    var inputType = type is JsonValue ? type.ToString() : "COMBO";
                    if (receivedType != inputType && inputType != "*" && receivedType != "*")
                    {
                        errors.Add(Reason("return_type_mismatch", "Return type mismatch between linked nodes",
                            $"{name}, received_type({receivedType}) mismatch input_type({inputType})",
                            new JsonObject
                            {
                                ["input_name"] = name,
                                ["input_config"] = spec!.DeepClone(),
                                ["received_type"] = receivedType,
                                ["linked_node"] = value.DeepClone(),
                            }));
                        continue;
                    }
                    try
                    {
                        if (!ValidateNode(sourceId).Valid)
                        {
                            valid = false;
                        }
                    }
                    catch (PythonException ex)
                    {
                        valid = false;
                        errors.Add(Reason("exception_during_inner_validation", "Exception when validating inner node", ex.Message,
                            new JsonObject
                            {
                                ["input_name"] = name,
                                ["input_config"] = spec!.DeepClone(),
                                ["exception_message"] = ex.Message,
                                ["exception_type"] = ex.PythonType,
                                ["traceback"] = new JsonArray(),
                                ["linked_node"] = value.DeepClone(),
                            }));
                    }
                    continue;
                }
                if (value is JsonObject wrapped && wrapped.ContainsKey("__value__"))
                {
                    continue;
                }
                var error = CheckWidget(classType, name, specArray, value);
                if (error is not null)
                {
                    errors.Add(error);
                }
            }
            var result = (valid && errors.Count == 0, errors);
            Validated[id] = result;
            return result;
        }

        JsonObject? CheckWidget(string classType, string name, JsonArray spec, JsonNode? value)
        {
            var options = spec.Count > 1 ? spec[1] as JsonObject : null;
            if (classType == "LoadImage" && name == "image")
            {
                var file = value?.ToString() ?? "";
                return inputFileExists(file)
                    ? null
                    : Reason("custom_validation_failed", "Custom validation failed for node", $"{name} - Invalid image file: {file}",
                        new JsonObject { ["input_name"] = name });
            }
            var combo = FakeComfyUiObjectInfo.ComboOptions(spec);
            if (combo is not null)
            {
                var text = PythonValue(value);
                if (combo.Contains(text) && value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                {
                    return null;
                }
                var tooLong = combo.Count > 20;
                return Reason("value_not_in_list", "Value not in list",
                    $"{name}: '{text}' not in {(tooLong ? $"(list of length {combo.Count})" : PythonList(combo))}",
                    new JsonObject
                    {
                        ["input_name"] = name,
                        ["input_config"] = tooLong ? null : spec.DeepClone(),
                        ["received_value"] = value?.DeepClone(),
                    });
            }
            var type = spec[0]?.ToString();
            if (type is "INT" or "FLOAT")
            {
                decimal number;
                try
                {
                    number = ToNumber(value, type == "INT");
                }
                catch (FormatException ex)
                {
                    return Reason("invalid_input_type", $"Failed to convert an input value to a {type} value",
                        $"{name}, {PythonValue(value)}, {ex.Message}",
                        new JsonObject
                        {
                            ["input_name"] = name,
                            ["input_config"] = spec!.DeepClone(),
                            ["received_value"] = value?.DeepClone(),
                            ["exception_message"] = ex.Message,
                        });
                }
                if (options?["min"] is JsonValue min && number < Decimal(min))
                {
                    return Reason("value_smaller_than_min", $"Value {Format(number)} smaller than min of {min.ToJsonString()}", name,
                        new JsonObject { ["input_name"] = name, ["input_config"] = spec!.DeepClone(), ["received_value"] = value?.DeepClone() });
                }
                if (options?["max"] is JsonValue max && number > Decimal(max))
                {
                    return Reason("value_bigger_than_max", $"Value {Format(number)} bigger than max of {max.ToJsonString()}", name,
                        new JsonObject { ["input_name"] = name, ["input_config"] = spec!.DeepClone(), ["received_value"] = value?.DeepClone() });
                }
            }
            return null;
        }

        static decimal Decimal(JsonNode number) => decimal.Parse(number.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);

        static string Format(decimal number) => number.ToString(CultureInfo.InvariantCulture);

        static decimal ToNumber(JsonNode? value, bool integer)
        {
            if (value is JsonValue v)
            {
                switch (v.GetValueKind())
                {
                    case JsonValueKind.Number:
                        var d = Decimal(v);
                        return integer ? decimal.Truncate(d) : d;
                    case JsonValueKind.True:
                        return 1;
                    case JsonValueKind.False:
                        return 0;
                    case JsonValueKind.String:
                        var text = v.GetValue<string>().Trim();
                        if (integer && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
                        {
                            return l;
                        }
                        if (!integer && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
                        {
                            return f;
                        }
                        throw new FormatException(integer
                            ? $"invalid literal for int() with base 10: '{text}'"
                            : $"could not convert string to float: '{text}'");
                }
            }
            throw new FormatException(integer
                ? $"int() argument must be a string, a bytes-like object or a real number, not '{(value is null ? "NoneType" : "dict")}'"
                : $"float() argument must be a string or a real number, not '{(value is null ? "NoneType" : "dict")}'");
        }
    }
}
