using Ankra.Mesh.Hosting;
using Ankra.Mesh.Hosting.Silo;
using Ankra.Mesh.ServiceDefaults;

// An Orleans silo hosting the control-plane grains. Production: Mesh:Orleans:Mode=AdoNet with
// Mesh:Orleans:ConnectionString (PostgreSQL); several silos form one cluster.
var builder = WebApplication.CreateBuilder(args);
builder.AddMeshServiceDefaults();
builder.AddMeshSilo();
builder.Services.AddHealthChecks().AddMeshSiloReadiness(builder.Configuration);

var app = builder.Build();
app.MapMeshDefaultEndpoints();
app.Run();
