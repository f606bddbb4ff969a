using System.Runtime.Versioning;

// The CLI's file-permission rules and the real kubectl binaries these tests drive are Linux facts.
[assembly: SupportedOSPlatform("linux")]
