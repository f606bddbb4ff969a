namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>One kind the simulated server serves, with what discovery, RBAC and the Table output need.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Verbs,
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Subresources,
    TableColumns Table)
{
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Types that are only ever created and answered (access reviews), never stored.</summary>
    public bool IsReview => Verbs.Count == 1 && Verbs[0] == "create";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The <c>resource.group</c> form Kubernetes uses in messages (<c>pods</c>, <c>deployments.apps</c>).</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";
}
