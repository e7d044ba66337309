namespace DistrictTraining.Core.Classes;

public enum AttendanceStatus
{
    Present = 1,
    ExcusedAbsence = 2,
    Absent = 3,
}

/// <summary>One cell of the attendance grid: a trainee at a session.</summary>
public class AttendanceRecord
{
    public long Id { get; set; }

    public int EnrolmentId { get; set; }

    public Enrolment? Enrolment { get; set; }

    public int SessionId { get; set; }

    public ClassSession? Session { get; set; }

    public AttendanceStatus Status { get; set; }

    public string? Note { get; set; }

    public DateTime MarkedAt { get; set; }

    public string? MarkedBy { get; set; }
}
