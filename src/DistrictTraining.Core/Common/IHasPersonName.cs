namespace DistrictTraining.Core.Common;

/// <summary>An entity with a Vietnamese person name whose search and sort keys are stored beside it.</summary>
public interface IHasPersonName
{
    void RefreshNameKeys();
}
