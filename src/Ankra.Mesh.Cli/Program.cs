using Ankra.Mesh.Cli;

return await AnkraCli.RunAsync(args);
