using System.Data.Common;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Classes;

public class ClassServiceTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_number_is_proposed_per_centre_programme_and_year(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var classes = world.Classes(db);

        Assert.Equal(1, await classes.ProposeNumberAsync(world.Awareness, 2025));
        var proposed = await classes.NewAsync(world.Awareness, 2025);
        Assert.Equal((world.Awareness, 2025, 1), (proposed.ProgrammeId, proposed.Year, proposed.Number));

        await classes.SaveAsync(world.NewClass(1));
        await classes.SaveAsync(world.NewClass(2));
        await classes.SaveAsync(world.NewClass(5)); // corrected by hand: the next proposal follows the largest
        await classes.SaveAsync(world.NewClass(1, year: 2024));

        Assert.Equal(6, await classes.ProposeNumberAsync(world.Awareness, 2025));
        Assert.Equal(2, await classes.ProposeNumberAsync(world.Awareness, 2024));
        Assert.Equal(1, await classes.ProposeNumberAsync(world.NewMember, 2025));
        Assert.Equal(1, await classes.ProposeNumberAsync(world.Awareness, 2026));

        // Another centre numbers its own classes: its first awareness class of 2025 is number 1 too.
        await using var otherDb = database.CreateContext();
        var otherClasses = world.Classes(otherDb, world.OtherStaff);
        Assert.Equal(1, await otherClasses.ProposeNumberAsync(world.Awareness, 2025));
        await otherClasses.SaveAsync(world.NewClass(1));
        Assert.Equal(2, await otherClasses.ProposeNumberAsync(world.Awareness, 2025));
        Assert.Equal(6, await classes.ProposeNumberAsync(world.Awareness, 2025));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task At_half_past_midnight_on_1_January_in_Vietnam_a_new_class_is_numbered_in_the_new_year(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using (var db = database.CreateContext())
        {
            var classes = world.Classes(db);
            await classes.SaveAsync(world.NewClass(1, year: 2025));
            await classes.SaveAsync(world.NewClass(2, year: 2025));
        }

        // 23:30 on 31 December 2025 in Vietnam: still 2025, the next number of 2025 is proposed.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 12, 31, 16, 30, 0, TimeSpan.Zero));
        await using (var db = database.CreateContext())
        {
            var proposed = await world.Classes(db, clock: clock).NewAsync(world.Awareness, year: null);
            Assert.Equal((2025, 3), (proposed.Year, proposed.Number));
        }

        // 00:30 on 1 January 2026 in Vietnam, while a UTC server's date is still 31 December 2025.
        clock.Advance(TimeSpan.FromHours(1));
        await using (var db = database.CreateContext())
        {
            var classes = world.Classes(db, clock: clock);
            var proposed = await classes.NewAsync(world.Awareness, year: null);
            Assert.Equal((2026, 1), (proposed.Year, proposed.Number));
            Assert.Equal([2026, 2025], (await classes.ListChoicesAsync()).Years);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_duplicate_number_is_refused_in_Vietnamese(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        int secondId;
        await using (var db = database.CreateContext())
        {
            var classes = world.Classes(db);
            await classes.SaveAsync(world.NewClass(3));
            secondId = await classes.SaveAsync(world.NewClass(4));
        }

        await using (var db = database.CreateContext())
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => world.Classes(db).SaveAsync(world.NewClass(3)));
            Assert.Equal("Số lớp 3/2025 của chương trình này đã có.", refused.Message);
        }

        await using (var db = database.CreateContext())
        {
            // Renumbering another class onto a taken number is refused the same way.
            var classes = world.Classes(db);
            var second = (await classes.GetForEditAsync(secondId))!;
            var refused = await Assert.ThrowsAsync<DomainException>(() => classes.SaveAsync(second with { Number = 3 }));
            Assert.Equal("Số lớp 3/2025 của chương trình này đã có.", refused.Message);

            // The same number in another programme, another year or for itself is fine.
            await classes.SaveAsync(world.NewClass(3, programmeId: world.NewMember));
            await classes.SaveAsync(world.NewClass(3, year: 2026));
            await classes.SaveAsync(second with { Title = "Lớp ghép" });
        }

        await using (var check = database.CreateContext())
        {
            Assert.Equal(4, await check.TrainingClasses.CountAsync());
            Assert.Equal("Lớp ghép", (await check.TrainingClasses.SingleAsync(c => c.Id == secondId)).Title);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_number_taken_between_the_check_and_the_save_is_refused_by_the_unique_index(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);

        // Another clerk's class 7/2025 lands after the service's own check, just before its insert.
        var rival = new RivalInsert(world.CentreId, world.Awareness, 2025, 7);
        await using (var db = database.CreateContext(rival))
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => world.Classes(db).SaveAsync(world.NewClass(7)));
            Assert.Equal("Số lớp 7/2025 của chương trình này đã có.", refused.Message);
        }

        Assert.True(rival.Inserted);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.TrainingClasses.CountAsync()); // both rolled back with the failed save
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_status_moves_only_along_the_class_rules(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var classes = world.Classes(db);
        var id = await classes.SaveAsync(world.NewClass(1));

        var skipped = await Assert.ThrowsAsync<DomainException>(() => classes.MoveAsync(id, ClassStatus.Finished, null));
        Assert.Equal("Không thể chuyển lớp từ trạng thái \"Kế hoạch\" sang \"Đã kết thúc\".", skipped.Message);

        await classes.MoveAsync(id, ClassStatus.Open, null);
        Assert.Equal([ClassStatus.Finished, ClassStatus.Cancelled], (await classes.GetDetailsAsync(id))!.NextStatuses);
        var back = await Assert.ThrowsAsync<DomainException>(() => classes.MoveAsync(id, ClassStatus.Planned, null));
        Assert.Contains("\"Đang học\" sang \"Kế hoạch\"", back.Message);

        await classes.MoveAsync(id, ClassStatus.Finished, null);
        var details = (await classes.GetDetailsAsync(id))!;
        Assert.Equal(ClassStatus.Finished, details.Status);
        Assert.Empty(details.NextStatuses);
        await Assert.ThrowsAsync<DomainException>(() => classes.MoveAsync(id, ClassStatus.Cancelled, "Trùng lịch"));

        var second = await classes.SaveAsync(world.NewClass(2));
        var noReason = await Assert.ThrowsAsync<DomainException>(() => classes.MoveAsync(second, ClassStatus.Cancelled, "  "));
        Assert.Equal("Phải ghi lý do hủy lớp.", noReason.Message);
        await classes.MoveAsync(second, ClassStatus.Cancelled, "Không đủ học viên");

        await using var check = database.CreateContext();
        var cancelled = await check.TrainingClasses.SingleAsync(c => c.Id == second);
        Assert.Equal(ClassStatus.Cancelled, cancelled.Status);
        Assert.Equal("Không đủ học viên", cancelled.CancellationReason);
        Assert.Equal(ClassStatus.Finished, (await check.TrainingClasses.SingleAsync(c => c.Id == id)).Status);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Class_dates_are_checked(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var classes = world.Classes(db);

        var backwards = world.NewClass(1) with { StartDate = new DateOnly(2025, 3, 14), EndDate = new DateOnly(2025, 3, 10) };
        var refused = await Assert.ThrowsAsync<DomainException>(() => classes.SaveAsync(backwards));
        Assert.Equal("Ngày bế giảng phải cùng ngày hoặc sau ngày khai giảng.", refused.Message);

        // One day is a valid class; so is a planned class without dates yet.
        await classes.SaveAsync(world.NewClass(1) with { StartDate = new DateOnly(2025, 3, 10), EndDate = new DateOnly(2025, 3, 10) });
        var undated = await classes.SaveAsync(world.NewClass(2) with { StartDate = null, EndDate = null });

        // A timetable needs the class's dates first.
        var timetable = world.Timetable(db);
        var noDates = await Assert.ThrowsAsync<DomainException>(() => timetable.SaveSessionAsync(Session(undated, new DateOnly(2025, 3, 10))));
        Assert.StartsWith("Lớp chưa có ngày khai giảng và ngày bế giảng.", noDates.Message);

        // Once sessions exist, the class's dates cannot shrink past them.
        var id = await classes.SaveAsync(world.NewClass(3));
        await timetable.SaveSessionAsync(Session(id, new DateOnly(2025, 3, 13)));
        var edit = (await classes.GetForEditAsync(id))!;
        var shrink = await Assert.ThrowsAsync<DomainException>(() => classes.SaveAsync(edit with { EndDate = new DateOnly(2025, 3, 12) }));
        Assert.Equal("Thời khóa biểu có buổi học ngoài thời gian mới của lớp (ngày 13/03/2025). Hãy sửa các buổi học đó trước.", shrink.Message);
        var cleared = await Assert.ThrowsAsync<DomainException>(() => classes.SaveAsync(edit with { StartDate = null, EndDate = null }));
        Assert.Equal("Lớp đã có thời khóa biểu nên phải có ngày khai giảng và ngày bế giảng.", cleared.Message);
        await classes.SaveAsync(edit with { EndDate = new DateOnly(2025, 3, 13) });
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_list_filters_counts_and_pages_in_the_database(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        int oldCommune, newCommune, otherCommune, clusterClass, mergedClass;
        await using (var db = database.CreateContext())
        {
            var merged = new OrganisationUnit { Name = "Xã Hòa Hội", Kind = UnitKind.Commune, ValidFrom = new DateOnly(2025, 7, 1) };
            var old = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune, ValidTo = new DateOnly(2025, 6, 30) };
            var other = new OrganisationUnit { Name = "Xã Cát Tài", Kind = UnitKind.Commune };
            old.MergeInto(merged, new DateOnly(2025, 6, 30));
            db.OrganisationUnits.AddRange(merged, old, other);
            await db.SaveChangesAsync();
            (oldCommune, newCommune, otherCommune) = (old.Id, merged.Id, other.Id);

            // 60 classes at the centre over three years, 5 at the other centre.
            for (var i = 0; i < 60; i++)
            {
                var year = 2023 + (i % 3);
                var trainingClass = new TrainingClass
                {
                    CentreId = world.CentreId,
                    ProgrammeId = i % 4 == 0 ? world.NewMember : world.Awareness,
                    Year = year,
                    Number = i + 1,
                    StartDate = new DateOnly(year, 1 + (i % 12), 5),
                    EndDate = new DateOnly(year, 1 + (i % 12), 9),
                    VenueKind = i % 10 == 0 ? VenueKind.CommuneCluster : VenueKind.Centre,
                    VenueName = i % 10 == 0 ? "Cụm xã Cát Hanh – Cát Hiệp" : "Hội trường Trung tâm",
                };
                if (i % 5 == 0)
                {
                    trainingClass.MoveTo(ClassStatus.Open);
                }

                db.TrainingClasses.Add(trainingClass);
            }

            for (var i = 0; i < 5; i++)
            {
                db.TrainingClasses.Add(new TrainingClass { CentreId = world.OtherCentreId, ProgrammeId = world.Awareness, Year = 2025, Number = i + 1 });
            }

            await db.SaveChangesAsync();
            clusterClass = await db.TrainingClasses.Where(c => c.CentreId == world.CentreId && c.Number == 11).Select(c => c.Id).SingleAsync();
            mergedClass = await db.TrainingClasses.Where(c => c.CentreId == world.CentreId && c.Number == 12).Select(c => c.Id).SingleAsync();
            await ClassWorld.EnrolAsync(db, clusterClass, 3, oldCommune);
            await ClassWorld.EnrolAsync(db, clusterClass, 2, otherCommune);
            await ClassWorld.EnrolAsync(db, mergedClass, 1, newCommune);

            // A withdrawn trainee neither counts nor makes their unit "served".
            var withdrawn = await db.Enrolments.FirstAsync(e => e.ClassId == clusterClass && e.UnitId == otherCommune);
            withdrawn.Withdraw("Chuyển công tác", DateTime.UtcNow);
            var oneMore = await db.Enrolments.Where(e => e.ClassId == clusterClass && e.UnitId == otherCommune && e.Id != withdrawn.Id).SingleAsync();
            oneMore.Withdraw("Ốm", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var classes = world.Classes(db);
            var first = await classes.ListAsync(new ClassListFilter());
            Assert.Equal(60, first.TotalCount);
            Assert.Equal(3, first.PageCount);
            Assert.Equal(25, first.Items.Count);
            Assert.All(first.Items, c => Assert.Equal("Trung tâm Chính trị Phù Cát", c.CentreName));

            // Newest year first, then latest start date, then number; pages continue the order.
            var all = new List<ClassListItem>(first.Items);
            all.AddRange((await classes.ListAsync(new ClassListFilter { Page = 2 })).Items);
            var third = await classes.ListAsync(new ClassListFilter { Page = 3 });
            Assert.Equal(10, third.Items.Count);
            all.AddRange(third.Items);
            Assert.Equal(60, all.Select(c => c.Id).Distinct().Count());
            var expected = all.OrderByDescending(c => c.Year).ThenByDescending(c => c.StartDate).ThenBy(c => c.Number).Select(c => c.Id);
            Assert.Equal(expected, all.Select(c => c.Id));
            Assert.Equal(2025, all[0].Year);

            Assert.Equal(20, (await classes.ListAsync(new ClassListFilter { Year = 2024 })).TotalCount);
            Assert.Equal(15, (await classes.ListAsync(new ClassListFilter { ProgrammeId = world.NewMember })).TotalCount);
            Assert.Equal(12, (await classes.ListAsync(new ClassListFilter { Status = ClassStatus.Open })).TotalCount);
            Assert.Equal(48, (await classes.ListAsync(new ClassListFilter { Status = ClassStatus.Planned })).TotalCount);
            Assert.Equal(6, (await classes.ListAsync(new ClassListFilter { VenueKind = VenueKind.CommuneCluster })).TotalCount);
            Assert.Equal(6, (await classes.ListAsync(new ClassListFilter { Venue = "cum xa cat hanh" })).TotalCount);
            Assert.Equal(6, (await classes.ListAsync(new ClassListFilter { Venue = "CÁT HIỆP" })).TotalCount);
            Assert.Equal(0, (await classes.ListAsync(new ClassListFilter { Venue = "Tây Sơn" })).TotalCount);
            Assert.Equal(2, (await classes.ListAsync(new ClassListFilter { Year = 2025, VenueKind = VenueKind.CommuneCluster })).TotalCount);

            // Served unit: classes with an active trainee from the unit, or from a unit merged into it.
            Assert.Equal([clusterClass], (await classes.ListAsync(new ClassListFilter { UnitId = oldCommune })).Items.Select(c => c.Id));
            Assert.Equal([clusterClass, mergedClass], (await classes.ListAsync(new ClassListFilter { UnitId = newCommune })).Items.Select(c => c.Id).Order());
            Assert.Equal(0, (await classes.ListAsync(new ClassListFilter { UnitId = otherCommune })).TotalCount);

            // Active trainees are counted in the query.
            var cluster = (await classes.ListAsync(new ClassListFilter { UnitId = oldCommune })).Items.Single();
            Assert.Equal(3, cluster.ActiveTrainees);
            Assert.Equal("lớp thứ 11/2024", cluster.NumberLabel);

            // Paging keeps working with a filter; a page past the end shows the last page.
            var filteredLast = await classes.ListAsync(new ClassListFilter { Year = 2025, Page = 9 });
            Assert.Equal((20, 1, 1), (filteredLast.TotalCount, filteredLast.PageCount, filteredLast.Page));

            var choices = await classes.ListChoicesAsync();
            Assert.Equal(new[] { 2025, 2024, 2023 }, choices.Years.Where(y => y <= 2025).Take(3));
            Assert.False(choices.ShowCentre);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Classes_are_scoped_to_the_users_centre(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        int ours, theirs;
        await using (var db = database.CreateContext())
        {
            ours = await world.Classes(db).SaveAsync(world.NewClass(1) with { HeadLecturerId = world.LecturerId });
            theirs = await world.Classes(db, world.OtherStaff).SaveAsync(world.NewClass(1));
        }

        await using (var db = database.CreateContext())
        {
            var classes = world.Classes(db);
            Assert.Equal([ours], (await classes.ListAsync(new ClassListFilter())).Items.Select(c => c.Id));
            Assert.NotNull(await classes.GetDetailsAsync(ours));
            Assert.Null(await classes.GetDetailsAsync(theirs));
            Assert.Null(await classes.GetForEditAsync(theirs));
            await Assert.ThrowsAsync<DomainException>(() => classes.MoveAsync(theirs, ClassStatus.Open, null));
            await Assert.ThrowsAsync<DomainException>(() => classes.SaveAsync(world.NewClass(2) with { Id = theirs }));

            // A lecturer of another centre cannot head this centre's class.
            var foreign = await Assert.ThrowsAsync<DomainException>(() => classes.SaveAsync(world.NewClass(2) with { HeadLecturerId = world.OtherLecturerId }));
            Assert.Equal("Giảng viên chủ nhiệm không thuộc trung tâm này.", foreign.Message);
            Assert.Equal(["Trần Thị Thu Hà"], (await classes.FormChoicesAsync(null, null)).Lecturers.Select(l => l.Name));
        }

        await using (var db = database.CreateContext())
        {
            // The provincial office reads every centre, with the centre shown, and changes nothing.
            var province = world.Classes(db, new FixedUserScope(null, CanEdit: false, AllCentres: true));
            var list = await province.ListAsync(new ClassListFilter());
            Assert.Equal(2, list.TotalCount);
            Assert.Equal(["Trung tâm Chính trị Phù Cát", "Trung tâm Chính trị Tây Sơn"], list.Items.Select(c => c.CentreName).Order());
            Assert.True((await province.ListChoicesAsync()).ShowCentre);
            var details = await province.GetDetailsAsync(theirs);
            Assert.NotNull(details);
            Assert.False(details.CanEdit);
            await Assert.ThrowsAsync<DomainException>(() => province.MoveAsync(theirs, ClassStatus.Open, null));

            // A reader of the centre sees its classes but cannot change them.
            var reader = world.Classes(db, new FixedUserScope(world.CentreId, CanEdit: false));
            Assert.False((await reader.GetDetailsAsync(ours))!.CanEdit);
            Assert.Null(await reader.GetForEditAsync(ours));
            await Assert.ThrowsAsync<DomainException>(() => reader.SaveAsync(world.NewClass(2)));
            await Assert.ThrowsAsync<DomainException>(() => world.Timetable(db, new FixedUserScope(world.CentreId, CanEdit: false))
                .SaveSessionAsync(Session(ours, new DateOnly(2025, 3, 10))));
        }

        await using (var check = database.CreateContext())
        {
            Assert.Equal(2, await check.TrainingClasses.CountAsync());
            Assert.All(await check.TrainingClasses.ToListAsync(), c => Assert.Equal(ClassStatus.Planned, c.Status));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_second_save_of_a_stale_form_is_told_what_changed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        int id;
        await using (var db = database.CreateContext())
        {
            id = await world.Classes(db).SaveAsync(world.NewClass(1));
        }

        // Two clerks open the same form.
        ClassEdit first, second;
        await using (var db = database.CreateContext())
        {
            first = (await world.Classes(db).GetForEditAsync(id))!;
            second = (await world.Classes(db).GetForEditAsync(id))!;
        }

        await using (var db = database.CreateContext())
        {
            await world.Classes(db).SaveAsync(first with { EndDate = new DateOnly(2025, 3, 20), HeadLecturerId = world.LecturerId });
        }

        ClassEditConflictException conflict;
        var mine = second with { Title = "Lớp cảm tình Đảng đợt 1", Partner = "Ban Tuyên giáo" };
        await using (var db = database.CreateContext())
        {
            conflict = await Assert.ThrowsAsync<ClassEditConflictException>(() => world.Classes(db).SaveAsync(mine));
        }

        Assert.Contains(conflict.Differences, d => d is { Field: nameof(ClassEdit.EndDate), Label: "Ngày bế giảng", TheirValue: "20/03/2025" });
        Assert.Contains(conflict.Differences, d => d is { Field: nameof(ClassEdit.HeadLecturerId), TheirValue: "Trần Thị Thu Hà" });
        Assert.Contains("Ngày bế giảng: 20/03/2025", conflict.Message);
        Assert.StartsWith("Lớp học này vừa được người khác cập nhật", conflict.Message);

        await using (var check = database.CreateContext())
        {
            var saved = await check.TrainingClasses.SingleAsync(c => c.Id == id);
            Assert.Null(saved.Title); // the stale save wrote nothing
            Assert.Equal(new DateOnly(2025, 3, 20), saved.EndDate);
            Assert.Equal(saved.Version, conflict.CurrentVersion);
        }

        // Saving again with the version now in the database overwrites on purpose.
        await using (var db = database.CreateContext())
        {
            await world.Classes(db).SaveAsync(mine with { Version = conflict.CurrentVersion });
        }

        await using (var check = database.CreateContext())
        {
            var saved = await check.TrainingClasses.SingleAsync(c => c.Id == id);
            Assert.Equal(("Lớp cảm tình Đảng đợt 1", "Ban Tuyên giáo", new DateOnly(2025, 3, 14)), (saved.Title, saved.Partner, saved.EndDate));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Details_count_active_trainees_and_warn_below_the_centres_minimum(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var world = await ClassWorld.SeedAsync(database);
        await using var db = database.CreateContext();
        var classes = world.Classes(db);
        var id = await classes.SaveAsync(world.NewClass(1) with { Title = null });
        await ClassWorld.EnrolAsync(db, id, 19);
        var leaving = await db.Enrolments.FirstAsync(e => e.ClassId == id);
        leaving.Withdraw("Chuyển công tác", DateTime.UtcNow);
        await db.SaveChangesAsync();

        var details = (await classes.GetDetailsAsync(id))!;
        Assert.Equal(18, details.ActiveTrainees);
        Assert.Equal(25, details.MinimumClassSize);
        Assert.True(details.IsBelowMinimumSize);
        Assert.Equal("Lớp bồi dưỡng nhận thức về Đảng, lớp thứ 1/2025", details.ClassName);
        Assert.True(details.CanEdit);

        // The minimum is the centre's setting.
        var centre = await db.TrainingCentres.SingleAsync(c => c.Id == world.CentreId);
        centre.MinimumClassSize = 15;
        await db.SaveChangesAsync();
        Assert.False((await classes.GetDetailsAsync(id))!.IsBelowMinimumSize);
    }

    internal static SessionEdit Session(int classId, DateOnly date, DayPart part = DayPart.Morning, int periods = 4) => new()
    {
        ClassId = classId, Date = date, Part = part, Topic = "Điều lệ Đảng và nhiệm vụ của đảng viên", Periods = periods,
    };

    /// <summary>Inserts a rival class with the same number on the saving connection, once, just before the save's own insert.</summary>
    private sealed class RivalInsert(int centreId, int programmeId, int year, int number) : SaveChangesInterceptor
    {
        public bool Inserted { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Inserted && eventData.Context is { } context
                && context.ChangeTracker.Entries<TrainingClass>().Any(e => e.State == EntityState.Added))
            {
                Inserted = true;
                DbConnection connection = context.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
                command.CommandText = """
                    INSERT INTO "TrainingClasses" ("CentreId", "ProgrammeId", "Year", "Number", "VenueKind", "Status", "Funding", "Version")
                    VALUES (@centre, @programme, @year, @number, 1, 1, 1, @version)
                    """;
                Add(command, "@centre", centreId);
                Add(command, "@programme", programmeId);
                Add(command, "@year", year);
                Add(command, "@number", number);
                Add(command, "@version", Guid.NewGuid());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return result;
        }

        private static void Add(DbCommand command, string name, object value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
