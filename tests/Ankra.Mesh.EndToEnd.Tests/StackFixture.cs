using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>One running stack for a test class; stopped (every process by id) when the class is done.</summary>
public class StackFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-e2e-").FullName;

    public MeshStack Stack { get; private set; } = null!;

    protected virtual MeshStackOptions Options(string directory) => new() { Directory = directory };

    public virtual async Task InitializeAsync() => Stack = await MeshStack.StartAsync(Options(_directory));

    public virtual async Task DisposeAsync()
    {
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }
}
