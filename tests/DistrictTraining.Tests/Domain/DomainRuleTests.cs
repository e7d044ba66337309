using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;

namespace DistrictTraining.Tests.Domain;

public class DomainRuleTests
{
    [Fact]
    public void Class_status_moves_only_along_planned_open_finished()
    {
        var c = new TrainingClass();
        Assert.Throws<DomainException>(() => c.MoveTo(ClassStatus.Finished));
        c.MoveTo(ClassStatus.Open);
        c.MoveTo(ClassStatus.Finished);
        Assert.Equal(ClassStatus.Finished, c.Status);
        var ex = Assert.Throws<DomainException>(() => c.MoveTo(ClassStatus.Cancelled, "trùng lịch"));
        Assert.Contains("Đã kết thúc", ex.Message);
    }

    [Fact]
    public void Cancelling_needs_a_reason()
    {
        var c = new TrainingClass();
        Assert.Throws<DomainException>(() => c.MoveTo(ClassStatus.Cancelled));
        c.MoveTo(ClassStatus.Cancelled, "Không đủ học viên");
        Assert.Equal(ClassStatus.Cancelled, c.Status);
        Assert.Throws<DomainException>(() => c.MoveTo(ClassStatus.Open));
    }

    [Fact]
    public void Withdrawal_keeps_the_enrolment_with_its_reason()
    {
        var e = new Enrolment { Role = ClassRole.Monitor };
        Assert.Throws<DomainException>(() => e.Withdraw(" ", DateTime.UtcNow));
        e.Withdraw("Chuyển công tác", DateTime.UtcNow);
        Assert.Equal(EnrolmentStatus.Withdrawn, e.Status);
        Assert.Equal("Chuyển công tác", e.WithdrawalReason);
        Assert.Equal(ClassRole.Member, e.Role);
        Assert.Throws<DomainException>(() => e.Withdraw("lần nữa", DateTime.UtcNow));
    }

    [Fact]
    public void Certificate_revocation_and_supersession_only_from_valid()
    {
        var c = new Certificate();
        Assert.Throws<DomainException>(() => c.Revoke("", DateTime.UtcNow));
        c.Revoke("Cấp sai đối tượng", DateTime.UtcNow);
        Assert.Equal(CertificateStatus.Revoked, c.Status);
        Assert.Throws<DomainException>(() => c.MarkSuperseded(DateTime.UtcNow));
    }

    [Theory]
    [InlineData(4.9, null)]
    [InlineData(5.0, "Trung bình")]
    [InlineData(6.9, "Trung bình")]
    [InlineData(7.0, "Khá")]
    [InlineData(8.5, "Giỏi")]
    [InlineData(9.0, "Xuất sắc")]
    [InlineData(10.0, "Xuất sắc")]
    public void Grade_bands_follow_the_programme(double score, string? grade)
    {
        var p = new Programme();
        p.SetGradeBands(ProgrammeCatalogue.DefaultBands());
        Assert.Equal(grade, p.GradeFor((decimal)score)?.Name);
    }

    [Fact]
    public void Grade_bands_must_not_repeat_a_minimum()
    {
        var p = new Programme();
        Assert.Throws<DomainException>(() => p.SetGradeBands([new GradeBand { MinScore = 5, Name = "A" }, new GradeBand { MinScore = 5, Name = "B" }]));
    }

    [Fact]
    public void Seeded_catalogue_has_the_awareness_class_valid_sixty_months()
    {
        var catalogue = ProgrammeCatalogue.Create();
        var awareness = Assert.Single(catalogue, p => p.Kind == ProgrammeKind.PartyAwareness);
        Assert.Equal(60, awareness.ValidityMonths);
        Assert.Equal(80m, awareness.AttendanceThresholdPercent);
        Assert.Equal(catalogue.Count, catalogue.Select(p => p.Code).Distinct().Count());
    }

    [Fact]
    public void A_merged_unit_ends_and_points_to_its_successor()
    {
        var oldUnit = new OrganisationUnit { Id = 1, Name = "Xã Cát Hanh" };
        var newUnit = new OrganisationUnit { Id = 2, Name = "Xã Hòa Hội" };
        oldUnit.MergeInto(newUnit, new DateOnly(2025, 6, 30));
        Assert.True(oldUnit.IsValidOn(new DateOnly(2025, 6, 30)));
        Assert.False(oldUnit.IsValidOn(new DateOnly(2025, 7, 1)));
        Assert.Same(newUnit, oldUnit.SucceededBy);
        Assert.Throws<DomainException>(() => newUnit.MergeInto(newUnit, new DateOnly(2025, 6, 30)));
    }
}
