using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Trainees;

/// <summary>What the registry search box and its filters ask for.</summary>
public sealed record TraineeSearch(string? Query = null, int? UnitId = null, int? BirthYear = null, PartyStatus? PartyStatus = null, int Page = 1)
{
    public const int PageSize = 25;
}

public sealed record TraineeListItem(int Id, string FullName, string Sex, string? Birth, string? Cccd, string? UnitName, int ClassCount);

/// <summary>
/// One answer of search-as-you-type (GET /Trainees/Lookup); field names are the JSON the roster page reads.
/// Only the last digits of the CCCD (<see cref="TraineeService.CccdTail"/>), enough to tell namesakes apart.
/// </summary>
public sealed record TraineeLookupItem(int Id, string FullName, string? Birth, string? CccdTail, string? UnitName);

/// <summary>What the new-person form has typed so far, checked as it is typed (POST /Trainees/Check); <see cref="ExceptId"/> is the person being edited.</summary>
public sealed record TraineeCheckInput(
    string? FamilyName, string? MiddleName, string? GivenName, Sex? Sex, string? Birth, string? Cccd, int? UnitId, int? ExceptId = null);

/// <summary>An existing person the form should offer instead of creating a new one; never the whole CCCD.</summary>
public sealed record TraineeMatch(int Id, string FullName, string? Birth, string? CccdTail, string? UnitName, bool SameUnit);

/// <summary>
/// The warnings of <see cref="TraineeService.CheckAsync"/>: the CCCD contradicting the sex or birth year, the person
/// who has the CCCD already, people with the same name and date of birth (same unit first). JSON for the forms' scripts.
/// </summary>
public sealed record TraineeCheck(IReadOnlyList<string> IdentityWarnings, TraineeMatch? CccdOwner, IReadOnlyList<TraineeMatch> SameNameAndBirth);

/// <summary>An organisational unit in a dropdown; <see cref="Current"/> is false for a unit abolished or not yet in force.</summary>
public sealed record UnitChoice(int Id, string Name, bool Current);

public sealed record TraineeDetails(
    int Id,
    string FullName,
    string FamilyName,
    string? MiddleName,
    string GivenName,
    string Sex,
    string? Birth,
    string? Cccd,
    string? Ethnicity,
    string? Religion,
    string? Education,
    string? Qualification,
    string? Position,
    string? UnitName,
    string PartyStatus,
    DateOnly? PartyJoinDate,
    DateOnly? PartyOfficialDate,
    string TheoryLevel,
    string CommitteeRole,
    string? Phone,
    string? Note,
    IReadOnlyList<string> IdentityWarnings,
    IReadOnlyList<TraineeClassLine> Classes,
    IReadOnlyList<TraineeCertificateLine> Certificates,
    IReadOnlyList<TraineeHistoryLine> History);

/// <summary>A class the person was on the roster of: "Bồi dưỡng nhận thức về Đảng, lớp thứ 3/2023".</summary>
public sealed record TraineeClassLine(
    int ClassId,
    string ProgrammeName,
    string NumberLabel,
    string? Title,
    string CentreName,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string ClassStatus,
    string Role,
    bool Withdrawn,
    string? WithdrawalReason,
    decimal? Score,
    decimal? ResitScore,
    string? Grade,
    bool? Completed);

public sealed record TraineeCertificateLine(
    int Id,
    int Year,
    int SerialNumber,
    int RegisterNumber,
    DateOnly IssueDate,
    string Status,
    string ProgrammeName,
    string NumberLabel,
    string? Grade,
    DateOnly? ValidUntil);

/// <summary>One save of the record: who, when (Vietnam time, "HH:mm dd/MM/yyyy"), and each change in words.</summary>
public sealed record TraineeHistoryLine(string When, string Who, string Action, IReadOnlyList<string> Changes);

/// <summary>What an edit form starts from; <see cref="HistoryMark"/> is the last audit line the editor has seen.</summary>
public sealed record TraineeEditData(int Id, string FullName, TraineeInput Input, Guid Version, long HistoryMark);

public sealed record TraineeRef(int Id, string FullName, string? Birth, string? Cccd, string? UnitName);

public sealed record TraineeSaved(int Id, string FullName, IReadOnlyList<string> Warnings);

/// <summary>
/// A create either saved the person, or stopped because people with the same name and date of birth
/// exist and nobody has yet confirmed that this is someone else.
/// </summary>
public sealed record TraineeCreateResult(TraineeSaved? Saved, IReadOnlyList<TraineeRef> PossibleDuplicates);

/// <summary>The CCCD belongs to another trainee already.</summary>
public sealed class DuplicateCccdException(TraineeRef owner, string message) : DomainException(message)
{
    public TraineeRef Owner { get; } = owner;
}

/// <summary>
/// Someone else saved the record after the editor opened it. Nothing was saved; <see cref="Changes"/>
/// says what they changed (their value → the editor's), and the new version lets the editor save again on purpose.
/// </summary>
public sealed class TraineeEditConflictException(string message, IReadOnlyList<string> changes, Guid currentVersion, long historyMark)
    : DomainException(message)
{
    public IReadOnlyList<string> Changes { get; } = changes;

    public Guid CurrentVersion { get; } = currentVersion;

    public long HistoryMark { get; } = historyMark;

    /// <summary>The record as the other person saved it, for the form to show in the fields this user did not change.</summary>
    public TraineeInput? Current { get; init; }
}
