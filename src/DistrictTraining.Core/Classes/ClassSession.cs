using DistrictTraining.Core.Common;
using DistrictTraining.Core.Lecturers;

namespace DistrictTraining.Core.Classes;

public enum DayPart
{
    Morning = 1,
    Afternoon = 2,
    Evening = 3,
}

/// <summary>A session (buổi) of the timetable: a topic taught by a lecturer for some periods (tiết).</summary>
public class ClassSession : IAudited
{
    public int Id { get; set; }

    public int ClassId { get; set; }

    public TrainingClass? Class { get; set; }

    public DateOnly Date { get; set; }

    public DayPart Part { get; set; }

    public string Topic { get; set; } = string.Empty;

    public int? LecturerId { get; set; }

    public Lecturer? Lecturer { get; set; }

    public int Periods { get; set; }
}
