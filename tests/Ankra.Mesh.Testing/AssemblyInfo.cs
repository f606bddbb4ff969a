using System.Runtime.Versioning;

// The fixtures start Linux programs (nats-server, PostgreSQL via setpriv, kubectl) and set POSIX file modes.
[assembly: SupportedOSPlatform("linux")]
