using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Trainees;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DistrictTraining.Web.Models;

public sealed class NewTraineeViewModel
{
    [Required, StringLength(50), Display(Name = "Họ")]
    public string FamilyName { get; set; } = string.Empty;

    [StringLength(100), Display(Name = "Tên đệm")]
    public string? MiddleName { get; set; }

    [Required, StringLength(50), Display(Name = "Tên")]
    public string GivenName { get; set; } = string.Empty;

    [Display(Name = "Giới tính")]
    public Sex? Sex { get; set; }

    [StringLength(10), Display(Name = "Ngày sinh")]
    public string? Birth { get; set; }

    [StringLength(20), Display(Name = "Số CCCD")]
    public string? Cccd { get; set; }

    [Display(Name = "Đơn vị")]
    public int? UnitId { get; set; }

    [StringLength(200), Display(Name = "Chức vụ")]
    public string? Position { get; set; }

    [StringLength(1000), Display(Name = "Ghi chú")]
    public string? Note { get; set; }

    [Display(Name = "Tôi xác nhận đây là người khác, không phải người đã có")]
    public bool ConfirmedDistinct { get; set; }

    /// <summary>The form's one-time token (SubmissionToken): a repeated submit never creates a second person.</summary>
    public Guid Submission { get; set; } = Guid.NewGuid();

    /// <summary>People with the same name and date of birth, when the service stopped to ask.</summary>
    [BindNever]
    public IReadOnlyList<TraineeMatch> Candidates { get; set; } = [];
}

public sealed class RosterPageModel
{
    public required RosterView Roster { get; init; }

    public required IReadOnlyList<Choice> Units { get; init; }

    public NewTraineeViewModel NewTrainee { get; init; } = new();

    public bool ShowNewForm { get; init; }

    public bool CanEdit { get; init; }

    /// <summary>What the user typed into a withdrawal that was refused, kept for them: enrolment id → reason.</summary>
    public IReadOnlyDictionary<int, string> KeptReasons { get; init; } = new Dictionary<int, string>();
}

/// <summary>
/// The roster table is one form for the whole page: each line's fields carry its enrolment id in their names
/// ("v.12" its version, "role.12", "reason.12"), and the button pressed names the line (enrolmentId=12).
/// </summary>
public static class RosterRowForm
{
    public static string VersionField(int enrolmentId) => string.Create(CultureInfo.InvariantCulture, $"v.{enrolmentId}");

    public static string RoleField(int enrolmentId) => string.Create(CultureInfo.InvariantCulture, $"role.{enrolmentId}");

    public static string ReasonField(int enrolmentId) => string.Create(CultureInfo.InvariantCulture, $"reason.{enrolmentId}");

    /// <summary>The version the page showed for the line (empty when missing, which the service refuses as a change by someone else).</summary>
    public static Guid Version(IFormCollection form, int enrolmentId) =>
        Guid.TryParse(form[VersionField(enrolmentId)], out var version) ? version : Guid.Empty;

    public static ClassRole? Role(IFormCollection form, int enrolmentId) =>
        Enum.TryParse<ClassRole>(form[RoleField(enrolmentId)], ignoreCase: false, out var role) && Enum.IsDefined(role) ? role : null;

    public static string Reason(IFormCollection form, int enrolmentId) => form[ReasonField(enrolmentId)].ToString();

    /// <summary>The roles a line may hold, in the order of its role list.</summary>
    public static readonly IReadOnlyList<ClassRole> LineRoles = [ClassRole.Member, ClassRole.Monitor, ClassRole.DeputyMonitor];

    // The portal's own encoder settings (PortalServices: every Unicode range passes), so the names read as before.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly Dictionary<ClassRole, HtmlString> OptionsBySelected = LineRoles.ToDictionary(r => r, Options);

    /// <summary>
    /// A line's role options with <paramref name="selected"/> chosen: one of three ready strings, not three options
    /// built and encoded on every line of every page (docs/performance.md, Issue 14).
    /// </summary>
    public static HtmlString RoleOptions(ClassRole selected) => OptionsBySelected.GetValueOrDefault(selected) ?? Options(selected);

    private static HtmlString Options(ClassRole selected) => new(string.Concat(LineRoles.Select(role => string.Create(CultureInfo.InvariantCulture,
        $"<option value=\"{(int)role}\"{(role == selected ? " selected" : "")}>{Encoder.Encode(RosterService.RoleName(role))}</option>"))));
}
