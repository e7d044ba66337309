using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Quality;

/// <summary>
/// A class observation (dự giờ): who observed which session, the criteria ratings (1–5), an overall grade, remarks,
/// and the professional meeting (sinh hoạt chuyên môn) where it was discussed.
/// </summary>
public class ClassObservation : IAudited
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public string ObserverName { get; set; } = string.Empty;

    public DateOnly ObservedOn { get; set; }

    public byte ContentScore { get; set; }

    public byte MethodScore { get; set; }

    public byte PracticeScore { get; set; }

    public byte ConductScore { get; set; }

    /// <summary>Overall grade as written in the observation record: Tốt, Khá, Đạt, Chưa đạt.</summary>
    public string? Rating { get; set; }

    public string? Comments { get; set; }

    public DateOnly? MeetingDate { get; set; }

    /// <summary>The professional meeting's record: which meeting, what was agreed.</summary>
    public string? MeetingNote { get; set; }

    /// <summary>The criteria of an observation, in the order of the form and the lecturer's page.</summary>
    public static readonly IReadOnlyList<string> Criteria = ["Nội dung", "Phương pháp", "Liên hệ thực tiễn", "Tác phong, thời gian"];

    public static readonly IReadOnlyList<string> Ratings = ["Tốt", "Khá", "Đạt", "Chưa đạt"];
}
