using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Hosting.Silo;

// The edge and a silo holding the grains in one process: `dotnet run --project src/Ankra.Mesh.Standalone`.
// Embedded by default (localhost clustering, memory storage, a loud "nothing is durable" warning).
await EdgeApplication.Build(args, coHostSilo: builder => builder.AddMeshSilo()).RunAsync();
