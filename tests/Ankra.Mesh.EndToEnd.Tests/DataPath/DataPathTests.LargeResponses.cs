using System.Net;

namespace Ankra.Mesh.EndToEnd.Tests.DataPath;

/// <summary>
/// The data path through the whole chain (HTTPS client → edge with YARP → NATS → agent → KubeSim). This part:
/// large responses through the whole chain (HTTPS client → edge with YARP → NATS → agent → KubeSim), over
/// HTTP/1.1 and HTTP/2, with fast and slow readers, each byte for byte equal to the API server's own answer.
/// A tunnel-only test once missed a bug that broke every large <c>kubectl get</c>; these go through it all.
/// </summary>
public sealed partial class DataPathTests(DataPathFixture fixture) : IClassFixture<DataPathFixture>
{
    private const int Repetitions = 100;

    public static TheoryData<int, string, ReaderSpeed> Lists()
    {
        var data = new TheoryData<int, string, ReaderSpeed>();
        foreach (var megabytes in DataPathFixture.ListMegabytes)
        {
            foreach (var version in new[] { "1.1", "2.0" })
            {
                data.Add(megabytes, version, ReaderSpeed.Fast);
                data.Add(megabytes, version, ReaderSpeed.Slow);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task List_ThroughTheMesh_EqualsTheApiServersAnswer(int megabytes, string httpVersion, ReaderSpeed speed)
    {
        var path = DataPathFixture.ListPath(megabytes);
        var direct = await fixture.DirectAsync(path);
        using var client = fixture.Stack.MeshKubeClient(fixture.KubeToken, Version.Parse(httpVersion));

        var mesh = await Transfer.GetAsync(client, path, speed);

        Assert.Equal(HttpStatusCode.OK, direct.Status);
        Assert.InRange(direct.Bytes, megabytes * 1_000_000L * 9 / 10, megabytes * 1_100_000L);
        Assert.Equal(direct, mesh);
    }

    [Fact]
    public async Task List_RepeatedAHundredTimes_NeverFails()
    {
        var path = DataPathFixture.ListPath(2);
        var direct = await fixture.DirectAsync(path);
        using var http1 = fixture.Stack.MeshKubeClient(fixture.KubeToken, HttpVersion.Version11);
        using var http2 = fixture.Stack.MeshKubeClient(fixture.KubeToken, HttpVersion.Version20);
        var failures = new List<string>();

        for (var i = 0; i < Repetitions; i++)
        {
            var client = i % 2 == 0 ? http1 : http2;
            var speed = i % 4 < 2 ? ReaderSpeed.Fast : ReaderSpeed.Slow;
            try
            {
                var mesh = await Transfer.GetAsync(client, path, speed);
                if (mesh != direct)
                {
                    failures.Add($"#{i} ({speed}, HTTP/{client.DefaultRequestVersion}): {mesh}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failures.Add($"#{i} ({speed}, HTTP/{client.DefaultRequestVersion}): {e.Message}");
            }
        }

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task Logs_200Megabytes_EqualTheApiServersAnswer(string httpVersion)
    {
        var path = DataPathFixture.LogPath(200L * 1024 * 1024);
        var direct = await fixture.DirectAsync(path);
        using var client = fixture.Stack.MeshKubeClient(fixture.KubeToken, Version.Parse(httpVersion));

        var mesh = await Transfer.GetAsync(client, path, ReaderSpeed.Fast);

        Assert.Equal(200L * 1024 * 1024, direct.Bytes);
        Assert.Equal(direct, mesh);
    }

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task KubectlGetJson_EightMegabyteList_PrintsWhatDirectKubectlPrints(string version)
    {
        var viaMesh = await fixture.Stack.KubectlAsync(version, "get", "configmaps", "-n", "list-8mb", "-o", "json");
        var direct = await fixture.Stack.DirectKubectlAsync(version, "get", "configmaps", "-n", "list-8mb", "-o", "json");

        Assert.True(viaMesh.ExitCode == 0, viaMesh.StandardError);
        Assert.True(direct.ExitCode == 0, direct.StandardError);
        Assert.True(viaMesh.StandardOutput.Length > 8_000_000, $"kubectl printed {viaMesh.StandardOutput.Length} characters");
        Assert.Equal(direct.StandardOutput, viaMesh.StandardOutput);
    }
}
