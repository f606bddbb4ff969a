using Ankra.Mesh.Edge.Hosting;

// `bootstrap --org NAME --admin-email EMAIL` creates the first organisation and admin (AdoNet mode);
// `nats-keys --out DIR` generates the NATS operator-mode key set; anything else runs the edge.
if (args.Length > 0 && args[0] == "bootstrap")
{
    return await BootstrapCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "nats-keys")
{
    return NatsKeysCommand.Run(args[1..]);
}

WebApplication app;
try
{
    app = EdgeApplication.Build(args);
}
catch (EdgeConfigurationException exception)
{
    await Console.Error.WriteLineAsync(exception.Message);
    return 2;
}

await app.RunAsync();
return 0;
