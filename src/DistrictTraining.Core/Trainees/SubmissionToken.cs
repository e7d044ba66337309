namespace DistrictTraining.Core.Trainees;

/// <summary>
/// A one-time token carried by a form that creates people or enrols them (the trainee form, the roster's
/// quick-add and add-existing forms). The page makes a fresh token; the save records it in the same
/// transaction as what it created, under a primary key, so a repeated submit (a double click, two tabs,
/// a browser resending) cannot save twice: the database refuses the second row, and the repeat is
/// answered with what the first one did. A token is only written when used; a page never submitted
/// leaves nothing behind.
/// </summary>
public class SubmissionToken
{
    public Guid Token { get; set; }

    /// <summary>The person the submit created or enrolled.</summary>
    public int TraineeId { get; set; }

    public Trainee? Trainee { get; set; }

    /// <summary>The class they were enrolled in, for the roster's forms; null for the trainee form.</summary>
    public int? ClassId { get; set; }

    public DateTime UsedAt { get; set; }
}
