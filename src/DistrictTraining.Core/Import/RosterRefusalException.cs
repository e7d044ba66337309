namespace DistrictTraining.Core.Import;

/// <summary>Unwinds the reader to <see cref="RosterWorkbookReader.Read"/> with a refusal; never escapes it.</summary>
internal sealed class RosterRefusalException(RosterRefusal refusal, string message) : Exception(message)
{
    public RosterRefusal Refusal { get; } = refusal;
}
