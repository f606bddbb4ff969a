using Ankra.Mesh.Agent.Hosting;
using Ankra.Mesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeshAgent();

var app = builder.Build();
app.MapMeshDefaultEndpoints();
app.Run();
