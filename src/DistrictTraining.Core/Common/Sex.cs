namespace DistrictTraining.Core.Common;

public enum Sex
{
    Male = 1,
    Female = 2,
}
