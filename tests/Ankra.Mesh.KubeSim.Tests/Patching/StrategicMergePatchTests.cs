using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Patching;

namespace Ankra.Mesh.KubeSim.Tests.Patching;

/// <summary>The strategic-merge directives kubectl apply sends, on core-type lists with merge keys.</summary>
public sealed class StrategicMergePatchTests
{
    private const string Original = """
        {"spec":{"containers":[
          {"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","value":"2"}],"ports":[{"containerPort":80}]},
          {"name":"b","image":"b:1"}],
         "tolerations":[{"key":"k1"}]},
         "metadata":{"finalizers":["f1"],"labels":{"keep":"1","drop":"2"}}}
        """;

    [Fact]
    public void Apply_ContainerByName_MergesInsteadOfReplacing()
    {
        var result = Patch("""{"spec":{"containers":[{"name":"b","image":"b:2"}]}}""");

        Assert.Equal(2, result["spec"]!["containers"]!.AsArray().Count);
        Assert.Equal("a:1", result["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        Assert.Equal("b:2", result["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_DeleteDirectiveAndNull_RemoveElementsAndKeys()
    {
        var result = Patch("""{"metadata":{"labels":{"drop":null}},"spec":{"containers":[{"name":"a","env":[{"name":"X","$patch":"delete"}]}]}}""");

        Assert.False(result["metadata"]!["labels"]!.AsObject().ContainsKey("drop"));
        Assert.Equal("""[{"name":"Y","value":"2"}]""", result["spec"]!["containers"]![0]!["env"]!.ToJsonString());
    }

    [Fact]
    public void Apply_SetElementOrder_ReordersList()
    {
        var result = Patch("""{"spec":{"$setElementOrder/containers":[{"name":"b"},{"name":"a"}],"containers":[{"name":"a","image":"a:2"}]}}""");

        Assert.Equal(["b", "a"], result["spec"]!["containers"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("a:2", result["spec"]!["containers"]![1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_ListWithoutMergeKey_IsReplacedAndPrimitiveMergeListUnioned()
    {
        var result = Patch("""{"spec":{"tolerations":[{"key":"k2"}]},"metadata":{"finalizers":["f2"]}}""");

        Assert.Equal("""[{"key":"k2"}]""", result["spec"]!["tolerations"]!.ToJsonString());
        Assert.Equal("""["f1","f2"]""", result["metadata"]!["finalizers"]!.ToJsonString());
    }

    [Fact]
    public void Apply_ReplaceDirective_ReplacesWholeList()
    {
        var result = Patch("""{"spec":{"containers":[{"$patch":"replace"},{"name":"c","image":"c:1"}]}}""");

        Assert.Equal("""[{"name":"c","image":"c:1"}]""", result["spec"]!["containers"]!.ToJsonString());
    }

    private static JsonObject Patch(string patch) =>
        StrategicMergePatch.Apply(JsonNode.Parse(Original)!.AsObject(), JsonNode.Parse(patch)!.AsObject());
}
