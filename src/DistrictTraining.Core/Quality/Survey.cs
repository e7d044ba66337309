namespace DistrictTraining.Core.Quality;

/// <summary>
/// One item of a centre's questionnaire (phiếu khảo sát), scored 1–5. The centre's active items, in order, are
/// the questions of every survey opened from then on; an open survey keeps its own copy (<see cref="SurveyQuestion"/>).
/// </summary>
public class SurveyItem
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    public string Text { get; set; } = string.Empty;

    public int DisplayOrder { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The items a centre starts with.</summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        "Nội dung bài giảng",
        "Phương pháp giảng dạy",
        "Tính thực tiễn, liên hệ thực tế",
        "Bảo đảm thời gian lên lớp",
    ];
}

/// <summary>
/// A survey of a class's lecturers, open for answers from <see cref="OpensOn"/> to <see cref="ClosesOn"/>.
/// Trainees reach it by <see cref="PublicKey"/> (the short link and QR code) and answer with one-time codes.
/// </summary>
public class Survey
{
    public int Id { get; set; }

    public int CentreId { get; set; }

    public int ClassId { get; set; }

    /// <summary>8 characters of the code alphabet, random: the short link /ks/{key}.</summary>
    public string PublicKey { get; set; } = string.Empty;

    public DateOnly OpensOn { get; set; }

    public DateOnly ClosesOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public ICollection<SurveyQuestion> Questions { get; } = new List<SurveyQuestion>();

    public ICollection<SurveyTarget> Targets { get; } = new List<SurveyTarget>();

    public bool IsOpenOn(DateOnly day) => day >= OpensOn && day <= ClosesOn;
}

/// <summary>A question of one survey, copied from the questionnaire when the survey was opened.</summary>
public class SurveyQuestion
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public int DisplayOrder { get; set; }

    public string Text { get; set; } = string.Empty;
}

/// <summary>What trainees rate in a survey: a lecturer and the topic they taught in the class.</summary>
public class SurveyTarget
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public int LecturerId { get; set; }

    public string Topic { get; set; } = string.Empty;

    public int DisplayOrder { get; set; }
}

/// <summary>
/// A one-time answering code. It records only that it was used: not when, not by whom, not which answer
/// it gave (ADR-012). Codes are not tied to trainees; the slips are handed out at random.
/// </summary>
public class SurveyCode
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public string Code { get; set; } = string.Empty;

    public bool Used { get; set; }
}

/// <summary>
/// One trainee's answer about one target. Deliberately without a code, a trainee, a user or a time of day: only the
/// survey, the target, the comment and its scores (ADR-012).
/// </summary>
public class SurveyAnswer
{
    public int Id { get; set; }

    public int SurveyId { get; set; }

    public int TargetId { get; set; }

    public string? Comment { get; set; }

    public ICollection<SurveyScore> Scores { get; } = new List<SurveyScore>();
}

/// <summary>A score 1–5 an answer gave one question.</summary>
public class SurveyScore
{
    public int Id { get; set; }

    public int AnswerId { get; set; }

    public int QuestionId { get; set; }

    public byte Score { get; set; }
}
