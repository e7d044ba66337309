namespace DistrictTraining.Core.Programmes;

/// <summary>The Vietnamese words for the programme enums, as users read them.</summary>
public static class ProgrammeTerms
{
    public static string Display(ProgrammeKind kind) => kind switch
    {
        ProgrammeKind.PartyAwareness => "Bồi dưỡng nhận thức về Đảng",
        ProgrammeKind.NewPartyMember => "Đảng viên mới",
        ProgrammeKind.ElementaryTheory => "Sơ cấp lý luận chính trị",
        ProgrammeKind.IntermediateTheory => "Trung cấp lý luận chính trị",
        ProgrammeKind.PartyWorkSkills => "Bồi dưỡng nghiệp vụ",
        ProgrammeKind.DefenceSecurity => "Quốc phòng – an ninh",
        ProgrammeKind.ResolutionUpdate => "Cập nhật kiến thức, nghị quyết",
        _ => "Khác",
    };

    public static string Display(AssessmentKind kind) => kind switch
    {
        AssessmentKind.FinalReflection => "Bài thu hoạch cuối khóa",
        AssessmentKind.TestsAndFinalExam => "Kiểm tra và thi cuối khóa",
        AssessmentKind.AttendanceOnly => "Chỉ theo dõi chuyên cần",
        AssessmentKind.ByProvincialSchool => "Do Trường Chính trị tỉnh đánh giá",
        _ => kind.ToString(),
    };

    public static string Display(CertificateKind kind) => kind switch
    {
        CertificateKind.None => "Không cấp",
        CertificateKind.Certificate => "Giấy chứng nhận",
        CertificateKind.ElementaryDiploma => "Bằng tốt nghiệp sơ cấp LLCT",
        CertificateKind.IssuedByProvincialSchool => "Do Trường Chính trị tỉnh cấp",
        _ => kind.ToString(),
    };
}
