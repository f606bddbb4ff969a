using Ankra.Mesh.Edge.Hosting;

// `bootstrap --org NAME --admin-email EMAIL` creates the first organisation and admin (AdoNet mode);
// anything else runs the edge.
if (args.Length > 0 && args[0] == "bootstrap")
{
    return await BootstrapCommand.RunAsync(args[1..]);
}

await EdgeApplication.Build(args).RunAsync();
return 0;
