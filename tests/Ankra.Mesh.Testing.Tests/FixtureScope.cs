namespace Ankra.Mesh.Testing.Tests;

/// <summary>Starts an xunit lifetime fixture inside one test and disposes it when the test ends, pass or fail.</summary>
internal sealed class FixtureScope<T>(T value) : IAsyncDisposable
    where T : IAsyncLifetime
{
    public T Value { get; } = value;

    public Task StartAsync() => Value.InitializeAsync();

    public async ValueTask DisposeAsync() => await Value.DisposeAsync();
}
