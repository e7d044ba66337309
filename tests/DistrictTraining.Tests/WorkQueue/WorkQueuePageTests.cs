using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.WorkQueue;

public class WorkQueuePageTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_home_page_of_centre_staff_lists_todays_unmarked_sessions_and_links_to_their_attendance(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        // 2 March 2026, 09:00 in Vietnam: the first day of the test class's timetable.
        await using var factory = new PortalFactory(database, clock: new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero)));
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        int classId;
        await using (var db = database.CreateContext())
        {
            var c = await ClassTestData.CreateAsync(db, trainees: 3, sessions: 4, centreId: (await db.TrainingCentres.FirstAsync()).Id, status: ClassStatus.Open);
            await ClassTestData.MarkAsync(db, [(c.EnrolmentIds[0], c.SessionIds[0], AttendanceStatus.Present)]);
            classId = c.ClassId;
        }

        var staff = await factory.SignInAsync("giaovu");
        var home = await staff.GetDocumentAsync("/");
        var sessions = home.QuerySelectorAll("#sessions-to-mark li");
        Assert.Equal(2, sessions.Length);
        Assert.Contains("buổi sáng 02/03/2026", sessions[0].TextContent);
        Assert.Contains("đã điểm danh 1/3 học viên", sessions[0].TextContent);
        Assert.Contains("đã điểm danh 0/3 học viên", sessions[1].TextContent);
        Assert.Equal($"/Attendance/Index/{classId}", sessions[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("2", home.QuerySelector("#to-do-count")!.TextContent.Trim());
        Assert.NotNull(home.QuerySelector($"#classes-underway tr[data-class-id='{classId}']"));

        // A committee official gets no staff queue on their home page.
        var official = await factory.SignInAsync("lanhdao");
        var officialHome = await official.GetDocumentAsync("/");
        Assert.Null(officialHome.QuerySelector("#work-queue"));
    }
}
