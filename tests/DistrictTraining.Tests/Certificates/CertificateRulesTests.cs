using System.Globalization;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Programmes;

namespace DistrictTraining.Tests.Certificates;

/// <summary>The register's rules on their own, without a database.</summary>
public class CertificateRulesTests
{
    [Fact]
    public void Numbers_continue_from_the_counter_and_never_repeat()
    {
        var counter = new CertificateCounter { CentreId = 1, Year = 2026 };
        var first = CertificateRules.Take(counter, 3);
        var second = CertificateRules.Take(counter, 2);
        Assert.Equal([1, 2, 3], Enumerable.Range(0, first.Count).Select(first.Serial));
        Assert.Equal([4, 5], Enumerable.Range(0, second.Count).Select(second.Serial));
        Assert.Equal([4, 5], Enumerable.Range(0, second.Count).Select(second.Register));
        Assert.Equal(5, counter.LastSerialNumber);
        Assert.Equal(5, counter.LastRegisterNumber);
        Assert.Equal(2026, second.Year);
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateRules.Take(counter, 0));
        Assert.Equal(5, counter.LastSerialNumber);
    }

    [Fact]
    public void Serial_and_register_numbers_have_one_written_form()
    {
        Assert.Equal("000123/2026", CertificateRules.SerialLabel(2026, 123));
        Assert.Equal("123/2026", CertificateRules.RegisterLabel(2026, 123));
        Assert.Equal("1234567/2026", CertificateRules.SerialLabel(2026, 1_234_567));
    }

    [Theory]
    [InlineData(CertificateKind.None, ClassStatus.Finished, true, "không cấp giấy chứng nhận")]
    [InlineData(CertificateKind.IssuedByProvincialSchool, ClassStatus.Finished, true, "Trường Chính trị tỉnh")]
    [InlineData(CertificateKind.Certificate, ClassStatus.Cancelled, true, "Lớp đã hủy")]
    [InlineData(CertificateKind.Certificate, ClassStatus.Finished, false, "chưa có quyết định công nhận")]
    [InlineData(CertificateKind.Certificate, ClassStatus.Finished, true, null)]
    [InlineData(CertificateKind.ElementaryDiploma, ClassStatus.Open, true, null)]
    public void Certificates_wait_for_the_decision_and_a_programme_that_issues_them(CertificateKind kind, ClassStatus status, bool decided, string? expected)
    {
        var reason = CertificateRules.IssueBlockedReason(kind, status, decided);
        if (expected is null)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.Contains(expected, reason);
        }
    }

    [Fact]
    public void Issue_dates_run_from_the_decision_to_today_and_need_a_confirmation_after_15_days()
    {
        var decided = new DateOnly(2026, 3, 10);
        var today = new DateOnly(2026, 11, 22);
        Assert.Contains("trước ngày quyết định", Assert.Throws<DomainException>(() => CertificateRules.CheckIssueDate(decided.AddDays(-1), decided, today)).Message);
        Assert.Contains("sau ngày hôm nay", Assert.Throws<DomainException>(() => CertificateRules.CheckIssueDate(today.AddDays(1), decided, today)).Message);
        CertificateRules.CheckIssueDate(decided, decided, today);
        CertificateRules.CheckIssueDate(today, decided, today);

        Assert.Null(CertificateRules.LateIssueWarning(decided.AddDays(15), decided));
        Assert.Equal(
            "Ngày cấp 26/03/2026 cách ngày quyết định công nhận hoàn thành (10/03/2026) 16 ngày, quá thời hạn 15 ngày (hạn cuối 25/03/2026).",
            CertificateRules.LateIssueWarning(decided.AddDays(16), decided));
        Assert.Null(CertificateRules.LateIssueWarning(decided.AddDays(100), null));
    }

    [Fact]
    public void The_window_of_a_decision_of_14_November_ends_on_29_November()
    {
        var decided = new DateOnly(2026, 11, 14);
        Assert.Equal(new DateOnly(2026, 11, 29), CertificateRules.IssueWindowEnd(decided));
        Assert.True(CertificateRules.IsWithinIssueWindow(decided, decided));
        Assert.True(CertificateRules.IsWithinIssueWindow(new DateOnly(2026, 11, 29), decided));
        Assert.False(CertificateRules.IsWithinIssueWindow(new DateOnly(2026, 11, 30), decided));
        Assert.False(CertificateRules.IsWithinIssueWindow(new DateOnly(2026, 11, 13), decided));
    }

    [Theory]
    [InlineData("2026-11-20", "2026-11-20")] // today, inside the window
    [InlineData("2026-11-14", "2026-11-14")] // the decision's own day
    [InlineData("2026-11-29", "2026-11-29")] // the window's last day
    [InlineData("2026-11-30", "2026-11-29")] // the day after: the last day of the window, not today
    [InlineData("2027-02-01", "2026-11-29")] // long after
    [InlineData("2026-11-10", "2026-11-14")] // a decision dated ahead: never before it
    public void The_issue_date_defaults_inside_the_window(string today, string expected)
    {
        var decided = new DateOnly(2026, 11, 14);
        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), CertificateRules.DefaultIssueDate(decided, DateOnly.Parse(today, CultureInfo.InvariantCulture)));
        Assert.Equal(new DateOnly(2026, 12, 1), CertificateRules.DefaultIssueDate(null, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_late_issue_or_a_trainee_without_a_birth_date_needs_a_reason_which_is_recorded()
    {
        var decided = new DateOnly(2026, 11, 14);
        Assert.Empty(CertificateRules.IssueWarnings(new DateOnly(2026, 11, 29), decided, hasBirth: true));
        Assert.Equal([CertificateRules.MissingBirthWarning], CertificateRules.IssueWarnings(new DateOnly(2026, 11, 29), decided, hasBirth: false));
        var both = CertificateRules.IssueWarnings(new DateOnly(2026, 11, 30), decided, hasBirth: false);
        Assert.Equal(2, both.Count);
        Assert.Contains("quá thời hạn 15 ngày (hạn cuối 29/11/2026)", both[0]);
        Assert.Equal(CertificateRules.MissingBirthWarning, both[1]);

        Assert.Null(CertificateRules.ConfirmationReason(needed: false, "gõ thừa"));
        Assert.Contains("cần xác nhận", Assert.Throws<DomainException>(() => CertificateRules.ConfirmationReason(needed: true, "  ")).Message);
        Assert.Contains("500", Assert.Throws<DomainException>(() => CertificateRules.ConfirmationReason(needed: true, new string('a', 501))).Message);
        Assert.Equal("Giám đốc đi công tác", CertificateRules.ConfirmationReason(needed: true, "  Giám  đốc đi công tác "));
    }

    [Fact]
    public void Validity_runs_for_the_programmes_months_and_then_the_certificate_is_expired()
    {
        var issued = new DateOnly(2026, 3, 12);
        var until = CertificateRules.ValidUntil(issued, 60);
        Assert.Equal(new DateOnly(2031, 3, 12), until);
        Assert.Null(CertificateRules.ValidUntil(issued, null));
        Assert.Null(CertificateRules.ValidUntil(issued, 0));

        Assert.Equal(CertificateState.Valid, CertificateRules.StateOn(CertificateStatus.Valid, until, new DateOnly(2031, 3, 12)));
        Assert.Equal(CertificateState.Expired, CertificateRules.StateOn(CertificateStatus.Valid, until, new DateOnly(2031, 3, 13)));
        Assert.Equal(CertificateState.Valid, CertificateRules.StateOn(CertificateStatus.Valid, null, new DateOnly(2090, 1, 1)));
        // A revoked or superseded certificate says so, whether or not it would have expired.
        Assert.Equal(CertificateState.Revoked, CertificateRules.StateOn(CertificateStatus.Revoked, until, new DateOnly(2040, 1, 1)));
        Assert.Equal(CertificateState.Superseded, CertificateRules.StateOn(CertificateStatus.Superseded, until, new DateOnly(2027, 1, 1)));

        var certificate = new Certificate { ValidUntil = until };
        Assert.False(certificate.IsExpiredOn(new DateOnly(2031, 3, 12)));
        Assert.True(certificate.IsExpiredOn(new DateOnly(2031, 3, 13)));
    }

    [Fact]
    public void The_register_says_what_became_of_each_certificate()
    {
        Assert.Equal("Có hiệu lực", CertificateRules.StateText(CertificateState.Valid, null, null, null));
        Assert.Equal("Đã cấp lại (số mới 000124/2026)", CertificateRules.StateText(CertificateState.Superseded, "000124/2026", null, null));
        Assert.Equal("Đã thu hồi (Khai man hồ sơ)", CertificateRules.StateText(CertificateState.Revoked, null, "Khai man hồ sơ", null));
        Assert.Equal("Hết hạn (từ 13/03/2031)", CertificateRules.StateText(CertificateState.Expired, null, null, new DateOnly(2031, 3, 12)));
    }

    [Fact]
    public void A_reissue_records_its_reason()
    {
        Assert.Equal("Mất", CertificateRules.ReissueReason(ReissueReasonKind.Lost, "  "));
        Assert.Equal("Sai sót của Trung tâm: ghi sai ngày sinh", CertificateRules.ReissueReason(ReissueReasonKind.CentreError, " ghi sai  ngày sinh "));
        Assert.Equal("Bị hư hỏng do lũ lụt", CertificateRules.ReissueReason(ReissueReasonKind.Other, "Bị hư hỏng do lũ lụt"));
        Assert.Equal("Phải ghi rõ lý do cấp lại.", Assert.Throws<DomainException>(() => CertificateRules.ReissueReason(ReissueReasonKind.Other, " ")).Message);
        Assert.Throws<DomainException>(() => CertificateRules.ReissueReason((ReissueReasonKind)0, "x"));
    }

    [Fact]
    public void A_reissue_chain_supersedes_once_and_a_revocation_needs_a_reason()
    {
        var original = new Certificate();
        original.MarkSuperseded(DateTime.UtcNow);
        Assert.Equal(CertificateStatus.Superseded, original.Status);
        Assert.Throws<DomainException>(() => original.MarkSuperseded(DateTime.UtcNow));
        Assert.Throws<DomainException>(() => original.Revoke("Sai", DateTime.UtcNow));

        var replacement = new Certificate { IssueSequence = 2, ReplacesCertificateId = 1 };
        Assert.Equal("Phải ghi lý do thu hồi.", Assert.Throws<DomainException>(() => replacement.Revoke("  ", DateTime.UtcNow)).Message);
        Assert.Equal(CertificateStatus.Valid, replacement.Status);
        replacement.Revoke(" Khai man hồ sơ ", DateTime.UtcNow);
        Assert.Equal("Khai man hồ sơ", replacement.RevocationReason);
        Assert.Throws<DomainException>(() => replacement.MarkSuperseded(DateTime.UtcNow));
    }

    [Fact]
    public void Place_and_date_are_written_the_Vietnamese_way()
    {
        Assert.Equal("Cát Hanh, ngày 05 tháng 03 năm 2026", CertificateRules.PlaceAndDate("Cát Hanh", new DateOnly(2026, 3, 5)));
        Assert.Equal("Ngày 05 tháng 03 năm 2026", CertificateRules.PlaceAndDate(null, new DateOnly(2026, 3, 5)));
        Assert.Equal("GIẤY CHỨNG NHẬN", CertificateRules.DocumentTitle(CertificateKind.Certificate));
        Assert.StartsWith("BẰNG TỐT NGHIỆP", CertificateRules.DocumentTitle(CertificateKind.ElementaryDiploma));
    }

    [Fact]
    public void Verification_codes_are_long_random_and_drawn_from_an_unambiguous_alphabet()
    {
        var codes = new HashSet<string>();
        var seen = new HashSet<char>();
        for (var i = 0; i < 10_000; i++)
        {
            var code = VerificationCode.New();
            Assert.Equal(24, code.Length);
            Assert.True(VerificationCode.IsWellFormed(code), code);
            Assert.True(codes.Add(code), $"Repeated code {code}");
            seen.UnionWith(code);
        }

        // Every letter of the alphabet turns up, and none outside it (no I, L, O, U).
        Assert.Equal(VerificationCode.Alphabet.ToHashSet(), seen);
        Assert.DoesNotContain('I', seen);
        Assert.DoesNotContain('O', seen);

        // No two codes share a long prefix, which a counter-derived or time-derived code would.
        Assert.True(codes.Select(c => c[..10]).Distinct().Count() == codes.Count);
    }

    [Fact]
    public void A_typed_code_is_forgiven_its_case_dashes_and_look_alike_letters()
    {
        var code = VerificationCode.New();
        var grouped = VerificationCode.Grouped(code);
        Assert.Equal(29, grouped.Length);
        Assert.Equal(code, VerificationCode.Normalize(grouped.ToLowerInvariant()));
        Assert.Equal("001111AB", VerificationCode.Normalize("o0-iI lL.ab"));
        Assert.False(VerificationCode.IsWellFormed("ABC"));
        Assert.False(VerificationCode.IsWellFormed(new string('U', 24)));
        Assert.False(VerificationCode.IsWellFormed(VerificationCode.Normalize(new string('A', 200))));
        Assert.Equal(string.Empty, VerificationCode.Normalize(null));
    }
}
