using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Storage;

/// <summary>One page of a list: the items, the store's resourceVersion, and the key to continue after.</summary>
internal sealed record ListPage(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? ContinueAfter, long RemainingItemCount);
