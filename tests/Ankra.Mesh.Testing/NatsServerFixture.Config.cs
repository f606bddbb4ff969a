using System.Text;

namespace Ankra.Mesh.Testing;

/// <summary>The nats-server configuration file the fixture writes before every start.</summary>
public sealed partial class NatsServerFixture
{
    private string Config()
    {
        var config = new StringBuilder();
        Line(config, $"""
            # Written by NatsServerFixture for one test run.
            listen: "127.0.0.1:{Port}"
            http: "127.0.0.1:{MonitorPort}"
            max_payload: {MaxPayload}
            # Slow consumers are cut rather than buffered without bound; tests assert none occur.
            write_deadline: "10s"
            """);

        if (Tls is not null)
        {
            // The TLS handshake must finish within `timeout` seconds; a busy 2-core test machine needs more than the 2 s default.
            Line(config, $$"""
                tls {
                  cert_file: "{{Tls.CertificatePath}}"
                  key_file: "{{Tls.KeyPath}}"
                  timeout: 10
                }
                # Operator mode: the operator JWT, the system account and the accounts (NatsKeySet.WriteTo).
                include "keys/auth.conf"
                """);
        }

        if (WebSocketPort != 0)
        {
            Line(config, $"websocket {{\n  listen: \"127.0.0.1:{WebSocketPort}\"\n  handshake_timeout: \"10s\"");
            Line(config, Tls is null
                ? "  no_tls: true"
                : $"  tls {{\n    cert_file: \"{Tls.CertificatePath}\"\n    key_file: \"{Tls.KeyPath}\"\n  }}");
            Line(config, "}");
        }

        if (Options.ClusterPort != 0)
        {
            // Routes stay on loopback in tests, so they carry neither TLS nor route credentials.
            var routes = string.Join(", ", Options.Routes.Select(port => $"\"nats-route://127.0.0.1:{port}\""));
            Line(config, $"cluster {{\n  name: \"{Options.ClusterName}\"\n  listen: \"127.0.0.1:{Options.ClusterPort}\"\n  routes: [{routes}]\n}}");
        }

        return config.ToString();
    }

    private static void Line(StringBuilder config, string text) => config.Append(text).Append('\n');
}
