using System.Text;
using System.Text.Json;
using Ankra.Mesh.Contracts.Http;

namespace Ankra.Mesh.Contracts.Tests.Http;

/// <summary>The Status body kubectl reads: the Kubernetes shape, and a message that can never break out of its string.</summary>
public sealed class KubeStatusBodyTests
{
    [Fact]
    public void Serialize_Failure_IsAKubernetesStatus()
    {
        using var status = JsonDocument.Parse(KubeStatusBody.Serialize(403, "Forbidden", "no grant"));
        var root = status.RootElement;

        Assert.Equal("Status", root.GetProperty("kind").GetString());
        Assert.Equal("v1", root.GetProperty("apiVersion").GetString());
        Assert.Equal(JsonValueKind.Object, root.GetProperty("metadata").ValueKind);
        Assert.Equal("Failure", root.GetProperty("status").GetString());
        Assert.Equal("no grant", root.GetProperty("message").GetString());
        Assert.Equal("Forbidden", root.GetProperty("reason").GetString());
        Assert.Equal(403, root.GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("user \"admin\",\"reason\":\"Allowed")]
    [InlineData("line\nbreak\r\tand \\ backslash")]
    [InlineData("</script><script>alert(1)</script>")]
    [InlineData("ünïcödé ✓ \u0000 nul")]
    public void Serialize_HostileMessage_RoundTripsAsOneString(string message)
    {
        var body = KubeStatusBody.Serialize(429, "TooManyRequests", message);
        using var status = JsonDocument.Parse(body);

        Assert.Equal(message, status.RootElement.GetProperty("message").GetString());
        Assert.Equal("TooManyRequests", status.RootElement.GetProperty("reason").GetString());
        Assert.Equal(7, status.RootElement.EnumerateObject().Count());
        Assert.DoesNotContain('\n', Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void SerializeToString_SameBytes_AsSerialize() =>
        Assert.Equal(Encoding.UTF8.GetString(KubeStatusBody.Serialize(503, "ServiceUnavailable", "offline")), KubeStatusBody.SerializeToString(503, "ServiceUnavailable", "offline"));
}
