using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DistrictTraining.Web.Models;

/// <summary>The registry page: the search box, its filters, and one page of results.</summary>
public sealed class TraineeIndexViewModel
{
    public string? Q { get; set; }

    public int? UnitId { get; set; }

    public int? BirthYear { get; set; }

    public PartyStatus? PartyStatus { get; set; }

    public int Page { get; set; } = 1;

    [BindNever]
    public PagedList<TraineeListItem> Results { get; set; } = new([], 1, TraineeSearch.PageSize, 0);

    [BindNever]
    public IReadOnlyList<UnitChoice> Units { get; set; } = [];

    /// <summary>Digits typed that are not a whole CCCD: searched as a name, so say how to search by CCCD.</summary>
    public bool PartialCccd => Q is { } q && q.Any(char.IsAsciiDigit) && q.All(c => char.IsAsciiDigit(c) || char.IsWhiteSpace(c) || c is '.' or '-')
        && !TraineeInputParser.LooksLikeCccd(q, out _);
}

/// <summary>The create/edit form of one person. Field names match <see cref="TraineeInput"/>, so the service's field errors land on them.</summary>
public sealed class TraineeEditViewModel
{
    public int? Id { get; set; }

    [Required, StringLength(50), Display(Name = "Họ")]
    public string FamilyName { get; set; } = string.Empty;

    [StringLength(100), Display(Name = "Tên đệm")]
    public string? MiddleName { get; set; }

    [Required, StringLength(50), Display(Name = "Tên")]
    public string GivenName { get; set; } = string.Empty;

    [Display(Name = "Giới tính")]
    public Sex? Sex { get; set; }

    [StringLength(20), Display(Name = "Ngày sinh")]
    public string? Birth { get; set; }

    [StringLength(20), Display(Name = "Số CCCD")]
    public string? Cccd { get; set; }

    [StringLength(50), Display(Name = "Dân tộc")]
    public string? Ethnicity { get; set; }

    [StringLength(50), Display(Name = "Tôn giáo")]
    public string? Religion { get; set; }

    [StringLength(50), Display(Name = "Trình độ văn hóa")]
    public string? Education { get; set; }

    [StringLength(200), Display(Name = "Trình độ chuyên môn")]
    public string? Qualification { get; set; }

    [StringLength(200), Display(Name = "Chức vụ")]
    public string? Position { get; set; }

    [Display(Name = "Đơn vị")]
    public int? UnitId { get; set; }

    [Display(Name = "Đảng viên")]
    public PartyStatus PartyStatus { get; set; }

    [Display(Name = "Ngày vào Đảng")]
    public DateOnly? PartyJoinDate { get; set; }

    [Display(Name = "Ngày chính thức")]
    public DateOnly? PartyOfficialDate { get; set; }

    [Display(Name = "Trình độ lý luận chính trị")]
    public TheoryLevel TheoryLevel { get; set; }

    [Display(Name = "Chức vụ trong cấp ủy")]
    public CommitteeRole CommitteeRole { get; set; }

    [StringLength(20), Display(Name = "Điện thoại")]
    [RegularExpression(@"^[0-9 +().-]*$", ErrorMessage = "Số điện thoại chỉ gồm chữ số (có thể có dấu cách, dấu chấm, gạch ngang, dấu +).")]
    public string? Phone { get; set; }

    [StringLength(1000), Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    public Guid Version { get; set; }

    public long HistoryMark { get; set; }

    [Display(Name = "Tôi xác nhận đây là người khác")]
    public bool ConfirmedDistinct { get; set; }

    /// <summary>The new-person form's one-time token (SubmissionToken): a repeated submit never creates a second person.</summary>
    public Guid Submission { get; set; } = Guid.NewGuid();

    /// <summary>The values the edit form was opened with (JSON of <see cref="TraineeInput"/>): only fields changed from these are saved.</summary>
    public string? OriginalValues { get; set; }

    /// <summary>The name as stored, for the page title while the name fields are being edited.</summary>
    public string? OriginalFullName { get; set; }

    [BindNever]
    public IReadOnlyList<UnitChoice> Units { get; set; } = [];

    [BindNever]
    public TraineeRef? CccdOwner { get; set; }

    [BindNever]
    public IReadOnlyList<TraineeRef> PossibleDuplicates { get; set; } = [];

    [BindNever]
    public IReadOnlyList<string> ConflictChanges { get; set; } = [];

    public TraineeInput ToInput() => new()
    {
        FamilyName = FamilyName, MiddleName = MiddleName, GivenName = GivenName, Sex = Sex, Birth = Birth, Cccd = Cccd,
        Ethnicity = Ethnicity, Religion = Religion, Education = Education, Qualification = Qualification, Position = Position,
        UnitId = UnitId, PartyStatus = PartyStatus, PartyJoinDate = PartyJoinDate, PartyOfficialDate = PartyOfficialDate,
        TheoryLevel = TheoryLevel, CommitteeRole = CommitteeRole, Phone = Phone, Note = Note,
    };

    public static TraineeEditViewModel From(TraineeEditData data)
    {
        var model = new TraineeEditViewModel { Id = data.Id, OriginalFullName = data.FullName, Version = data.Version, HistoryMark = data.HistoryMark };
        model.SetInput(data.Input);
        model.SetOriginal(data.Input);
        return model;
    }

    public void SetInput(TraineeInput i)
    {
        (FamilyName, MiddleName, GivenName, Sex, Birth, Cccd) = (i.FamilyName, i.MiddleName, i.GivenName, i.Sex, i.Birth, i.Cccd);
        (Ethnicity, Religion, Education, Qualification, Position, UnitId) = (i.Ethnicity, i.Religion, i.Education, i.Qualification, i.Position, i.UnitId);
        (PartyStatus, PartyJoinDate, PartyOfficialDate, TheoryLevel, CommitteeRole, Phone, Note) =
            (i.PartyStatus, i.PartyJoinDate, i.PartyOfficialDate, i.TheoryLevel, i.CommitteeRole, i.Phone, i.Note);
    }

    public void SetOriginal(TraineeInput original) => OriginalValues = JsonSerializer.Serialize(original);

    /// <summary>The values the form was opened with, or null when the form did not carry them (then every field is saved).</summary>
    public TraineeInput? OriginalInput()
    {
        if (string.IsNullOrWhiteSpace(OriginalValues))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<TraineeInput>(OriginalValues);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>What the new-person forms post to /Trainees/Check while typing; field names as on the trainee form.</summary>
public sealed class TraineeCheckRequest
{
    public string? FamilyName { get; set; }

    public string? MiddleName { get; set; }

    public string? GivenName { get; set; }

    public Sex? Sex { get; set; }

    public string? Birth { get; set; }

    public string? Cccd { get; set; }

    public int? UnitId { get; set; }

    public int? ExceptId { get; set; }

    public TraineeCheckInput ToInput() => new(FamilyName, MiddleName, GivenName, Sex, Birth, Cccd, UnitId, ExceptId);
}
