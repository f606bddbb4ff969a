using System.Text.Json.Nodes;
using Ankra.Mesh.Deploy.Tests.Rendering;

namespace Ankra.Mesh.Deploy.Tests;

/// <summary>What every pod we ship must be: unprivileged, read-only, probed, with resources requested.</summary>
internal static class PodHardening
{
    /// <summary>
    /// Asserts the restricted-profile settings, resources and probes of <paramref name="workload"/>, the probes on the
    /// internal listener (the only one serving them), and JSON console logs with scopes (trace and span ids).
    /// </summary>
    public static void AssertHardened(JsonObject workload, string internalHttpPortName = "http")
    {
        var pod = PodTemplate.Spec(workload);
        Assert.True((bool?)pod["securityContext"]?["runAsNonRoot"] == true, "pod securityContext.runAsNonRoot must be true");
        Assert.NotEqual(0L, (long?)pod["securityContext"]?["runAsUser"] ?? -1L);
        Assert.Equal("RuntimeDefault", (string?)pod["securityContext"]?["seccompProfile"]?["type"]);
        Assert.NotEmpty(PodTemplate.Containers(workload));

        foreach (var container in PodTemplate.Containers(workload))
        {
            var security = container["securityContext"];
            Assert.True((bool?)security?["readOnlyRootFilesystem"] == true, $"{container["name"]}: readOnlyRootFilesystem");
            Assert.True((bool?)security?["allowPrivilegeEscalation"] == false, $"{container["name"]}: allowPrivilegeEscalation");
            Assert.True((bool?)security?["runAsNonRoot"] == true, $"{container["name"]}: runAsNonRoot");
            Assert.Contains("ALL", security?["capabilities"]?["drop"]?.AsArray().Select(c => (string?)c) ?? []);

            // Requests let the scheduler place the pod and make its CPU share predictable; a memory limit stops a
            // leak from taking the node down.
            Assert.False(string.IsNullOrEmpty((string?)container["resources"]?["requests"]?["cpu"]), $"{container["name"]}: cpu request");
            Assert.False(string.IsNullOrEmpty((string?)container["resources"]?["requests"]?["memory"]), $"{container["name"]}: memory request");
            Assert.False(string.IsNullOrEmpty((string?)container["resources"]?["limits"]?["memory"]), $"{container["name"]}: memory limit");

            var httpPort = PodTemplate.PortNumber(container, JsonValue.Create(internalHttpPortName));
            AssertProbe(container, "readinessProbe", "/readyz", httpPort);
            AssertProbe(container, "livenessProbe", "/livez", httpPort);
            var internalUrl = PodTemplate.Env(container, "Mesh__Telemetry__InternalUrl")
                ?? throw new Xunit.Sdk.XunitException($"{container["name"]}: Mesh__Telemetry__InternalUrl is not set, so nothing serves the probes");
            Assert.Equal(httpPort, new Uri(internalUrl).Port);
            Assert.Equal("json", PodTemplate.Env(container, "Logging__Console__FormatterName"));
            Assert.Equal("true", PodTemplate.Env(container, "Logging__Console__FormatterOptions__IncludeScopes"));

            // A read-only root needs somewhere writable for .NET's temporary files and diagnostics socket.
            var tmp = (container["volumeMounts"]?.AsArray() ?? []).SingleOrDefault(m => (string?)m!["mountPath"] == "/tmp");
            Assert.NotNull(tmp);
            var volume = (pod["volumes"]?.AsArray() ?? []).Single(v => (string?)v!["name"] == (string?)tmp["name"]);
            Assert.NotNull(volume!["emptyDir"]);
        }
    }

    private static void AssertProbe(JsonObject container, string probe, string path, long port)
    {
        var get = container[probe]?["httpGet"] ?? throw new Xunit.Sdk.XunitException($"{container["name"]} has no {probe} httpGet");
        Assert.Equal(path, (string?)get["path"]);
        Assert.Equal(port, PodTemplate.PortNumber(container, get["port"]));
    }
}
