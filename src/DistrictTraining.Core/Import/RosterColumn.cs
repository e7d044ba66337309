namespace DistrictTraining.Core.Import;

/// <summary>What a column of a commune list holds.</summary>
public enum RosterField
{
    SequenceNumber = 1,
    FullName,
    FamilyAndMiddleName,
    MiddleName,
    GivenName,
    DateOfBirth,

    /// <summary>"Nam" under a birth-date or sex header: a filled cell means male (and holds the birth date, if any).</summary>
    MaleColumn,

    /// <summary>"Nữ" under a birth-date or sex header: a filled cell means female (and holds the birth date, if any).</summary>
    FemaleColumn,

    BirthDay,
    BirthMonth,
    BirthYear,
    Sex,
    Cccd,
    Ethnicity,
    Religion,
    Education,
    Qualification,
    Position,
    UnitName,

    /// <summary>"Chức vụ, đơn vị công tác" in one column: split at the last comma.</summary>
    PositionAndUnit,

    PartyStatus,
    PartyJoinDate,
    PartyOfficialDate,
    PoliticalTheoryLevel,
    Note,
}

/// <summary>A recognised column of the sheet.</summary>
/// <param name="ColumnNumber">1-based (A = 1).</param>
/// <param name="ColumnLetter">"A", "B", … "AA".</param>
/// <param name="HeaderText">The header as written, with the sub-header after " / " for a two-row header.</param>
/// <param name="Field">What the column was mapped to.</param>
/// <param name="Label">A Vietnamese label of <paramref name="Field"/> for a preview header.</param>
public sealed record RosterColumn(int ColumnNumber, string ColumnLetter, string HeaderText, RosterField Field, string Label);
