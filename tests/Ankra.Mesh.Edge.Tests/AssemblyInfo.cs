// Collections that start silos and servers run at most two at a time on these shared machines.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]

// Tests run on Linux only (real nats-server, PostgreSQL, Unix signals).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
