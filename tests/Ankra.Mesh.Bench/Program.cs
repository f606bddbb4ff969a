using Ankra.Mesh.Bench;
using Ankra.Mesh.Bench.Chain;
using Ankra.Mesh.Bench.Chaos;

// `agent …` runs a tunnel agent process (the tunnel tests start it); `chain`/`watches` are the whole-stack
// benchmarks; `plugin` times the credential plugin; anything else (or `tunnel`) is the tunnel-only benchmark,
// whose last argument is the round count.
return args.FirstOrDefault() switch
{
    "agent" => await AgentProcess.RunAsync(args[1..]),
    "chain" => await ChainBenchmark.RunAsync(args[1..]),
    "watches" => await WatchesBenchmark.RunAsync(args[1..]),
    "plugin" => await PluginBenchmark.RunAsync(args[1..]),
    "chaos" => await ChaosCommand.RunAsync(args[1..]),
    "tunnel" => await TunnelBenchmark.RunAsync(args[1..]),
    _ => await TunnelBenchmark.RunAsync(args),
};
