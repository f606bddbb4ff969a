using Ankra.Mesh.DevIdp;

var builder = WebApplication.CreateBuilder(args);
builder.AddDevIdp();
var app = builder.Build();
app.MapDevIdp();
await app.RunAsync();
