using System.Text.Json.Nodes;

namespace Ankra.Mesh.KubeSim.Resources;

/// <summary>
/// The server-side printing of one kind: the same column names and cell values kubectl shows
/// against a real API server (<c>pkg/printers/internalversion</c>). Kinds are in <c>TableColumns.Kinds.cs</c>.
/// </summary>
internal sealed partial class TableColumns(IReadOnlyList<TableColumn> columns, Func<JsonObject, DateTimeOffset, JsonNode?[]> cells)
{
    public IReadOnlyList<TableColumn> Columns { get; } = columns;

    public JsonArray ColumnDefinitions()
    {
        var array = new JsonArray();
        foreach (var column in Columns)
        {
            array.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["type"] = column.Type,
                ["format"] = column.Format,
                ["description"] = column.Description,
                ["priority"] = column.Priority,
            });
        }

        return array;
    }

    public JsonArray Cells(JsonObject obj, DateTimeOffset now) => new(cells(obj, now));

    private static TableColumn NameColumn() => new("Name", "string", "name", "Name must be unique within a namespace.");

    private static TableColumn AgeColumn() => new("Age", "string", "", "CreationTimestamp is a timestamp representing the server time when this object was created.");

    private static string Name(JsonObject obj) => Json.Str(obj, "metadata.name") ?? string.Empty;

    private static string Age(JsonObject obj, DateTimeOffset now) =>
        HumanDuration.Since(Json.ParseTime(Json.Str(obj, "metadata.creationTimestamp")), now);
}
