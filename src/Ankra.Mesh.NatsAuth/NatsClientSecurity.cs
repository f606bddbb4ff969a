using System.Net.WebSockets;
using Ankra.Mesh.PrivateCa;
using NATS.Client.Core;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// How every mesh process connects to the bus: as a JWT user (operator mode) over TLS that trusts exactly
/// the mesh's CA. One place, so edge, agent, control plane and tests cannot drift apart.
/// </summary>
public static class NatsClientSecurity
{
    /// <summary>
    /// Connects as the user of <paramref name="jwt"/>, proving it with <paramref name="seed"/> (the client signs
    /// the server's nonce; the seed itself is never sent).
    /// </summary>
    public static NatsOpts WithUserCredential(this NatsOpts opts, string jwt, string seed)
    {
        ArgumentNullException.ThrowIfNull(opts);
        ArgumentException.ThrowIfNullOrWhiteSpace(jwt);
        ArgumentException.ThrowIfNullOrWhiteSpace(seed);
        return opts with { AuthOpts = opts.AuthOpts with { Jwt = jwt, Seed = seed } };
    }

    /// <summary>
    /// Connects with the creds file at <paramref name="path"/>, read again at every connect and reconnect:
    /// a credential renewed by rewriting the file is used from the next reconnect on (an expired JWT makes the
    /// server close the connection, so renewing the file before expiry is enough). <c>NatsAuthOpts.CredsFile</c>
    /// would read it once, when the connection is created.
    /// </summary>
    public static NatsOpts WithCredsFile(this NatsOpts opts, string path)
    {
        ArgumentNullException.ThrowIfNull(opts);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        return opts with
        {
            AuthOpts = opts.AuthOpts with { AuthCredCallback = (_, _) => ValueTask.FromResult(NatsAuthCred.FromCredsFile(full)) },
        };
    }

    /// <summary>
    /// Requires TLS and trusts only the CA certificate(s) in <paramref name="caFile"/> (PEM), for <c>tls://</c>
    /// and <c>nats://</c> URLs (the TLS upgrade becomes mandatory) and for <c>wss://</c> URLs; a <c>ws://</c>
    /// URL fails to connect, since it would carry the credentials in plain text. With a null
    /// <paramref name="caFile"/> the options are returned unchanged: the system store decides, and
    /// <c>tls://</c> URLs still require TLS. The file is read now: a missing or empty file fails here, not at
    /// connect time, and a rotated CA needs new options (a bundle of old and new CA bridges the rotation).
    /// </summary>
    /// <remarks>
    /// NATS.Client.Core's own <c>NatsTlsOpts.CaFile</c> (3.3.2) also refuses chains that end elsewhere, but by
    /// rebuilding the platform's chain with unknown roots allowed; this callback builds the chain with only
    /// the pinned roots (<see cref="System.Security.Cryptography.X509Certificates.X509ChainTrustMode.CustomRootTrust"/>),
    /// which is the rule we state and test. The WebSocket transport gets the same callback explicitly rather
    /// than relying on the client copying the TLS callback over.
    /// </remarks>
    public static NatsOpts WithPinnedCa(this NatsOpts opts, string? caFile)
    {
        ArgumentNullException.ThrowIfNull(opts);
        if (caFile is null)
        {
            return opts;
        }

        var validator = PrivateCaTrust.FromFile(caFile);
        return opts with
        {
            TlsOpts = opts.TlsOpts with
            {
                Mode = TlsMode.Require,
                ConfigureClientAuthentication = options =>
                {
                    options.RemoteCertificateValidationCallback = validator.Validate;
                    return ValueTask.CompletedTask;
                },
            },
            WebSocketOpts = opts.WebSocketOpts with
            {
                ConfigureClientWebSocketOptions = (uri, options, _) =>
                {
                    if (!uri.Scheme.Equals("wss", StringComparison.OrdinalIgnoreCase))
                    {
                        throw new WebSocketException($"{uri} is plain-text WebSocket, but a pinned CA requires TLS: use wss://.");
                    }

                    options.RemoteCertificateValidationCallback = validator.Validate;
                    return ValueTask.CompletedTask;
                },
            },
        };
    }
}
