using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace DistrictTraining.Web.Models;

/// <summary>The class list's GET filter form; its values travel in the query string, pager links included.</summary>
public sealed class ClassListQuery
{
    [Display(Name = "Năm")]
    public int? Year { get; set; }

    [Display(Name = "Chương trình")]
    public int? ProgrammeId { get; set; }

    [Display(Name = "Trạng thái")]
    public ClassStatus? Status { get; set; }

    [Display(Name = "Loại địa điểm")]
    public VenueKind? VenueKind { get; set; }

    [Display(Name = "Tên địa điểm")]
    public string? Venue { get; set; }

    [Display(Name = "Đơn vị có học viên")]
    public int? UnitId { get; set; }

    public int Page { get; set; } = 1;

    public ClassListFilter ToFilter() => new()
    {
        Year = Year, ProgrammeId = ProgrammeId, Status = Status, VenueKind = VenueKind, Venue = Venue, UnitId = UnitId, Page = Page,
    };

    /// <summary>The route values of this filter at another page (empty filters are left out of the link).</summary>
    public object RouteValues(int page) => new { Year, ProgrammeId, Status, VenueKind, Venue, UnitId, page };
}

public sealed record ClassListViewModel(ClassListQuery Query, PagedList<ClassListItem> Classes, ClassListChoices Choices, bool CanEdit);

public sealed class ClassEditViewModel : IValidatableObject
{
    public int? Id { get; set; }

    public Guid? Version { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn chương trình đào tạo."), Display(Name = "Chương trình")]
    public int? ProgrammeId { get; set; }

    [Required, Range(2000, 2100), Display(Name = "Năm")]
    public int? Year { get; set; }

    [Required, Range(1, 999), Display(Name = "Số lớp")]
    public int? Number { get; set; }

    [StringLength(300), Display(Name = "Tên lớp (nếu khác tên chương trình)")]
    public string? Title { get; set; }

    [Display(Name = "Địa điểm")]
    public VenueKind VenueKind { get; set; } = VenueKind.Centre;

    [StringLength(200), Display(Name = "Tên địa điểm")]
    public string? VenueName { get; set; }

    [Display(Name = "Ngày khai giảng")]
    public DateOnly? StartDate { get; set; }

    [Display(Name = "Ngày bế giảng")]
    public DateOnly? EndDate { get; set; }

    [Display(Name = "Kinh phí")]
    public FundingSource Funding { get; set; } = FundingSource.StateBudget;

    [StringLength(200), Display(Name = "Đơn vị phối hợp")]
    public string? Partner { get; set; }

    [Display(Name = "Giảng viên chủ nhiệm")]
    public int? HeadLecturerId { get; set; }

    [StringLength(100), Display(Name = "Cán bộ giáo vụ")]
    public string? AcademicOfficerName { get; set; }

    /// <summary>The dropdowns' choices, filled by the controller; never bound from a post.</summary>
    [BindNever, ValidateNever]
    public ClassFormChoices Choices { get; set; } = new([], []);

    public static ClassEditViewModel From(ClassEdit edit) => new()
    {
        Id = edit.Id,
        Version = edit.Version,
        ProgrammeId = edit.ProgrammeId == 0 ? null : edit.ProgrammeId,
        Year = edit.Year,
        Number = edit.Number,
        Title = edit.Title,
        VenueKind = edit.VenueKind,
        VenueName = edit.VenueName,
        StartDate = edit.StartDate,
        EndDate = edit.EndDate,
        Funding = edit.Funding,
        Partner = edit.Partner,
        HeadLecturerId = edit.HeadLecturerId,
        AcademicOfficerName = edit.AcademicOfficerName,
    };

    public ClassEdit ToEdit() => new()
    {
        Id = Id,
        Version = Version,
        ProgrammeId = ProgrammeId ?? 0,
        Year = Year ?? 0,
        Number = Number ?? 0,
        Title = Title,
        VenueKind = VenueKind,
        VenueName = VenueName,
        StartDate = StartDate,
        EndDate = EndDate,
        Funding = Funding,
        Partner = Partner,
        HeadLecturerId = HeadLecturerId,
        AcademicOfficerName = AcademicOfficerName,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StartDate is { } start && EndDate is { } end && end < start)
        {
            yield return new ValidationResult("Ngày bế giảng phải cùng ngày hoặc sau ngày khai giảng.", [nameof(EndDate)]);
        }

        if (VenueKind != VenueKind.Centre && string.IsNullOrWhiteSpace(VenueName))
        {
            yield return new ValidationResult("Vui lòng nhập tên cụm xã hoặc nơi tham quan.", [nameof(VenueName)]);
        }
    }
}

public sealed class SessionEditViewModel
{
    public int? Id { get; set; }

    public int ClassId { get; set; }

    [Required, Display(Name = "Ngày học")]
    public DateOnly? Date { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn buổi."), Display(Name = "Buổi")]
    public DayPart? Part { get; set; }

    [Required, StringLength(300), Display(Name = "Chuyên đề")]
    public string? Topic { get; set; }

    [Display(Name = "Giảng viên")]
    public int? LecturerId { get; set; }

    [Required, Range(1, TimetableService.MaxPeriods), Display(Name = "Số tiết")]
    public int? Periods { get; set; }

    /// <summary>The class and the lecturers to choose from, filled by the controller; never bound from a post.</summary>
    [BindNever, ValidateNever]
    public SessionFormContext? Context { get; set; }

    public static SessionEditViewModel From(SessionEdit edit) => new()
    {
        Id = edit.Id, ClassId = edit.ClassId, Date = edit.Date, Part = edit.Part, Topic = edit.Topic, LecturerId = edit.LecturerId, Periods = edit.Periods,
    };

    public SessionEdit ToEdit() => new()
    {
        Id = Id,
        ClassId = ClassId,
        Date = Date ?? default,
        Part = Part ?? DayPart.Morning,
        Topic = Topic ?? string.Empty,
        LecturerId = LecturerId,
        Periods = Periods ?? 0,
    };
}
