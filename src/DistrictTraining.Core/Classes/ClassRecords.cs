using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;

namespace DistrictTraining.Core.Classes;

/// <summary>What the class list is filtered by; every field is optional.</summary>
public sealed record ClassListFilter
{
    public int? Year { get; init; }

    public int? ProgrammeId { get; init; }

    public ClassStatus? Status { get; init; }

    public VenueKind? VenueKind { get; init; }

    /// <summary>Part of the venue name, diacritics and case ignored.</summary>
    public string? Venue { get; init; }

    /// <summary>A served unit: see <see cref="ClassService.ListAsync"/> for what "served" means.</summary>
    public int? UnitId { get; init; }

    public int Page { get; init; } = 1;
}

public sealed record ClassListItem(
    int Id,
    string CentreName,
    string ProgrammeName,
    int Year,
    int Number,
    string? Title,
    DateOnly? StartDate,
    DateOnly? EndDate,
    VenueKind VenueKind,
    string? VenueName,
    ClassStatus Status,
    int ActiveTrainees)
{
    public string NumberLabel => ClassLabels.NumberLabel(Number, Year);

    public string StatusName => TrainingClass.StatusName(Status);

    public string VenueKindName => ClassLabels.VenueKindName(VenueKind);
}

/// <summary>The choices of the list's filter form.</summary>
public sealed record ClassListChoices(IReadOnlyList<int> Years, IReadOnlyList<Choice> Programmes, IReadOnlyList<Choice> Units, bool ShowCentre);

public sealed record SessionRow(int Id, DateOnly Date, DayPart Part, string Topic, string? LecturerName, int Periods)
{
    public string PartName => ClassLabels.DayPartName(Part);
}

public sealed record ClassDetails(
    int Id,
    string CentreName,
    int MinimumClassSize,
    string ProgrammeName,
    int Year,
    int Number,
    string? Title,
    VenueKind VenueKind,
    string? VenueName,
    DateOnly? StartDate,
    DateOnly? EndDate,
    ClassStatus Status,
    string? CancellationReason,
    FundingSource Funding,
    string? Partner,
    string? HeadLecturerName,
    string? AcademicOfficerName,
    int ActiveTrainees,
    bool CanEdit)
{
    public IReadOnlyList<SessionRow> Sessions { get; init; } = [];

    public string NumberLabel => ClassLabels.NumberLabel(Number, Year);

    public string ClassName => ClassLabels.ClassName(ProgrammeName, Title, Number, Year);

    public string StatusName => TrainingClass.StatusName(Status);

    public int TotalPeriods => Sessions.Sum(s => s.Periods);

    /// <summary>The norm is a warning, never a block: a small class may still run.</summary>
    public bool IsBelowMinimumSize => Status != ClassStatus.Cancelled && ActiveTrainees < MinimumClassSize;

    /// <summary>The statuses this class may move to now, by <see cref="TrainingClass.CanMove"/>.</summary>
    public IReadOnlyList<ClassStatus> NextStatuses =>
        Enum.GetValues<ClassStatus>().Where(s => TrainingClass.CanMove(Status, s)).ToList();
}

/// <summary>The fields of the class form; <see cref="Id"/> is null for a new class.</summary>
public sealed record ClassEdit
{
    public int? Id { get; init; }

    public Guid? Version { get; init; }

    public int ProgrammeId { get; init; }

    public int Year { get; init; }

    public int Number { get; init; }

    public string? Title { get; init; }

    public VenueKind VenueKind { get; init; } = VenueKind.Centre;

    public string? VenueName { get; init; }

    public DateOnly? StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public FundingSource Funding { get; init; } = FundingSource.StateBudget;

    public string? Partner { get; init; }

    public int? HeadLecturerId { get; init; }

    public string? AcademicOfficerName { get; init; }
}

public sealed record ClassFormChoices(IReadOnlyList<Choice> Programmes, IReadOnlyList<Choice> Lecturers);

/// <summary>A field another user saved differently while this user was editing: its label and the saved value.</summary>
public sealed record FieldDifference(string Field, string Label, string TheirValue);

/// <summary>Someone saved the class after this user opened the form; what they saved is listed.</summary>
public sealed class ClassEditConflictException(IReadOnlyList<FieldDifference> differences, Guid currentVersion)
    : DomainException(Describe(differences))
{
    public IReadOnlyList<FieldDifference> Differences { get; } = differences;

    /// <summary>The version now in the database: a form that carries it may overwrite on purpose.</summary>
    public Guid CurrentVersion { get; } = currentVersion;

    private static string Describe(IReadOnlyList<FieldDifference> differences)
    {
        var what = differences.Count == 0
            ? ""
            : " Nội dung người đó đã lưu: " + string.Join("; ", differences.Select(d => $"{d.Label}: {d.TheirValue}")) + ".";
        return "Lớp học này vừa được người khác cập nhật trong lúc bạn đang sửa." + what
            + " Nội dung bạn nhập vẫn được giữ trên biểu mẫu; kiểm tra lại rồi bấm Lưu để ghi đè.";
    }
}

/// <summary>The fields of the session form; <see cref="Id"/> is null for a new session.</summary>
public sealed record SessionEdit
{
    public int? Id { get; init; }

    public int ClassId { get; init; }

    public DateOnly Date { get; init; }

    public DayPart Part { get; init; } = DayPart.Morning;

    public string Topic { get; init; } = string.Empty;

    public int? LecturerId { get; init; }

    public int Periods { get; init; } = 4;
}

/// <summary>What the session form shows around its fields: the class, its dates, the lecturers to choose from.</summary>
public sealed record SessionFormContext(int ClassId, string ClassName, DateOnly? StartDate, DateOnly? EndDate, IReadOnlyList<Choice> Lecturers);
