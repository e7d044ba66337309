using System.Data.Common;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace DistrictTraining.Tests.Trainees;

public class TraineeServiceTests
{
    private sealed class Clerk(string name) : ICurrentUser
    {
        public string? UserId => null;

        public string? UserName => name;
    }

    private static readonly IUserScope Staff = new FixedUserScope(CentreId: null);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Search_ignores_diacritics_and_case_and_lists_in_Vietnamese_order(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Trainees.AddRange(
                Person("Trần", "Văn", "Bình"),
                Person("Nguyễn", "Văn", "An", birth: PartialDate.Full(new DateOnly(1985, 3, 12)), sex: Sex.Male),
                Person("Đặng", "Thị", "Ánh", birth: PartialDate.OfYear(1990)),
                Person("Lê", "Thị", "Ân"),
                Person("Đỗ", "Văn", "An"),
                Person("Phạm", "Đức", "Đức"));
            await db.SaveChangesAsync();
        }

        await using var context = database.CreateContext();
        var service = new TraineeService(context, Staff, TimeProvider.System);

        Assert.Equal(["Nguyễn Văn An"], Names(await service.SearchAsync(new("nguyen van an"))));
        Assert.Equal(["Nguyễn Văn An"], Names(await service.SearchAsync(new("NGUYỄN  văn AN"))));
        Assert.Equal(["Đặng Thị Ánh"], Names(await service.SearchAsync(new("dang"))));
        // Decomposed (NFD) input, as some keyboards send it, finds the same person.
        Assert.Equal(["Đặng Thị Ánh"], Names(await service.SearchAsync(new("Đặng Thị Ánh".Normalize(System.Text.NormalizationForm.FormD)))));
        // By given name, then middle, then family name, with the Vietnamese letter order (a, ă, â … d, đ).
        Assert.Equal(["Đỗ Văn An", "Nguyễn Văn An", "Đặng Thị Ánh", "Lê Thị Ân", "Trần Văn Bình"], Names(await service.SearchAsync(new("an"))));
        Assert.Equal(6, (await service.SearchAsync(new())).TotalCount);

        var an = (await service.SearchAsync(new("nguyen van an"))).Items.Single();
        Assert.Equal(("Nam", "12/03/1985"), (an.Sex, an.Birth));
        Assert.Equal("1990", (await service.SearchAsync(new("dang thi anh"))).Items.Single().Birth);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Search_pages_by_25_filters_and_counts_the_classes_attended(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int catHanh, withClasses;
        await using (var db = database.CreateContext())
        {
            var unit = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
            db.OrganisationUnits.Add(unit);
            for (var i = 0; i < 30; i++)
            {
                var t = Person("Vũ", "Thị", "Mai", birth: PartialDate.Full(new DateOnly(1980 + (i % 3), 1 + (i % 12), 1 + i)));
                t.Unit = i < 10 ? unit : null;
                t.PartyStatus = i % 2 == 0 ? PartyStatus.FullMember : PartyStatus.NonMember;
                db.Trainees.Add(t);
            }

            await db.SaveChangesAsync();
            catHanh = unit.Id;
            var (first, second) = await TwoClassesAsync(db);
            var person = await db.Trainees.OrderBy(t => t.Id).FirstAsync();
            withClasses = person.Id;
            db.Enrolments.Add(new Enrolment { Class = first, Trainee = person, EnrolledAt = DateTime.UtcNow });
            var withdrawn = new Enrolment { Class = second, Trainee = person, EnrolledAt = DateTime.UtcNow };
            withdrawn.Withdraw("Ốm dài ngày", DateTime.UtcNow);
            db.Enrolments.Add(withdrawn);
            await db.SaveChangesAsync();
        }

        await using var context = database.CreateContext();
        var service = new TraineeService(context, Staff, TimeProvider.System);

        var page1 = await service.SearchAsync(new("vu thi mai"));
        Assert.Equal((30, 25, 2), (page1.TotalCount, page1.Items.Count, page1.PageCount));
        var page2 = await service.SearchAsync(new("vu thi mai", Page: 2));
        Assert.Equal(5, page2.Items.Count);
        Assert.Empty(page1.Items.Select(i => i.Id).Intersect(page2.Items.Select(i => i.Id)));

        Assert.Equal(10, (await service.SearchAsync(new("mai", UnitId: catHanh))).TotalCount);
        Assert.All((await service.SearchAsync(new("mai", UnitId: catHanh))).Items, i => Assert.Equal("Xã Cát Hanh", i.UnitName));
        Assert.Equal(10, (await service.SearchAsync(new(null, BirthYear: 1981))).TotalCount);
        Assert.Equal(15, (await service.SearchAsync(new(null, PartyStatus: PartyStatus.FullMember))).TotalCount);
        Assert.Equal(2, (await service.SearchAsync(new(null, UnitId: catHanh, BirthYear: 1980, PartyStatus: PartyStatus.FullMember))).TotalCount);

        var all = (await service.SearchAsync(new("vu thi mai", Page: 1))).Items.Concat(page2.Items).ToList();
        Assert.Equal(1, all.Single(i => i.Id == withClasses).ClassCount); // the withdrawal does not count
        Assert.Equal(29, all.Count(i => i.ClassCount == 0));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_12_digit_CCCD_is_searched_exactly(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Trainees.AddRange(Person("Nguyễn", "Văn", "An", cccd: "052085001234"), Person("Lê", "Văn", "Tám", cccd: "052085001235"));
            await db.SaveChangesAsync();
        }

        await using var context = database.CreateContext();
        var service = new TraineeService(context, Staff, TimeProvider.System);
        Assert.Equal(["Nguyễn Văn An"], Names(await service.SearchAsync(new("052085001234"))));
        Assert.Equal(["Nguyễn Văn An"], Names(await service.SearchAsync(new(" 052 085 001 234 "))));
        Assert.Empty(Names(await service.SearchAsync(new("05208500123"))));
        Assert.Empty(Names(await service.SearchAsync(new("052085001239"))));
        Assert.Equal(["Lê Văn Tám"], (await service.LookupAsync("052085001235")).Select(l => l.FullName));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Lookup_puts_names_starting_with_the_text_first_then_the_others_in_Vietnamese_order(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            var unit = new OrganisationUnit { Name = "Xã Cát Tài", Kind = UnitKind.Commune };
            db.Trainees.AddRange(
                Person("Trần", "Văn", "Đăng"),
                Person("Đặng", "Văn", "Bình", birth: PartialDate.OfYear(1970)),
                Person("Đặng", "Thị", "Ánh", cccd: "052190001234", birth: PartialDate.Full(new DateOnly(1990, 3, 12))),
                Person("Hải", "Đăng", "Long"),
                Person("Lê", "Văn", "Dần"));
            db.Trainees.Local.Single(t => t.GivenName == "Ánh").Unit = unit;
            await db.SaveChangesAsync();
        }

        await using var context = database.CreateContext();
        var service = new TraineeService(context, Staff, TimeProvider.System);
        var found = await service.LookupAsync("dang");
        Assert.Equal(["Đặng Thị Ánh", "Đặng Văn Bình", "Trần Văn Đăng", "Hải Đăng Long"], found.Select(f => f.FullName));
        Assert.Equal(["Đặng Thị Ánh", "Đặng Văn Bình"], (await service.LookupAsync("dang", take: 2)).Select(f => f.FullName));
        var anh = found[0];
        Assert.Equal(("12/03/1990", "…1234", "Xã Cát Tài"), (anh.Birth, anh.CccdTail, anh.UnitName));
        Assert.Equal("1970", found[1].Birth);
        Assert.Empty(await service.LookupAsync("  "));
        Assert.Empty(await service.LookupAsync("xyz"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_unit_liaison_sees_only_the_trainees_of_their_unit(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int ownUnit, ownId, otherId;
        await using (var db = database.CreateContext())
        {
            var own = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
            var other = new OrganisationUnit { Name = "Xã Cát Hiệp", Kind = UnitKind.Commune };
            var mine = Person("Nguyễn", "Văn", "An");
            mine.Unit = own;
            var theirs = Person("Nguyễn", "Văn", "Anh");
            theirs.Unit = other;
            var nowhere = Person("Nguyễn", "Thị", "An");
            db.Trainees.AddRange(mine, theirs, nowhere);
            await db.SaveChangesAsync();
            (ownUnit, ownId, otherId) = (own.Id, mine.Id, theirs.Id);
        }

        await using var context = database.CreateContext();
        var liaison = new TraineeService(context, new FixedUserScope(CentreId: null, UnitId: ownUnit, CanEdit: false), TimeProvider.System);
        Assert.Equal(["Nguyễn Văn An"], Names(await liaison.SearchAsync(new("nguyen"))));
        // Asking for another unit in the filter does not widen the scope.
        Assert.Empty(Names(await liaison.SearchAsync(new("nguyen", UnitId: ownUnit + 1))));
        Assert.Equal(["Nguyễn Văn An"], (await liaison.LookupAsync("nguyen")).Select(l => l.FullName));
        Assert.NotNull(await liaison.GetDetailsAsync(ownId));
        Assert.Null(await liaison.GetDetailsAsync(otherId));
        Assert.Null(await liaison.GetForEditAsync(otherId));
        Assert.Equal(["Xã Cát Hanh"], (await liaison.FilterUnitChoicesAsync()).Select(u => u.Name));

        var staff = new TraineeService(context, Staff, TimeProvider.System);
        Assert.Equal(3, (await staff.SearchAsync(new("nguyen"))).TotalCount);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Create_cleans_the_text_and_refuses_a_CCCD_that_is_someone_elses(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var context = database.CreateContext(new Clerk("giaovu"));
        var service = new TraineeService(context, Staff, TimeProvider.System);

        var first = await service.CreateAsync(Input("Nguyễn", "Văn", "An", "12/03/1985", "052 085 001 234") with
        {
            Position = "  Bí  thư\u00A0chi bộ ", Note = "Dòng 1  \r\nDòng 2", Sex = Sex.Male,
        }, confirmedDistinct: false);
        var saved = Assert.IsType<TraineeSaved>(first.Saved);
        Assert.Empty(saved.Warnings);
        var stored = await context.Trainees.AsNoTracking().SingleAsync();
        Assert.Equal(("Nguyễn Văn An", "052085001234", "Bí thư chi bộ", "Dòng 1\nDòng 2"), (stored.FullName, stored.Cccd, stored.Position, stored.Note));
        Assert.True(stored.FamilyName.IsNormalized(System.Text.NormalizationForm.FormC));

        var duplicate = await Assert.ThrowsAsync<DuplicateCccdException>(() =>
            service.CreateAsync(Input("Trần", "Thị", "Bích", "1990", "052085001234"), confirmedDistinct: true));
        Assert.Equal("Số CCCD này đã thuộc về học viên Nguyễn Văn An (sinh 1985).", duplicate.Message);
        Assert.Equal(saved.Id, duplicate.Owner.Id);

        // Editing someone else to carry the same CCCD is refused the same way.
        var other = (await service.CreateAsync(Input("Trần", "Thị", "Bích", "1990", null), false)).Saved!;
        var edit = (await service.GetForEditAsync(other.Id))!;
        await Assert.ThrowsAsync<DuplicateCccdException>(() =>
            service.UpdateAsync(other.Id, edit.Input with { Cccd = "052085001234" }, edit.Version, edit.HistoryMark));
        Assert.Equal(2, await context.Trainees.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_CCCD_taken_between_the_check_and_the_save_is_refused_by_the_unique_index_with_the_same_message(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        // Another clerk saves the same CCCD while this save is under way: right after the CCCD check.
        var race = new BeforeTaggedQuery(TraineeService.PossibleDuplicateTag, async () =>
        {
            await using var other = database.CreateContext();
            other.Trainees.Add(Person("Lê", "Văn", "Tám", cccd: "052085001234", birth: PartialDate.OfYear(1985)));
            await other.SaveChangesAsync();
        });
        await using var context = database.CreateContext(race);
        var service = new TraineeService(context, Staff, TimeProvider.System);

        var refused = await Assert.ThrowsAsync<DuplicateCccdException>(() =>
            service.CreateAsync(Input("Nguyễn", "Văn", "An", "12/03/1985", "052085001234"), confirmedDistinct: false));
        Assert.True(race.Fired);
        Assert.Equal("Số CCCD này đã thuộc về học viên Lê Văn Tám (sinh 1985).", refused.Message);
        await using var check = database.CreateContext();
        Assert.Equal(["Lê Văn Tám"], await check.Trainees.Select(t => t.FullName).ToListAsync());
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.EntityType == "Trainee"));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_possible_duplicate_is_only_created_after_an_explicit_confirmation(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var context = database.CreateContext();
        var service = new TraineeService(context, Staff, TimeProvider.System);
        var existing = (await service.CreateAsync(Input("Nguyễn", "Văn", "An", "12/03/1985", null), false)).Saved!;
        await service.CreateAsync(Input("Nguyễn", "Văn", "An", "13/03/1985", null), false); // another day: another person
        Assert.Equal(2, await context.Trainees.CountAsync());

        // Same name (typed without diacritics) and the same date of birth.
        var stopped = await service.CreateAsync(Input("Nguyen", "Van", "An", "12/03/1985", "052085009999"), confirmedDistinct: false);
        Assert.Null(stopped.Saved);
        Assert.Equal([existing.Id], stopped.PossibleDuplicates.Select(d => d.Id));
        Assert.Equal("12/03/1985", stopped.PossibleDuplicates[0].Birth);
        Assert.Equal(2, await context.Trainees.CountAsync());

        // A year-only birth may be any day of that year.
        var yearOnly = await service.CreateAsync(Input("Nguyễn", "Văn", "An", "1985", null), confirmedDistinct: false);
        Assert.Equal(2, yearOnly.PossibleDuplicates.Count);

        var confirmed = await service.CreateAsync(Input("Nguyen", "Van", "An", "12/03/1985", "052085009999"), confirmedDistinct: true);
        Assert.NotNull(confirmed.Saved);
        Assert.Equal(3, await context.Trainees.CountAsync());

        // Two different CCCDs are two different people: only the record without a CCCD is a question.
        var differentIds = await service.CreateAsync(Input("Nguyễn", "Văn", "An", "12/03/1985", "052085008888"), confirmedDistinct: false);
        Assert.Equal([existing.Id], differentIds.PossibleDuplicates.Select(d => d.Id));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Of_two_concurrent_edits_the_second_is_refused_naming_what_the_first_changed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int id;
        await using (var db = database.CreateContext(new Clerk("giaovu1")))
        {
            var created = await new TraineeService(db, Staff, TimeProvider.System).CreateAsync(Input("Nguyễn", "Văn", "An", "1985", null), false);
            id = created.Saved!.Id;
        }

        await using var first = database.CreateContext(new Clerk("giaovu1"));
        await using var second = database.CreateContext(new Clerk("giaovu2"));
        var a = new TraineeService(first, Staff, TimeProvider.System);
        var b = new TraineeService(second, Staff, TimeProvider.System);
        var formA = (await a.GetForEditAsync(id))!;
        var formB = (await b.GetForEditAsync(id))!;

        await a.UpdateAsync(id, formA.Input with { Position = "Bí thư chi bộ", Birth = "12/03/1985" }, formA.Version, formA.HistoryMark);

        var mine = formB.Input with { Position = "Chi ủy viên", Phone = "0912 345 678" };
        var conflict = await Assert.ThrowsAsync<TraineeEditConflictException>(() => b.UpdateAsync(id, mine, formB.Version, formB.HistoryMark));
        Assert.Contains("giaovu1", conflict.Message);
        Assert.Equal(
            ["Ngày sinh: “12/03/1985” → bản của bạn: “1985”", "Chức vụ: “Bí thư chi bộ” → bản của bạn: “Chi ủy viên”"],
            conflict.Changes);

        await using (var check = database.CreateContext())
        {
            var stored = await check.Trainees.SingleAsync();
            Assert.Equal(("Bí thư chi bộ", null, "12/03/1985"), (stored.Position, stored.Phone, stored.Birth?.ToString()));
        }

        // Seen and saved again on purpose: now it goes through.
        await b.UpdateAsync(id, mine, conflict.CurrentVersion, conflict.HistoryMark);
        await using (var check = database.CreateContext())
        {
            var stored = await check.Trainees.SingleAsync();
            Assert.Equal(("Chi ủy viên", "0912 345 678"), (stored.Position, stored.Phone));
            var audit = await check.AuditEntries.Where(e => e.EntityType == "Trainee" && e.EntityId == id.ToString()).OrderBy(e => e.Id).ToListAsync();
            Assert.Equal([AuditAction.Created, AuditAction.Updated, AuditAction.Updated], audit.Select(e => e.Action));
            Assert.Equal(["giaovu1", "giaovu1", "giaovu2"], audit.Select(e => e.UserName));
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_save_that_slips_in_after_the_version_check_is_caught_by_the_database(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int id;
        await using (var db = database.CreateContext())
        {
            id = (await new TraineeService(db, Staff, TimeProvider.System).CreateAsync(Input("Nguyễn", "Văn", "An", "1985", null), false)).Saved!.Id;
        }

        // The other save lands after this edit compared versions, just before it writes (at its CCCD check).
        var race = new BeforeTaggedQuery(TraineeService.CccdCheckTag, async () =>
        {
            await using var other = database.CreateContext(new Clerk("giaovu1"));
            (await other.Trainees.SingleAsync()).Position = "Bí thư chi bộ";
            await other.SaveChangesAsync();
        });
        await using var context = database.CreateContext(race, new Clerk("giaovu2"));
        var service = new TraineeService(context, Staff, TimeProvider.System);
        var form = (await service.GetForEditAsync(id))!;
        var conflict = await Assert.ThrowsAsync<TraineeEditConflictException>(() =>
            service.UpdateAsync(id, form.Input with { Cccd = "052085001234", Position = "Chi ủy viên" }, form.Version, form.HistoryMark));
        Assert.True(race.Fired);
        Assert.Equal(["Chức vụ: “Bí thư chi bộ” → bản của bạn: “Chi ủy viên”"], conflict.Changes);
        await using var check = database.CreateContext();
        var stored = await check.Trainees.SingleAsync();
        Assert.Equal(("Bí thư chi bộ", null), (stored.Position, stored.Cccd));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_person_page_shows_classes_certificates_and_a_readable_history(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int id;
        await using (var db = database.CreateContext(new Clerk("giaovu")))
        {
            var service = new TraineeService(db, Staff, TimeProvider.System);
            var unit = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
            db.OrganisationUnits.Add(unit);
            await db.SaveChangesAsync();
            id = (await service.CreateAsync(Input("Đặng", "Thị", "Ánh", "1990", "052190001234") with { Sex = Sex.Female }, false)).Saved!.Id;
            var form = (await service.GetForEditAsync(id))!;
            await service.UpdateAsync(id, form.Input with
            {
                Sex = Sex.Male, UnitId = unit.Id, PartyStatus = PartyStatus.Probationary, PartyJoinDate = new DateOnly(2024, 5, 19),
            }, form.Version, form.HistoryMark);

            var (first, second) = await TwoClassesAsync(db);
            var enrolment = new Enrolment { Class = first, TraineeId = id, Role = ClassRole.Monitor, EnrolledAt = DateTime.UtcNow };
            enrolment.Result = new AssessmentResult { Score = 8.5m, GradeName = "Giỏi", Completed = true };
            var withdrawn = new Enrolment { Class = second, TraineeId = id, EnrolledAt = DateTime.UtcNow };
            withdrawn.Withdraw("Đi công tác dài ngày", DateTime.UtcNow);
            db.Enrolments.AddRange(enrolment, withdrawn);
            await db.SaveChangesAsync();
            db.Certificates.Add(new Certificate
            {
                CentreId = first.CentreId, EnrolmentId = enrolment.Id, Year = 2023, SerialNumber = 17, RegisterNumber = 42,
                IssueDate = new DateOnly(2023, 6, 2), SignerName = "Nguyễn Văn Hùng", GradeName = "Giỏi", VerificationCode = "abc",
            });
            await db.SaveChangesAsync();
        }

        await using var context = database.CreateContext();
        var details = (await new TraineeService(context, Staff, TimeProvider.System).GetDetailsAsync(id))!;
        Assert.Equal(("Đặng Thị Ánh", "Nam", "1990", "Xã Cát Hanh", "Đảng viên dự bị"), (details.FullName, details.Sex, details.Birth, details.UnitName, details.PartyStatus));
        Assert.Equal(["CCCD cho biết giới tính Nữ, nhưng giới tính đã nhập là Nam."], details.IdentityWarnings);

        Assert.Equal(2, details.Classes.Count);
        var attended = details.Classes.Single(c => !c.Withdrawn);
        Assert.Equal(("Bồi dưỡng nhận thức về Đảng", "lớp thứ 3/2023", "Lớp trưởng", 8.5m, "Giỏi", true),
            (attended.ProgrammeName, attended.NumberLabel, attended.Role, attended.Score, attended.Grade, attended.Completed));
        Assert.Equal("Đi công tác dài ngày", details.Classes.Single(c => c.Withdrawn).WithdrawalReason);

        var certificate = Assert.Single(details.Certificates);
        Assert.Equal((17, 42, "Có hiệu lực", "lớp thứ 3/2023"), (certificate.SerialNumber, certificate.RegisterNumber, certificate.Status, certificate.NumberLabel));

        Assert.Equal(2, details.History.Count);
        var (latest, creation) = (details.History[0], details.History[1]);
        Assert.Equal(("giaovu", "Sửa hồ sơ"), (latest.Who, latest.Action));
        Assert.Equal(
            ["Giới tính: Nữ → Nam", "Đơn vị: (trống) → Xã Cát Hanh", "Đảng viên: Quần chúng → Đảng viên dự bị", "Ngày vào Đảng: (trống) → 19/05/2024"],
            latest.Changes);
        Assert.Equal("Tạo hồ sơ", creation.Action);
        Assert.Contains("Ngày sinh: 1990", creation.Changes);
        Assert.Contains("Số CCCD: 052190001234", creation.Changes);
        Assert.Matches(@"^\d\d:\d\d \d\d/\d\d/\d{4}$", latest.When);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Units_offered_are_those_in_force_today_plus_the_one_a_record_already_has(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int oldUnit;
        await using (var db = database.CreateContext())
        {
            var merged = new OrganisationUnit { Name = "Xã Cát Hiệp", Kind = UnitKind.Commune, ValidTo = new DateOnly(2025, 6, 30) };
            db.OrganisationUnits.AddRange(
                merged,
                new OrganisationUnit { Name = "Xã Hòa Hội", Kind = UnitKind.Commune, ValidFrom = new DateOnly(2025, 7, 1) },
                new OrganisationUnit { Name = "Xã Đề Gi", Kind = UnitKind.Commune, ValidFrom = new DateOnly(2025, 7, 1) },
                new OrganisationUnit { Name = "Xã Cát Thắng", Kind = UnitKind.Commune });
            await db.SaveChangesAsync();
            oldUnit = merged.Id;
        }

        await using var context = database.CreateContext();
        var service = new TraineeService(context, Staff, TimeProvider.System);
        Assert.Equal(["Xã Cát Thắng", "Xã Đề Gi", "Xã Hòa Hội"], (await service.UnitChoicesAsync()).Select(u => u.Name));
        Assert.Equal(["Xã Cát Hiệp", "Xã Cát Thắng", "Xã Đề Gi", "Xã Hòa Hội"], (await service.UnitChoicesAsync(oldUnit)).Select(u => u.Name));

        var refused = await Assert.ThrowsAsync<TraineeInputException>(() =>
            service.CreateAsync(Input("Lê", "Văn", "Tám", null, null) with { UnitId = oldUnit }, false));
        Assert.Equal("UnitId", Assert.Single(refused.Errors).Field);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task At_half_past_midnight_on_1_July_2025_in_Vietnam_the_merged_communes_are_offered(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int expired;
        int merged;
        await using (var db = database.CreateContext())
        {
            var old = new OrganisationUnit { Name = "Xã Cát Hiệp", Kind = UnitKind.Commune, ValidTo = new DateOnly(2025, 6, 30) };
            var successor = new OrganisationUnit { Name = "Xã Hòa Hội", Kind = UnitKind.Commune, ValidFrom = new DateOnly(2025, 7, 1) };
            db.OrganisationUnits.AddRange(old, successor, new OrganisationUnit { Name = "Xã Cát Thắng", Kind = UnitKind.Commune });
            await db.SaveChangesAsync();
            (expired, merged) = (old.Id, successor.Id);
        }

        // 23:30 on 30 June 2025 in Vietnam: the pre-merger commune is still the one offered.
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 30, 16, 30, 0, TimeSpan.Zero));
        await using (var context = database.CreateContext())
        {
            Assert.Equal(["Xã Cát Hiệp", "Xã Cát Thắng"], (await new TraineeService(context, Staff, clock).UnitChoicesAsync()).Select(u => u.Name));
        }

        // 00:30 on 1 July 2025 in Vietnam, while a UTC server's date is still 30 June.
        clock.Advance(TimeSpan.FromHours(1));
        await using (var context = database.CreateContext())
        {
            var service = new TraineeService(context, Staff, clock);
            Assert.Equal(["Xã Cát Thắng", "Xã Hòa Hội"], (await service.UnitChoicesAsync()).Select(u => u.Name));
            Assert.Equal([false, true, true], (await service.UnitChoicesAsync(expired)).Select(u => u.Current));

            // The expired commune is refused for a new person; the merged one is taken.
            var refused = await Assert.ThrowsAsync<TraineeInputException>(() =>
                service.CreateAsync(Input("Lê", "Văn", "Tám", null, null) with { UnitId = expired }, false));
            Assert.Equal("UnitId", Assert.Single(refused.Errors).Field);
            Assert.NotNull((await service.CreateAsync(Input("Lê", "Văn", "Tám", null, null) with { UnitId = merged }, false)).Saved);
        }
    }

    private static List<string> Names(PagedList<TraineeListItem> page) => page.Items.Select(i => i.FullName).ToList();

    private static Trainee Person(string family, string middle, string given, string? cccd = null, PartialDate? birth = null, Sex? sex = null) =>
        new() { FamilyName = family, MiddleName = middle, GivenName = given, Cccd = cccd, Birth = birth, Sex = sex };

    private static TraineeInput Input(string family, string middle, string given, string? birth, string? cccd) =>
        new() { FamilyName = family, MiddleName = middle, GivenName = given, Birth = birth, Cccd = cccd };

    private static async Task<(TrainingClass First, TrainingClass Second)> TwoClassesAsync(AppDbContext db)
    {
        var centre = new TrainingCentre { Name = "Trung tâm Chính trị Thử" };
        var programme = new Programme { Code = "NTD-T", Name = "Bồi dưỡng nhận thức về Đảng", Kind = ProgrammeKind.PartyAwareness };
        var first = new TrainingClass { Centre = centre, Programme = programme, Year = 2023, Number = 3, StartDate = new DateOnly(2023, 5, 8), EndDate = new DateOnly(2023, 5, 12) };
        var second = new TrainingClass { Centre = centre, Programme = programme, Year = 2024, Number = 1 };
        db.TrainingClasses.AddRange(first, second);
        await db.SaveChangesAsync();
        return (first, second);
    }

    /// <summary>Runs <paramref name="action"/> once, just before the first query tagged <paramref name="tag"/> runs.</summary>
    private sealed class BeforeTaggedQuery(string tag, Func<Task> action) : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (!Fired && command.CommandText.Contains("-- " + tag, StringComparison.Ordinal))
            {
                Fired = true;
                await action();
            }

            return result;
        }
    }
}
