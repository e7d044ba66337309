namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>
/// Every browser test class carries <c>[Collection(BrowserCollection.Name)]</c>: one Chromium and
/// one shared portal for the run, and (with parallelization off) one test at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SharedPortal>
{
    public const string Name = "Browser";
}
