using DistrictTraining.Core.Common;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Quality;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Quality;

/// <summary>Class observations and the lecturer's page: periods per year and programme, classes, observations, who may read it.</summary>
public class LecturerPageTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 3, 20, 2, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_page_totals_periods_by_year_and_programme_and_lists_the_observations(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var first = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 3, periods: 4);
        var hung = await ClassTestData.LecturerAsync(db, first.CentreId, "Phạm", "Hùng", "gv.hung");
        var second = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 2, periods: 5, centreId: first.CentreId, programmeCode: "DVM", number: 1, lecturerId: hung.Id);
        await db.ClassSessions.Where(s => s.ClassId == first.ClassId && s.Id != first.SessionIds[2]).ExecuteUpdateAsync(s => s.SetProperty(x => x.LecturerId, hung.Id));
        var staff = new FixedUserScope(first.CentreId, UserId: "giaovu");
        var observations = new ObservationService(db, staff, Clock);

        // An observation of his first session, discussed at the professional meeting; one refused for its scores.
        Assert.Equal(4, (await observations.SessionsAsync(hung.Id)).Count);
        await Assert.ThrowsAsync<DomainException>(() => observations.SaveAsync(new ObservationInput(null, first.SessionIds[0], "Nguyễn Văn Tổ", null, 6, 4, 4, 4, null, null, null, null)));
        var id = await observations.SaveAsync(new ObservationInput(null, first.SessionIds[0], " Nguyễn Văn Tổ ", new DateOnly(2026, 3, 2), 5, 4, 4, 5, "Tốt",
            "Liên hệ thực tiễn địa phương tốt.", new DateOnly(2026, 3, 15), "Sinh hoạt chuyên môn tháng 3"));
        await Assert.ThrowsAsync<DomainException>(() => new ObservationService(db, staff with { CanEdit = false }, Clock).SaveAsync(
            new ObservationInput(id, first.SessionIds[0], "X", null, 1, 1, 1, 1, null, null, null, null)));

        var profile = (await new LecturerProfileService(db, new FixedUserScope(first.CentreId, CanEdit: false), Clock).ProfileAsync(hung.Id))!;
        // 2026: NTD 2 sessions × 4 periods = 8 in one class; DVM 2 × 5 = 10 in another.
        Assert.Equal([(2026, 1, 2, 8), (2026, 1, 2, 10)], profile.Teaching.Select(t => (t.Year, t.Classes, t.Sessions, t.Periods)).OrderBy(t => t.Item4));
        Assert.Equal(2, profile.Classes.Count);
        var line = Assert.Single(profile.Observations);
        Assert.Equal(("Nguyễn Văn Tổ", "Tốt"), (line.ObserverName, line.Rating));
        Assert.Equal([5, 4, 4, 5], line.Scores);
        Assert.Equal("Sinh hoạt chuyên môn tháng 3", line.MeetingNote);
        Assert.False(profile.CanEdit);

        // Hùng reads his own page, not a colleague's; a unit liaison and another centre read none.
        var lan = await ClassTestData.LecturerAsync(db, first.CentreId, "Lê", "Lan", "gv.lan");
        var asHung = new LecturerProfileService(db, new FixedUserScope(first.CentreId, CanEdit: false, UserId: "gv.hung", IsLecturer: true), Clock);
        Assert.NotNull(await asHung.ProfileAsync(hung.Id));
        Assert.Null(await asHung.ProfileAsync(lan.Id));
        Assert.Null(await new LecturerProfileService(db, new FixedUserScope(first.CentreId, UnitId: 1, CanEdit: false), Clock).ProfileAsync(hung.Id));
        Assert.Null(await new LecturerProfileService(db, new FixedUserScope(first.CentreId + 100, CanEdit: false), Clock).ProfileAsync(hung.Id));
    }
}
