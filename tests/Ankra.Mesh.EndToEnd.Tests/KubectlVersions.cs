using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests;

/// <summary>The kubectl versions every end-to-end behaviour is checked with.</summary>
public static class KubectlVersions
{
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var version in KubectlBinary.CoveredVersions)
        {
            data.Add(version);
        }

        return data;
    }
}
