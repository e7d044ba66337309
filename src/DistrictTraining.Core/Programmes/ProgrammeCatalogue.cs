namespace DistrictTraining.Core.Programmes;

/// <summary>The programme catalogue seeded on a new database, from domain.md and Decision 1147-QĐ/BTGDVTW.</summary>
public static class ProgrammeCatalogue
{
    public static IReadOnlyList<GradeBand> DefaultBands() =>
    [
        new GradeBand { MinScore = 5.0m, Name = "Trung bình" },
        new GradeBand { MinScore = 7.0m, Name = "Khá" },
        new GradeBand { MinScore = 8.0m, Name = "Giỏi" },
        new GradeBand { MinScore = 9.0m, Name = "Xuất sắc" },
    ];

    public static IReadOnlyList<Programme> Create()
    {
        var list = new List<Programme>
        {
            New("NTD", "Bồi dưỡng nhận thức về Đảng", ProgrammeKind.PartyAwareness,
                "Quần chúng ưu tú, cảm tình Đảng", 5, null, AssessmentKind.FinalReflection, CertificateKind.Certificate, 60),
            New("DVM", "Bồi dưỡng lý luận chính trị dành cho đảng viên mới", ProgrammeKind.NewPartyMember,
                "Đảng viên mới (dự bị)", 7, 10, AssessmentKind.FinalReflection, CertificateKind.Certificate, null),
            New("SC", "Sơ cấp lý luận chính trị", ProgrammeKind.ElementaryTheory,
                "Đảng viên cơ sở, công chức xã, cán bộ đoàn thể", 30, 18, AssessmentKind.TestsAndFinalExam, CertificateKind.ElementaryDiploma, null),
            New("TC", "Trung cấp lý luận chính trị – hành chính", ProgrammeKind.IntermediateTheory,
                "Cán bộ cấp trung (phối hợp Trường Chính trị tỉnh)", 240, null, AssessmentKind.ByProvincialSchool, CertificateKind.IssuedByProvincialSchool, null),
            New("NVD", "Bồi dưỡng nghiệp vụ công tác Đảng", ProgrammeKind.PartyWorkSkills,
                "Bí thư, cấp ủy viên chi bộ", 3, null, AssessmentKind.AttendanceOnly, CertificateKind.Certificate, null),
            New("NVTG", "Bồi dưỡng nghiệp vụ công tác tuyên giáo, dân vận", ProgrammeKind.PartyWorkSkills,
                "Cán bộ làm công tác tuyên giáo, dân vận", 3, null, AssessmentKind.AttendanceOnly, CertificateKind.Certificate, null),
            New("NVKT", "Bồi dưỡng nghiệp vụ công tác kiểm tra, giám sát", ProgrammeKind.PartyWorkSkills,
                "Ủy viên ủy ban kiểm tra", 3, null, AssessmentKind.AttendanceOnly, CertificateKind.Certificate, null),
            New("NVMT", "Bồi dưỡng nghiệp vụ công tác Mặt trận và đoàn thể", ProgrammeKind.PartyWorkSkills,
                "Cán bộ Mặt trận, đoàn thể", 2, null, AssessmentKind.AttendanceOnly, CertificateKind.None, null),
            New("QPAN", "Bồi dưỡng kiến thức quốc phòng – an ninh, đối tượng 4", ProgrammeKind.DefenceSecurity,
                "Công chức, viên chức (phối hợp Ban Chỉ huy quân sự)", 2, 4, AssessmentKind.AttendanceOnly, CertificateKind.Certificate, null),
            New("NQ", "Cập nhật kiến thức, học tập nghị quyết", ProgrammeKind.ResolutionUpdate,
                "Cán bộ, đảng viên", 2, null, AssessmentKind.AttendanceOnly, CertificateKind.None, null),
        };
        for (var i = 0; i < list.Count; i++)
        {
            list[i].DisplayOrder = i + 1;
        }

        return list;
    }

    private static Programme New(string code, string name, ProgrammeKind kind, string audience, int days, int? topics,
        AssessmentKind assessment, CertificateKind certificate, int? validityMonths)
    {
        var programme = new Programme
        {
            Code = code,
            Name = name,
            Kind = kind,
            TargetAudience = audience,
            TypicalDays = days,
            TopicCount = topics,
            Assessment = assessment,
            Certificate = certificate,
            ValidityMonths = validityMonths,
        };
        if (assessment is AssessmentKind.FinalReflection or AssessmentKind.TestsAndFinalExam)
        {
            programme.SetGradeBands(DefaultBands());
        }

        return programme;
    }
}
