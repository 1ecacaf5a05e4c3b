namespace TravelDesk.Data;

/// <summary>One page of users ordered by id, with the total number of users for paging.</summary>
public sealed record UserPage(IReadOnlyList<User> Items, int Page, int PageSize, int TotalCount)
{
    /// <summary>The number of pages at this page size.</summary>
    public int TotalPages => TotalCount == 0 ? 0 : ((TotalCount - 1) / PageSize) + 1;
}
