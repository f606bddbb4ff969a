using Ankra.Mesh.Bench;

return args.Length > 0 && args[0] == "agent"
    ? await AgentProcess.RunAsync(args[1..])
    : await TunnelBenchmark.RunAsync(args);
