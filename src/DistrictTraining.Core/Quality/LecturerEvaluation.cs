namespace DistrictTraining.Core.Quality;

/// <summary>A trainees' survey (phiếu khảo sát) of a lecturer in a class: the averaged score and comments.</summary>
public class LecturerEvaluation
{
    public int Id { get; set; }

    public int ClassId { get; set; }

    public int LecturerId { get; set; }

    public int ResponseCount { get; set; }

    /// <summary>Average on a 1–5 scale.</summary>
    public decimal AverageScore { get; set; }

    public string? Comments { get; set; }
}

/// <summary>A class observation (dự giờ) of a session.</summary>
public class SessionObservation
{
    public int Id { get; set; }

    public int SessionId { get; set; }

    public string ObserverName { get; set; } = string.Empty;

    public DateOnly ObservedOn { get; set; }

    public string? Rating { get; set; }

    public string? Comments { get; set; }
}
