namespace Ankra.Mesh.KubeSim.Tests.Kubectl;

/// <summary>The kubectl versions the suite drives: the full set on the newest, a representative subset on the older ones.</summary>
public static class KubectlVersions
{
    public const string Newest = "1.33";

    public static TheoryData<string> All => new("1.27", "1.30", "1.33");
}
