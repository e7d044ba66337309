namespace DistrictTraining.Tests.Infrastructure;

/// <summary>The password of every account the tests create, unless a test says otherwise.</summary>
public static class TestPassword
{
    public const string Default = "matkhau123";
}
