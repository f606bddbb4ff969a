using Ankra.Mesh.Edge.Tests.Fixtures;
using Grpc.Core;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>A gRPC request whose message is not protobuf is the caller's mistake: INVALID_ARGUMENT, not UNKNOWN.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GrpcDecodeTests(EmbeddedEdgeFixture fixture)
{
    // Raw bytes in, raw bytes out: the client sends exactly these bytes as the framed gRPC message.
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    [Theory]
    [InlineData("ankra.mesh.v1.AgentService", "Register")]
    [InlineData("ankra.mesh.v1.AgentService", "CheckIn")]
    [InlineData("ankra.mesh.v1.AgentService", "ReportGrantStatus")]
    [InlineData("ankra.mesh.v1.TokenService", "MintKubeToken")]
    [InlineData("ankra.mesh.v1.TokenService", "GenerateKubeconfig")]
    public async Task Call_MessageNotProtobuf_InvalidArgumentNamingTheMethod(string service, string method)
    {
        // Tag 0 is never valid protobuf, whatever the message type; the rest is noise.
        byte[] garbage = [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. "this is not protobuf"u8];
        var call = fixture.Edge.Channel.CreateCallInvoker().AsyncUnaryCall(
            new Method<byte[], byte[]>(MethodType.Unary, service, method, Raw, Raw), host: null, new CallOptions(), garbage);

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains($"/{service}/{method}", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("not a valid protobuf message", error.Status.Detail, StringComparison.Ordinal);
    }
}
