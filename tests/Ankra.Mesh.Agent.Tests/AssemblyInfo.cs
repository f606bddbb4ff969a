using System.Runtime.Versioning;

// The agent's tests drive Linux programs (nats-server, kubectl) through the shared fixtures.
[assembly: SupportedOSPlatform("linux")]
