using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Classes;

/// <summary>
/// Vietnamese labels of the class enums, for every page and export that shows them: status, venue
/// kind, funding and part of day. <see cref="Options{T}"/> gives a dropdown's choices in enum order.
/// </summary>
public static class ClassLabels
{
    /// <summary>"lớp thứ 3/2023", as <see cref="TrainingClass.NumberLabel"/> for a class not loaded as an entity.</summary>
    public static string NumberLabel(int number, int year) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"lớp thứ {number}/{year}");

    /// <summary>
    /// The class's name as documents write it: its own title, else "Lớp " and the programme, then the
    /// number: "Lớp bồi dưỡng nhận thức về Đảng, lớp thứ 3/2023".
    /// </summary>
    public static string ClassName(string programmeName, string? title, int number, int year)
    {
        var name = string.IsNullOrWhiteSpace(title)
            ? "Lớp " + (programmeName.Length == 0 ? "" : char.ToLower(programmeName[0], VietnameseText.Culture) + programmeName[1..])
            : title;
        return $"{name}, {NumberLabel(number, year)}";
    }

    public static string StatusName(ClassStatus status) => TrainingClass.StatusName(status);

    public static string VenueKindName(VenueKind kind) => kind switch
    {
        VenueKind.Centre => "Trung tâm",
        VenueKind.CommuneCluster => "Cụm xã",
        VenueKind.FieldTrip => "Nơi tham quan thực tế",
        _ => kind.ToString(),
    };

    public static string FundingName(FundingSource funding) => funding switch
    {
        FundingSource.StateBudget => "Ngân sách nhà nước",
        FundingSource.Socialised => "Xã hội hóa",
        _ => funding.ToString(),
    };

    public static string DayPartName(DayPart part) => part switch
    {
        DayPart.Morning => "Sáng",
        DayPart.Afternoon => "Chiều",
        DayPart.Evening => "Tối",
        _ => part.ToString(),
    };

    /// <summary>The label of any of the class enums.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum => value switch
        {
            ClassStatus s => StatusName(s),
            VenueKind k => VenueKindName(k),
            FundingSource f => FundingName(f),
            DayPart p => DayPartName(p),
            _ => value.ToString(),
        };

    /// <summary>Every value of <typeparamref name="T"/> with its label, in declaration order.</summary>
    public static IReadOnlyList<KeyValuePair<T, string>> Options<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => KeyValuePair.Create(v, Name(v))).ToList();
}
