using System.Globalization;
using System.Text.Json;
using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Trainees;

/// <summary>
/// A trainee's stored fields as a reader sees them: the Vietnamese label of each property and its value
/// in words ("Nữ", "Đảng viên dự bị", "05/09/1985"). The audit history and the edit-conflict message use it.
/// </summary>
internal static class TraineeFieldText
{
    /// <summary>Labels in the order the form shows the fields; properties not listed are not shown to readers.</summary>
    public static readonly IReadOnlyList<(string Property, string Label)> Fields =
    [
        (nameof(Trainee.FamilyName), "Họ"),
        (nameof(Trainee.MiddleName), "Tên đệm"),
        (nameof(Trainee.GivenName), "Tên"),
        (nameof(Trainee.Sex), "Giới tính"),
        (nameof(Trainee.DateOfBirth), "Ngày sinh"),
        (nameof(Trainee.Cccd), "Số CCCD"),
        (nameof(Trainee.Ethnicity), "Dân tộc"),
        (nameof(Trainee.Religion), "Tôn giáo"),
        (nameof(Trainee.Education), "Trình độ văn hóa"),
        (nameof(Trainee.Qualification), "Trình độ chuyên môn"),
        (nameof(Trainee.Position), "Chức vụ"),
        (nameof(Trainee.UnitId), "Đơn vị"),
        (nameof(Trainee.PartyStatus), "Đảng viên"),
        (nameof(Trainee.PartyJoinDate), "Ngày vào Đảng"),
        (nameof(Trainee.PartyOfficialDate), "Ngày chính thức"),
        (nameof(Trainee.TheoryLevel), "Trình độ lý luận chính trị"),
        (nameof(Trainee.CommitteeRole), "Chức vụ trong cấp ủy"),
        (nameof(Trainee.Phone), "Điện thoại"),
        (nameof(Trainee.Note), "Ghi chú"),
    ];

    public const string Empty = "(trống)";

    /// <summary>The field a stored property is shown under; the year-only flag belongs to the date of birth.</summary>
    public static string FieldOf(string property) =>
        property == nameof(Trainee.BirthYearOnly) ? nameof(Trainee.DateOfBirth) : property;

    public static string? LabelOf(string property) =>
        Fields.FirstOrDefault(f => f.Property == FieldOf(property)).Label;

    /// <summary>The stored values of a trainee, by property name, as the audit trail records them.</summary>
    public static Dictionary<string, object?> ValuesOf(Trainee t) => new()
    {
        [nameof(Trainee.FamilyName)] = t.FamilyName,
        [nameof(Trainee.MiddleName)] = t.MiddleName,
        [nameof(Trainee.GivenName)] = t.GivenName,
        [nameof(Trainee.Sex)] = t.Sex,
        [nameof(Trainee.DateOfBirth)] = t.DateOfBirth,
        [nameof(Trainee.BirthYearOnly)] = t.BirthYearOnly,
        [nameof(Trainee.Cccd)] = t.Cccd,
        [nameof(Trainee.Ethnicity)] = t.Ethnicity,
        [nameof(Trainee.Religion)] = t.Religion,
        [nameof(Trainee.Education)] = t.Education,
        [nameof(Trainee.Qualification)] = t.Qualification,
        [nameof(Trainee.Position)] = t.Position,
        [nameof(Trainee.UnitId)] = t.UnitId,
        [nameof(Trainee.PartyStatus)] = t.PartyStatus,
        [nameof(Trainee.PartyJoinDate)] = t.PartyJoinDate,
        [nameof(Trainee.PartyOfficialDate)] = t.PartyOfficialDate,
        [nameof(Trainee.TheoryLevel)] = t.TheoryLevel,
        [nameof(Trainee.CommitteeRole)] = t.CommitteeRole,
        [nameof(Trainee.Phone)] = t.Phone,
        [nameof(Trainee.Note)] = t.Note,
    };

    /// <summary>A value read back from the audit trail's JSON, typed like the property it belongs to.</summary>
    public static object? FromJson(string property, JsonElement value)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        return property switch
        {
            nameof(Trainee.Sex) => (Sex)value.GetInt32(),
            nameof(Trainee.PartyStatus) => (PartyStatus)value.GetInt32(),
            nameof(Trainee.TheoryLevel) => (TheoryLevel)value.GetInt32(),
            nameof(Trainee.CommitteeRole) => (CommitteeRole)value.GetInt32(),
            nameof(Trainee.UnitId) => value.GetInt32(),
            nameof(Trainee.BirthYearOnly) => value.GetBoolean(),
            nameof(Trainee.DateOfBirth) or nameof(Trainee.PartyJoinDate) or nameof(Trainee.PartyOfficialDate) =>
                DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => value.ValueKind == JsonValueKind.String ? value.GetString() : value.ToString(),
        };
    }

    /// <summary>
    /// The text of one field in a state of the record (property → value). The date of birth reads
    /// the year-only flag beside it, so "1962" is not shown as "01/01/1962".
    /// </summary>
    public static string Format(string field, IReadOnlyDictionary<string, object?> state, IReadOnlyDictionary<int, string> unitNames)
    {
        var value = state.GetValueOrDefault(field);
        return value switch
        {
            null => Empty,
            DateOnly d when field == nameof(Trainee.DateOfBirth) =>
                PartialDate.From(d, state.GetValueOrDefault(nameof(Trainee.BirthYearOnly)) is true).ToString(),
            DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            Sex s => Trainee.SexName(s),
            PartyStatus p => Trainee.PartyStatusName(p),
            TheoryLevel l => Trainee.TheoryLevelName(l),
            CommitteeRole r => Trainee.CommitteeRoleName(r),
            int id when field == nameof(Trainee.UnitId) => unitNames.GetValueOrDefault(id, $"(đơn vị số {id})"),
            string { Length: 0 } => Empty,
            string s => s,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? Empty,
        };
    }
}
