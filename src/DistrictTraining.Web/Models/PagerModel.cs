namespace DistrictTraining.Web.Models;

/// <summary>What the shared _Pager partial needs; <see cref="Url"/> keeps the page's filters in each link.</summary>
public sealed record PagerModel(int Page, int PageCount, int TotalCount, Func<int, string> Url);
