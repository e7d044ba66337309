namespace DistrictTraining.Core.Common;

/// <summary>A business rule refused an action; the message is Vietnamese and shown to the user.</summary>
public class DomainException(string message) : Exception(message);
