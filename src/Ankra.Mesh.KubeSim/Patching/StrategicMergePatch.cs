using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Patching;

/// <summary>
/// Strategic merge patch for the core types: lists with a patch-merge key (containers by name,
/// container ports by containerPort, …) merge element-wise, with the <c>$patch</c>,
/// <c>$setElementOrder/</c>, <c>$deleteFromPrimitiveList/</c> and <c>$retainKeys</c> directives
/// kubectl apply sends; other lists replace. The keys come from the Go types' <c>patchMergeKey</c> tags.
/// </summary>
internal static class StrategicMergePatch
{
    private const string OrderPrefix = "$setElementOrder/";
    private const string DeletePrimitivePrefix = "$deleteFromPrimitiveList/";

    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["volumes"] = "name",
        ["env"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["hostAliases"] = "ip",
        ["topologySpreadConstraints"] = "topologyKey",
        ["secrets"] = "name",
    };

    private static readonly HashSet<string> PrimitiveMergeLists = ["finalizers"];

    public static JsonObject Apply(JsonObject original, JsonObject patch) =>
        MergeObject(original, patch) ?? new JsonObject();

    private static JsonObject? MergeObject(JsonObject target, JsonObject patch)
    {
        switch (patch["$patch"]?.GetValue<string>())
        {
            case "delete":
                return null;
            case "replace":
                var replacement = patch.DeepClone().AsObject();
                replacement.Remove("$patch");
                return replacement;
        }

        if (patch["$retainKeys"] is JsonArray retain)
        {
            var keep = retain.Select(k => k?.GetValue<string>()).ToHashSet();
            foreach (var key in target.Select(kv => kv.Key).Where(k => !keep.Contains(k)).ToList())
            {
                target.Remove(key);
            }
        }

        foreach (var (key, value) in patch)
        {
            if (key is "$patch" or "$retainKeys" || key.StartsWith(OrderPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeletePrimitivePrefix, StringComparison.Ordinal))
            {
                var field = key[DeletePrimitivePrefix.Length..];
                if (target[field] is JsonArray list && value is JsonArray gone)
                {
                    foreach (var item in list.Where(i => gone.Any(g => JsonNode.DeepEquals(g, i))).ToList())
                    {
                        list.Remove(item);
                    }
                }

                continue;
            }

            target[key] = value switch
            {
                null => null,
                JsonObject child when target[key] is JsonObject existing => MergeObject(existing.DeepClone().AsObject(), child),
                JsonArray items when target[key] is JsonArray existing && MergeKeyOf(key, items, existing) is { } mergeKey =>
                    MergeList(existing.DeepClone().AsArray(), items, mergeKey),
                JsonArray items when target[key] is JsonArray existing && PrimitiveMergeLists.Contains(key) => Union(existing, items),
                _ => StripDirectives(value.DeepClone()),
            };
            if (value is null || target[key] is null)
            {
                target.Remove(key);
            }
        }

        foreach (var (key, value) in patch.Where(kv => kv.Key.StartsWith(OrderPrefix, StringComparison.Ordinal)).ToList())
        {
            var field = key[OrderPrefix.Length..];
            if (target[field] is JsonArray list && value is JsonArray order && MergeKeyOf(field, order, list) is { } mergeKey)
            {
                target[field] = Reorder(list, order, mergeKey);
            }
        }

        return target;
    }

    private static string? MergeKeyOf(string field, JsonArray patch, JsonArray existing)
    {
        if (field == "ports")
        {
            var sample = patch.Concat(existing).OfType<JsonObject>().FirstOrDefault();
            return sample is null ? null : sample.ContainsKey("containerPort") ? "containerPort" : "port";
        }

        return MergeKeys.GetValueOrDefault(field);
    }

    private static JsonArray MergeList(JsonArray target, JsonArray patch, string mergeKey)
    {
        if (patch.OfType<JsonObject>().Any(p => p["$patch"]?.GetValue<string>() == "replace"))
        {
            return new JsonArray([.. patch.OfType<JsonObject>().Where(p => p["$patch"] is null).Select(p => p.DeepClone())]);
        }

        foreach (var item in patch.OfType<JsonObject>())
        {
            var key = item[mergeKey];
            var match = target.OfType<JsonObject>().FirstOrDefault(t => JsonNode.DeepEquals(t[mergeKey], key));
            if (item["$patch"]?.GetValue<string>() == "delete")
            {
                if (match is not null)
                {
                    target.Remove(match);
                }

                continue;
            }

            if (match is null)
            {
                target.Add(StripDirectives(item.DeepClone()));
            }
            else
            {
                var index = target.IndexOf(match);
                var merged = MergeObject(match.DeepClone().AsObject(), item);
                target.RemoveAt(index);
                if (merged is not null)
                {
                    target.Insert(index, merged);
                }
            }
        }

        return target;
    }

    private static JsonArray Reorder(JsonArray list, JsonArray order, string mergeKey)
    {
        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = new JsonArray();
        foreach (var wanted in order)
        {
            var found = items.OfType<JsonObject>().FirstOrDefault(i => JsonNode.DeepEquals(i[mergeKey], wanted?[mergeKey]));
            if (found is not null)
            {
                items.Remove(found);
                ordered.Add(found);
            }
        }

        foreach (var rest in items)
        {
            ordered.Add(rest);
        }

        return ordered;
    }

    private static JsonArray Union(JsonArray existing, JsonArray added)
    {
        var result = existing.DeepClone().AsArray();
        foreach (var item in added.Where(a => !existing.Any(e => JsonNode.DeepEquals(e, a))))
        {
            result.Add(item?.DeepClone());
        }

        return result;
    }

    private static JsonNode? StripDirectives(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var key in obj.Select(kv => kv.Key).Where(k => k.StartsWith('$')).ToList())
            {
                obj.Remove(key);
            }

            foreach (var (_, child) in obj.ToList())
            {
                StripDirectives(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                StripDirectives(child);
            }
        }

        return node;
    }
}
