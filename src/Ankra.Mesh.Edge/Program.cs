using Ankra.Mesh.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddMeshServiceDefaults();

var app = builder.Build();
app.MapMeshDefaultEndpoints();
app.Run();
