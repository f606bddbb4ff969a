using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Ankra.Mesh.NatsAuth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.GrpcServices;

/// <summary>
/// gRPC AgentService. Every call carries the cluster's registration token (Register in the message,
/// CheckIn and ReportGrantStatus in <c>authorization: Bearer</c> metadata); its id part names the
/// cluster grain, which checks the secret and the session.
/// </summary>
internal sealed class AgentGrpcService(
    IGrainFactory grains,
    AgentNatsCredentials natsCredentials,
    IOptions<EdgeOptions> edge,
    IOptions<MeshNatsOptions> nats,
    IOptions<ControlPlaneOptions> controlPlane,
    EdgeMetrics metrics) : AgentService.AgentServiceBase
{
    public override async Task<RegisterResponse> Register(RegisterRequest request, ServerCallContext context)
    {
        var (clusterId, hash) = ParseToken(request.RegistrationToken);
        if (!MeshIdentifiers.IsValid(request.ReplicaId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"replica_id must be 1-{MeshIdentifiers.MaxLength} characters of [a-z0-9-]"));
        }

        // Checked before the grain is called, so a bad key stores nothing.
        var natsKey = natsCredentials.Enabled ? ValidNatsKey(request.NatsPublicKey) : string.Empty;
        var registration = Unwrap(await grains.GetGrain<IClusterGrain>(clusterId)
            .RegisterAgentAsync(hash, request.ReplicaId, Bounded(request.AgentVersion), Bounded(request.KubernetesVersion), natsKey));
        var response = new RegisterResponse
        {
            ClusterId = clusterId,
            SessionId = registration.SessionId,
            NatsSubject = registration.Subject,
            NatsQueueGroup = registration.QueueGroup,
            CheckInIntervalSeconds = (uint)Math.Max(1, registration.CheckInInterval.TotalSeconds),
        };
        response.NatsUrls.AddRange(edge.Value.AgentNatsUrls.Count > 0 ? edge.Value.AgentNatsUrls : nats.Value.Url.Split(',', StringSplitOptions.TrimEntries));
        if (natsCredentials.Enabled)
        {
            var credential = natsCredentials.Issue(clusterId, request.ReplicaId, natsKey);
            response.NatsCredential = credential.Jwt;
            response.NatsCredentialExpiresAt = credential.ExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null;
        }

        return response;
    }

    public override async Task<NatsCredential> RenewNatsCredential(RenewNatsCredentialRequest request, ServerCallContext context)
    {
        var (clusterId, hash) = ParseToken(SecretToken.Bearer(context.RequestHeaders.GetValue("authorization")));
        if (!natsCredentials.Enabled)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "this control plane issues no NATS credentials (development mode)"));
        }

        var natsKey = Unwrap(await grains.GetGrain<IClusterGrain>(clusterId).NatsKeyOfSessionAsync(hash, request.SessionId, request.ReplicaId));
        var credential = natsCredentials.Issue(clusterId, request.ReplicaId, natsKey);
        return new NatsCredential
        {
            Jwt = credential.Jwt,
            ExpiresAt = credential.ExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null,
        };
    }

    public override async Task<CheckInResponse> CheckIn(CheckInRequest request, ServerCallContext context)
    {
        var (clusterId, hash) = ParseToken(SecretToken.Bearer(context.RequestHeaders.GetValue("authorization")));
        var desired = Unwrap(await grains.GetGrain<IClusterGrain>(clusterId)
            .CheckInAsync(hash, request.SessionId, request.ReplicaId, request.OpenStreams));
        metrics.CheckedIn(clusterId);
        var response = new CheckInResponse
        {
            GrantsVersion = (ulong)desired.Version,
            NextCheckInSeconds = (uint)Math.Max(1, controlPlane.Value.CheckInInterval.TotalSeconds),
        };
        response.Grants.AddRange(desired.Grants.Select(g => new DesiredGrant
        {
            GrantId = g.Id,
            KubernetesUser = g.UserEmail,
            KubernetesUid = g.AnkraUserId,
            Role = g.Role,
            Scope = g.Scope == AccessVocabulary.ScopeCluster ? GrantScope.Cluster : GrantScope.Namespace,
            Namespace = g.Namespace ?? string.Empty,
        }));
        return response;
    }

    public override async Task<ReportGrantStatusResponse> ReportGrantStatus(ReportGrantStatusRequest request, ServerCallContext context)
    {
        var (clusterId, hash) = ParseToken(SecretToken.Bearer(context.RequestHeaders.GetValue("authorization")));
        if (request.Statuses.Any(s => s.State == GrantReconcileState.Unspecified || !MeshIdentifiers.IsValid(s.GrantId)))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "every status needs a grant_id and a state (applied or failed)"));
        }

        var reports = request.Statuses.Select(s => new GrantReport
        {
            GrantId = s.GrantId,
            Applied = s.State == GrantReconcileState.Applied,
            Error = string.IsNullOrEmpty(s.Error) ? null : Bounded(s.Error, 1024),
            ReconciledAt = s.ReconciledAt?.ToDateTimeOffset() ?? DateTimeOffset.UtcNow,
            GrantsVersion = (long)request.GrantsVersion,
        }).ToList();
        var accepted = Unwrap(await grains.GetGrain<IClusterGrain>(clusterId).ReportGrantStatusAsync(hash, request.SessionId, request.ReplicaId, reports));
        return new ReportGrantStatusResponse { Accepted = (uint)accepted };
    }

    private static (string ClusterId, string Hash) ParseToken(string? token) =>
        SecretToken.TryParse(SecretToken.AgentPrefix, token, out var clusterId, out var hash)
            ? (clusterId, hash)
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "Missing or malformed agent registration token"));

    private static string ValidNatsKey(string key) =>
        NatsUserKeys.IsValidPublicKey(key)
            ? key
            : throw new RpcException(new Status(StatusCode.InvalidArgument, string.IsNullOrEmpty(key)
                ? "nats_public_key is required: this control plane issues per-agent NATS credentials (upgrade the agent)"
                : "nats_public_key must be the public nkey of a NATS user key pair (56 characters starting with \"U\")"));

    private static T Unwrap<T>(Outcome<T> outcome) => outcome.Error switch
    {
        ControlPlaneError.None => outcome.Value!,
        ControlPlaneError.Unauthenticated => throw new RpcException(new Status(StatusCode.Unauthenticated, outcome.Message)),
        ControlPlaneError.Fenced => throw new RpcException(new Status(StatusCode.FailedPrecondition, outcome.Message)),
        ControlPlaneError.Invalid => throw new RpcException(new Status(StatusCode.InvalidArgument, outcome.Message)),
        _ => throw new RpcException(new Status(StatusCode.Internal, outcome.Message)),
    };

    private static string Bounded(string value, int max = 128) => value.Length > max ? value[..max] : value;
}
