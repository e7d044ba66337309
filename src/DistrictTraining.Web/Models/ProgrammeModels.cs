using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace DistrictTraining.Web.Models;

public sealed class ProgrammeEditViewModel : IValidatableObject
{
    /// <summary>Blank grade-band rows offered under the filled ones, for new bands.</summary>
    public const int BlankBandRows = 2;

    public int? Id { get; set; }

    [StringLength(32), Display(Name = "Mã chương trình")]
    public string? Code { get; set; }

    [Required, StringLength(300), Display(Name = "Tên chương trình")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Nhóm chương trình")]
    public ProgrammeKind Kind { get; set; } = ProgrammeKind.Other;

    [StringLength(500), Display(Name = "Đối tượng")]
    public string? TargetAudience { get; set; }

    [Range(1, 1000), Display(Name = "Số ngày học thường lệ")]
    public int? TypicalDays { get; set; }

    [Range(1, 500), Display(Name = "Số chuyên đề")]
    public int? TopicCount { get; set; }

    [Display(Name = "Hình thức đánh giá")]
    public AssessmentKind Assessment { get; set; } = AssessmentKind.AttendanceOnly;

    [Display(Name = "Văn bằng, chứng nhận")]
    public CertificateKind Certificate { get; set; } = CertificateKind.Certificate;

    [Required, Range(0, 100), Display(Name = "Tỷ lệ chuyên cần tối thiểu (%)")]
    [ModelBinder(typeof(DecimalModelBinder))]
    public decimal? AttendanceThresholdPercent { get; set; } = 80m;

    [Required, Range(0, 10), Display(Name = "Điểm đạt")]
    [ModelBinder(typeof(DecimalModelBinder))]
    public decimal? PassScore { get; set; } = 5.0m;

    [Range(1, 1200), Display(Name = "Thời hạn giá trị (tháng)")]
    public int? ValidityMonths { get; set; }

    [Display(Name = "Đang sử dụng")]
    public bool IsActive { get; set; } = true;

    public List<GradeBandRow> GradeBands { get; set; } = [];

    public static ProgrammeEditViewModel From(ProgrammeRules p) => new()
    {
        Id = p.Id, Code = p.Code, Name = p.Name, Kind = p.Kind, TargetAudience = p.TargetAudience, TypicalDays = p.TypicalDays,
        TopicCount = p.TopicCount, Assessment = p.Assessment, Certificate = p.Certificate,
        AttendanceThresholdPercent = p.AttendanceThresholdPercent, PassScore = p.PassScore, ValidityMonths = p.ValidityMonths,
        IsActive = p.IsActive, GradeBands = p.GradeBands.Select(b => new GradeBandRow { MinScore = b.MinScore, Name = b.Name }).ToList(),
    };

    /// <summary>The rules to save; rows left blank are not bands.</summary>
    public ProgrammeRules ToRules() => new(
        Id, Code ?? "", Name, Kind, TargetAudience, TypicalDays, TopicCount, Assessment, Certificate,
        AttendanceThresholdPercent ?? 0, PassScore ?? 0, ValidityMonths, IsActive,
        GradeBands.Where(b => !b.IsBlank).Select(b => new GradeBandRule(b.MinScore ?? 0, b.Name ?? "")).ToList());

    /// <summary>Adds blank rows for new bands after what is filled.</summary>
    public ProgrammeEditViewModel WithBlankRows()
    {
        while (GradeBands.Count(b => b.IsBlank) < BlankBandRows)
        {
            GradeBands.Add(new GradeBandRow());
        }

        return this;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Id is null && string.IsNullOrWhiteSpace(Code))
        {
            yield return new ValidationResult("Vui lòng nhập Mã chương trình.", [nameof(Code)]);
        }

        for (var i = 0; i < GradeBands.Count; i++)
        {
            var band = GradeBands[i];
            if (band.MinScore is null && !string.IsNullOrWhiteSpace(band.Name))
            {
                yield return new ValidationResult($"Vui lòng nhập điểm tối thiểu của xếp loại “{band.Name.Trim()}”.", [$"GradeBands[{i}].MinScore"]);
            }
        }
    }
}

public sealed class GradeBandRow
{
    [Range(0, 10), Display(Name = "Điểm tối thiểu")]
    [ModelBinder(typeof(DecimalModelBinder))]
    public decimal? MinScore { get; set; }

    [StringLength(50), Display(Name = "Tên xếp loại")]
    public string? Name { get; set; }

    public bool IsBlank => MinScore is null && string.IsNullOrWhiteSpace(Name);
}

public sealed class CentreSettingsViewModel
{
    [Required, StringLength(200), Display(Name = "Tên trung tâm")]
    public string Name { get; set; } = string.Empty;

    [StringLength(200), Display(Name = "Cơ quan cấp trên (dòng in trên tên trung tâm)")]
    public string? ParentBodyName { get; set; }

    [Display(Name = "Đơn vị chủ quản")]
    public int? HostUnitId { get; set; }

    [StringLength(100), Display(Name = "Địa danh ghi trên văn bản")]
    public string? PlaceName { get; set; }

    [StringLength(100), Display(Name = "Giám đốc")]
    public string? DirectorName { get; set; }

    [StringLength(300), Display(Name = "Địa chỉ")]
    public string? Address { get; set; }

    [Range(1, 1000), Display(Name = "Sĩ số tối thiểu của lớp")]
    public int MinimumClassSize { get; set; } = 25;

    [StringLength(200), Display(Name = "Địa chỉ công khai của cổng (in trong mã QR tra cứu)")]
    public string? PublicBaseUrl { get; set; }
}
