using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.KubeTokens;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Ankra.Mesh.Edge.GrpcServices;

/// <summary>gRPC TokenService: the same rules as the REST k8s-token and kubeconfig endpoints.</summary>
internal sealed class TokenGrpcService(CallerResolver callers, KubeAccessService access, PublicBaseUrl urls) : TokenService.TokenServiceBase
{
    public override async Task<MintKubeTokenResponse> MintKubeToken(MintKubeTokenRequest request, ServerCallContext context)
    {
        var minted = await MintAsync(request.ClusterId, request.OrganisationId, context);
        return new MintKubeTokenResponse { Token = minted.Token, Server = minted.Server, ExpiresAt = Timestamp.FromDateTimeOffset(minted.ExpiresAt) };
    }

    public override async Task<GenerateKubeconfigResponse> GenerateKubeconfig(GenerateKubeconfigRequest request, ServerCallContext context)
    {
        if (!string.IsNullOrEmpty(request.Namespace) && !Grains.MeshIdentifiers.IsDnsLabel(request.Namespace))
        {
            throw ApiFailure.BadRequest("namespace must be a DNS-1123 label").ToRpcException();
        }

        var minted = await MintAsync(request.ClusterId, request.OrganisationId, context);
        var (yaml, name) = KubeAccessService.Kubeconfig(minted, request.Namespace);
        return new GenerateKubeconfigResponse { KubeconfigYaml = yaml, ContextName = name, ExpiresAt = Timestamp.FromDateTimeOffset(minted.ExpiresAt) };
    }

    private async Task<MintedKubeToken> MintAsync(string clusterId, string organisationId, ServerCallContext context)
    {
        var caller = await callers.ResolveAsync(context.RequestHeaders.GetValue("authorization"), organisationId);
        if (caller.Failure is not null)
        {
            throw caller.Failure.ToRpcException();
        }

        var http = context.GetHttpContext();
        var minted = await access.MintAsync(caller.Value!, clusterId, urls.KubeServer(http, clusterId));
        return minted.Failure is null ? minted.Value! : throw minted.Failure.ToRpcException();
    }
}
