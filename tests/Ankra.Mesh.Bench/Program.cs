using Ankra.Mesh.Bench;

return args.FirstOrDefault() switch
{
    "agent" => await AgentProcess.RunAsync(args[1..]),
    "plugin" => await PluginBenchmark.RunAsync(args[1..]),
    _ => await TunnelBenchmark.RunAsync(args),
};
