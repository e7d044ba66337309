namespace DistrictTraining.Core.Data;

/// <summary>A data-protection key ring element, kept in the database so cookies survive restarts and instances.</summary>
public class DataProtectionKeyRecord
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public string Xml { get; set; } = string.Empty;
}
