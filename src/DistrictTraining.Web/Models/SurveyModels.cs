using System.ComponentModel.DataAnnotations;
using DistrictTraining.Core.Quality;

namespace DistrictTraining.Web.Models;

/// <summary>The public answering page: the survey, and what the trainee typed when it is shown again with a message.</summary>
public sealed record SurveyAnswerPage(SurveyForm Form, string? Code, IReadOnlyDictionary<string, string> Values, string? Error)
{
    public static string ScoreField(int targetId, int questionId) => $"s_{targetId}_{questionId}";

    public static string CommentField(int targetId) => $"c_{targetId}";

    public string Value(string field) => Values.TryGetValue(field, out var v) ? v : "";
}

public sealed class SurveyKeyModel
{
    [Display(Name = "Mã khảo sát")]
    public string? Key { get; set; }
}

/// <summary>Opening a survey for a class.</summary>
public sealed class SurveyOpenViewModel
{
    public int ClassId { get; set; }

    [Display(Name = "Từ ngày")]
    public DateOnly? OpensOn { get; set; }

    [Display(Name = "Đến ngày")]
    public DateOnly? ClosesOn { get; set; }

    [Range(1, SurveyService.MaxCodes, ErrorMessage = "Số mã trả lời phải từ 1 đến 200."), Display(Name = "Số phiếu (mã trả lời)")]
    public int? CodeCount { get; set; }
}

public sealed record ClassSurveysPage(ClassSurveys Surveys, SurveyOpenViewModel Open, string PublicBase);

public sealed record SurveySlipsPage(SurveySlips Slips, string Url, string QrDataUri, string? Warning);

public sealed record SurveyResultsPage(SurveyResults Results, int? Year, int? ClassId, IReadOnlyList<int> Years);

/// <summary>The questionnaire form: the items in order; an empty text at the end adds one.</summary>
public sealed class QuestionnaireViewModel
{
    public List<QuestionnaireItem> Items { get; set; } = [];
}

public sealed class QuestionnaireItem
{
    public int? Id { get; set; }

    [StringLength(300)]
    public string? Text { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>The form of a class observation.</summary>
public sealed class ObservationViewModel
{
    public int? Id { get; set; }

    public int LecturerId { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn buổi học được dự giờ."), Display(Name = "Buổi học")]
    public int? SessionId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập người dự giờ."), StringLength(100), Display(Name = "Người dự giờ")]
    public string? ObserverName { get; set; }

    [Display(Name = "Ngày dự giờ")]
    public DateOnly? ObservedOn { get; set; }

    [Range(1, 5, ErrorMessage = "Chấm từ 1 đến 5.")]
    public int ContentScore { get; set; } = 4;

    [Range(1, 5, ErrorMessage = "Chấm từ 1 đến 5.")]
    public int MethodScore { get; set; } = 4;

    [Range(1, 5, ErrorMessage = "Chấm từ 1 đến 5.")]
    public int PracticeScore { get; set; } = 4;

    [Range(1, 5, ErrorMessage = "Chấm từ 1 đến 5.")]
    public int ConductScore { get; set; } = 4;

    [StringLength(50), Display(Name = "Xếp loại chung")]
    public string? Rating { get; set; }

    [StringLength(2000), Display(Name = "Nhận xét, góp ý")]
    public string? Comments { get; set; }

    [Display(Name = "Ngày sinh hoạt chuyên môn")]
    public DateOnly? MeetingDate { get; set; }

    [StringLength(500), Display(Name = "Nội dung sinh hoạt chuyên môn")]
    public string? MeetingNote { get; set; }

    public string LecturerName { get; set; } = "";

    public IReadOnlyList<ObservableSession> Sessions { get; set; } = [];

    public ObservationInput ToInput() => new(Id, SessionId ?? 0, ObserverName, ObservedOn, ContentScore, MethodScore, PracticeScore, ConductScore,
        Rating, Comments, MeetingDate, MeetingNote);

    public static ObservationViewModel From(ObservationInput o) => new()
    {
        Id = o.Id, SessionId = o.SessionId, ObserverName = o.ObserverName, ObservedOn = o.ObservedOn, ContentScore = o.ContentScore,
        MethodScore = o.MethodScore, PracticeScore = o.PracticeScore, ConductScore = o.ConductScore, Rating = o.Rating, Comments = o.Comments,
        MeetingDate = o.MeetingDate, MeetingNote = o.MeetingNote,
    };
}
