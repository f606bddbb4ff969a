namespace Ankra.Mesh.Edge.Api;

/// <summary><c>"pagination": {"page", "total_pages"}</c> of collection answers.</summary>
internal sealed record Pagination(int Page, int TotalPages, int PageSize, int Total)
{
    public static Pagination Single(int count) => new(1, 1, Math.Max(count, 1), count);
}
