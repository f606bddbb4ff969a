using Ankra.Mesh.Edge.Hosting;

namespace Ankra.Mesh.Edge.Tests.Hosting;

/// <summary>The decision cache's bound is checked at start, naming the setting.</summary>
public sealed class EdgeOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new EdgeOptionsValidator().Validate(null, new EdgeOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000_001)]
    public void Validate_DecisionCacheMaxEntriesOutOfRange_NamesIt(int entries)
    {
        var result = new EdgeOptionsValidator().Validate(null, new EdgeOptions { DecisionCacheMaxEntries = entries });

        Assert.True(result.Failed);
        Assert.Contains("Mesh:Edge:DecisionCacheMaxEntries", result.FailureMessage, StringComparison.Ordinal);
    }
}
