using Ankra.Mesh.Demo;

return await DemoProgram.RunAsync(args);
