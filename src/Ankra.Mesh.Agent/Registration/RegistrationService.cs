using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Diagnostics;
using Ankra.Mesh.Agent.Grants;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.NatsAuth;
using Grpc.Core;
using k8s;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Registration;

/// <summary>
/// Keeps this replica registered: registers (jittered backoff on failure), checks in on the interval the
/// control plane gives, reconciles grants when their version changes (and periodically, to repair drift),
/// reports their status, and registers again when the control plane fences the session.
/// A failing check-in alone does not end the session: streams keep flowing over NATS while the edge restarts.
/// Once the process is stopping (SIGTERM) it never registers again: while its streams drain, the replacement
/// pod may register under the same replica id, and the newer registration must win.
/// </summary>
internal sealed class RegistrationService(
    EdgeClientFactory edges,
    RegistrationToken token,
    ReplicaIdentity identity,
    AgentSessionState state,
    GrantReconciler reconciler,
    ReconcilerLeadership leadership,
    ApiServerConnection apiServer,
    AgentMetrics metrics,
    CheckInSignal checkInSignal,
    IOptions<AgentOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<RegistrationService> logger) : BackgroundService
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan DriftRepairInterval = TimeSpan.FromSeconds(60);

    private readonly JitteredBackoff _backoff = new(options.Value.MinReconnectDelay, options.Value.MaxReconnectDelay);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = edges.Create();
        var kubernetesVersion = await ReadKubernetesVersionAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                AgentLog.NotRegisteringWhileStopping(logger);
                return;
            }

            try
            {
                var session = await RegisterAsync(client, kubernetesVersion, stoppingToken);
                state.Set(session);
                _backoff.Reset();
                await CheckInUntilFencedAsync(client, session, stoppingToken);
                // While stopping, a fenced session keeps serving what it holds until the drain ends.
                if (!lifetime.ApplicationStopping.IsCancellationRequested)
                {
                    state.Set(null);
                }
            }
            catch (RpcException exception) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = _backoff.Next();
                metrics.Registration(exception.StatusCode.ToString());
                if (exception.StatusCode is StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                {
                    AgentLog.RegistrationTokenRejected(logger, exception.Status.Detail, delay);
                }
                else
                {
                    AgentLog.RegistrationFailed(logger, exception.StatusCode.ToString(), exception.Status.Detail, delay);
                }

                await Task.Delay(delay, stoppingToken);
            }
        }
    }

    private async Task<AgentSession> RegisterAsync(AgentService.AgentServiceClient client, string kubernetesVersion, CancellationToken cancellationToken)
    {
        // A new key pair for every registration: the control plane refuses a key it has seen, and a key
        // that leaked with an old session dies with it. Only the public half is sent.
        string publicKey, seed;
        using (var key = NatsUserKeys.Create())
        {
            (publicKey, seed) = (key.PublicKey, key.Seed);
        }

        var response = await client.RegisterAsync(new RegisterRequest
        {
            RegistrationToken = token.Read(),
            ReplicaId = identity.ReplicaId,
            AgentVersion = ReplicaIdentity.AgentVersion,
            KubernetesVersion = kubernetesVersion,
            NatsPublicKey = publicKey,
        }, deadline: DateTime.UtcNow + CallDeadline, cancellationToken: cancellationToken);

        metrics.Registration("ok", response.ClusterId);
        AgentLog.Registered(logger, identity.ReplicaId, response.ClusterId, response.SessionId, response.NatsSubject);
        AgentNatsCredential? credential = null;
        if (string.IsNullOrEmpty(response.NatsCredential))
        {
            AgentLog.NoNatsCredential(logger);
        }
        else
        {
            credential = new AgentNatsCredential(response.NatsCredential, seed, DateTimeOffset.UtcNow, response.NatsCredentialExpiresAt?.ToDateTimeOffset());
        }

        return new AgentSession(response.ClusterId, response.SessionId, response.NatsSubject, response.NatsQueueGroup,
            [.. response.NatsUrls], TimeSpan.FromSeconds(Math.Max(1, response.CheckInIntervalSeconds)), credential);
    }

    /// <summary>
    /// Renews the session's NATS credential once it is half-way through its life. Returns the session
    /// with the new credential, or the same session when nothing was due or the edge could not be reached
    /// (the next loop tries again; the old credential stays valid meanwhile).
    /// </summary>
    private async Task<AgentSession> RenewIfDueAsync(AgentService.AgentServiceClient client, AgentSession session, CancellationToken cancellationToken)
    {
        if (session.NatsCredential?.RenewAt is not { } renewAt || DateTimeOffset.UtcNow < renewAt)
        {
            return session;
        }

        try
        {
            var renewed = await client.RenewNatsCredentialAsync(new RenewNatsCredentialRequest { SessionId = session.SessionId, ReplicaId = identity.ReplicaId },
                token.Headers(), DateTime.UtcNow + CallDeadline, cancellationToken);
            var credential = session.NatsCredential with
            {
                Jwt = renewed.Jwt,
                ReceivedAt = DateTimeOffset.UtcNow,
                ExpiresAt = renewed.ExpiresAt?.ToDateTimeOffset(),
            };
            AgentLog.NatsCredentialRenewed(logger, session.SessionId, credential.ExpiresAt);
            var next = session with { NatsCredential = credential };
            state.Set(next);
            return next;
        }
        catch (RpcException exception) when (exception.StatusCode is not (StatusCode.FailedPrecondition or StatusCode.NotFound
            or StatusCode.Unauthenticated or StatusCode.PermissionDenied) && !cancellationToken.IsCancellationRequested)
        {
            AgentLog.NatsCredentialRenewalFailed(logger, exception.StatusCode.ToString(), exception.Status.Detail, session.NatsCredential.ExpiresAt);
            return session;
        }
    }

    /// <summary>How long to wait before the next check-in: the interval, or less when the credential's renewal is due sooner.</summary>
    private static TimeSpan Until(TimeSpan delay, AgentSession session)
    {
        if (session.NatsCredential?.RenewAt is not { } renewAt)
        {
            return delay;
        }

        var untilRenewal = renewAt - DateTimeOffset.UtcNow;
        return untilRenewal < delay ? TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, untilRenewal.Ticks)) : delay;
    }

    private async Task CheckInUntilFencedAsync(AgentService.AgentServiceClient client, AgentSession registered, CancellationToken cancellationToken)
    {
        var session = registered;
        ulong reconciledVersion = 0;
        var reconciledTerm = -1;
        var lastReconcile = DateTimeOffset.MinValue;
        var failures = new JitteredBackoff(options.Value.MinReconnectDelay, session.CheckInInterval);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay;
            try
            {
                session = await RenewIfDueAsync(client, session, cancellationToken);
                var response = await client.CheckInAsync(new CheckInRequest
                {
                    SessionId = session.SessionId,
                    ReplicaId = identity.ReplicaId,
                }, token.Headers(), DateTime.UtcNow + CallDeadline, cancellationToken);
                state.RecordCheckIn(DateTimeOffset.UtcNow);
                failures.Reset();

                // Only the lease holder writes RBAC; a replica that just became leader reconciles at once.
                var term = leadership.Term;
                if (leadership.IsLeader
                    && (response.GrantsVersion != reconciledVersion || term != reconciledTerm || DateTimeOffset.UtcNow - lastReconcile > DriftRepairInterval))
                {
                    if (await ReconcileAndReportAsync(client, session, response, cancellationToken))
                    {
                        reconciledVersion = response.GrantsVersion;
                        reconciledTerm = term;
                        lastReconcile = DateTimeOffset.UtcNow;
                    }
                }

                delay = response.NextCheckInSeconds > 0 ? TimeSpan.FromSeconds(response.NextCheckInSeconds) : session.CheckInInterval;
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.FailedPrecondition or StatusCode.NotFound
                or StatusCode.Unauthenticated or StatusCode.PermissionDenied)
            {
                AgentLog.SessionFenced(logger, session.SessionId, exception.Status.Detail);
                return;
            }
            catch (RpcException exception) when (!cancellationToken.IsCancellationRequested)
            {
                metrics.CheckInFailed();
                delay = failures.Next();
                AgentLog.CheckInFailed(logger, exception.StatusCode.ToString(), exception.Status.Detail, delay);
            }

            await checkInSignal.WaitAsync(Until(delay, session), cancellationToken);
        }
    }

    private async Task<bool> ReconcileAndReportAsync(
        AgentService.AgentServiceClient client, AgentSession session, CheckInResponse response, CancellationToken cancellationToken)
    {
        IReadOnlyList<GrantStatus> statuses;
        try
        {
            statuses = await reconciler.ReconcileAsync(response.Grants, cancellationToken);
        }
        catch (Exception exception) when (exception is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            AgentLog.ReconcileFailed(logger, exception);
            return false;
        }

        foreach (var status in statuses)
        {
            metrics.GrantReconciled(status.State.ToString());
        }

        var report = new ReportGrantStatusRequest { SessionId = session.SessionId, ReplicaId = identity.ReplicaId, GrantsVersion = response.GrantsVersion };
        report.Statuses.AddRange(statuses);
        await client.ReportGrantStatusAsync(report, token.Headers(), DateTime.UtcNow + CallDeadline, cancellationToken);
        return true;
    }

    private async Task<string> ReadKubernetesVersionAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await apiServer.Client.Version.GetCodeAsync(cancellationToken)).GitVersion ?? "";
        }
        catch (Exception exception) when (exception is k8s.Autorest.HttpOperationException or HttpRequestException)
        {
            AgentLog.VersionUnavailable(logger, exception);
            return "";
        }
    }
}
