using System.Net.Security;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.PrivateCa;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Registration;

/// <summary>Creates the gRPC client for the edge's <c>AgentService</c> (HTTP/2, keepalive pings so a dead edge is noticed).</summary>
internal sealed class EdgeClientFactory(IOptions<AgentOptions> options) : IDisposable
{
    private GrpcChannel? _channel;

    public AgentService.AgentServiceClient Create()
    {
        _channel ??= GrpcChannel.ForAddress(options.Value.EdgeUrl, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                EnableMultipleHttp2Connections = true,
                KeepAlivePingDelay = TimeSpan.FromSeconds(20),
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                ConnectTimeout = TimeSpan.FromSeconds(10),
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = CertificateValidator() },
            },
        });
        return new AgentService.AgentServiceClient(_channel);
    }

    public void Dispose() => _channel?.Dispose();

    private RemoteCertificateValidationCallback? CertificateValidator()
    {
        if (options.Value.EdgeInsecureSkipTlsVerify)
        {
            return (_, _, _, _) => true;
        }

        if (options.Value.EdgeCaFile is not { } caFile)
        {
            return null;
        }

        return PrivateCaTrust.FromFile(caFile).Validate;
    }
}
