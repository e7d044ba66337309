using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Data;

public class PersistenceTests
{
    private sealed class Clerk(string name) : ICurrentUser
    {
        public string? UserId => "u-" + name;

        public string? UserName => name;
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Names_sort_the_Vietnamese_way_and_search_without_diacritics_in_the_database(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Trainees.AddRange(
                Person("Trần", "Văn", "Bình"),
                Person("Nguyễn", "Văn", "An"),
                Person("Đặng", "Thị", "Ánh"),
                Person("Lê", "Thị", "Ân"),
                Person("Đỗ", "Văn", "An"),
                Person("Phạm", "Đức", "Đức"),
                Person("Bùi", "Minh", "Dũng"));
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var ordered = await db.Trainees.OrderBy(t => t.SortKey).Select(t => t.FullName).ToListAsync();
            Assert.Equal(["Đỗ Văn An", "Nguyễn Văn An", "Đặng Thị Ánh", "Lê Thị Ân", "Trần Văn Bình", "Bùi Minh Dũng", "Phạm Đức Đức"], ordered);

            var key = VietnameseText.SearchKey("nguyen van an");
            Assert.Equal(["Nguyễn Văn An"], await db.Trainees.Where(t => t.SearchKey.Contains(key)).Select(t => t.FullName).ToListAsync());
            var dang = VietnameseText.SearchKey("dang");
            Assert.Equal(["Đặng Thị Ánh"], await db.Trainees.Where(t => t.SearchKey.Contains(dang)).Select(t => t.FullName).ToListAsync());
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Uniqueness_is_enforced_where_the_domain_demands_it(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int enrolmentId;
        await using (var db = database.CreateContext())
        {
            var (trainingClass, trainee) = await ClassWithTraineeAsync(db);
            var enrolment = new Enrolment { Class = trainingClass, Trainee = trainee, EnrolledAt = DateTime.UtcNow };
            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync();
            enrolmentId = enrolment.Id;
            db.Certificates.Add(NewCertificate(trainingClass.CentreId, enrolmentId, serial: 1, register: 1, sequence: 1));
            await db.SaveChangesAsync();
        }

        async Task AssertRefused(Action<AppDbContextAccess> change)
        {
            await using var db = database.CreateContext();
            change(new AppDbContextAccess(db));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.CreateContext())
        {
            var e = await db.Enrolments.AsNoTracking().SingleAsync();
            var centreId = (await db.TrainingCentres.SingleAsync()).Id;
            await AssertRefused(a => a.Db.Enrolments.Add(new Enrolment { ClassId = e.ClassId, TraineeId = e.TraineeId, EnrolledAt = DateTime.UtcNow }));
            await AssertRefused(a => a.Db.Certificates.Add(NewCertificate(centreId, enrolmentId, serial: 1, register: 2, sequence: 2)));
            await AssertRefused(a => a.Db.Certificates.Add(NewCertificate(centreId, enrolmentId, serial: 2, register: 1, sequence: 2)));
            await AssertRefused(a => a.Db.Certificates.Add(NewCertificate(centreId, enrolmentId, serial: 2, register: 2, sequence: 1)));
            await AssertRefused(a => a.Db.Trainees.Add(Person("Hồ", "Văn", "Cường", cccd: "052090001234")));
        }

        // The audit trail survived the refused saves untouched, and nothing half-written is left behind.
        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await db.Enrolments.CountAsync());
            Assert.Equal(1, await db.Certificates.CountAsync());
            Assert.Equal(1, await db.Trainees.CountAsync());
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_second_of_two_concurrent_edits_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Trainees.Add(Person("Nguyễn", "Văn", "An"));
            await db.SaveChangesAsync();
        }

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Trainees.SingleAsync();
        var b = await second.Trainees.SingleAsync();
        a.Position = "Bí thư chi bộ";
        await first.SaveChangesAsync();
        b.Position = "Chi ủy viên";
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.CreateContext();
        Assert.Equal("Bí thư chi bộ", (await check.Trainees.SingleAsync()).Position);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Changes_are_audited_with_who_when_and_what(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int id;
        await using (var db = database.CreateContext(new Clerk("giaovu1")))
        {
            var t = Person("Nguyễn", "Văn", "An");
            db.Trainees.Add(t);
            await db.SaveChangesAsync();
            id = t.Id;
        }

        var before = DateTime.UtcNow;
        await using (var db = database.CreateContext(new Clerk("giaovu2")))
        {
            var t = await db.Trainees.SingleAsync();
            t.Position = "Bí thư chi bộ";
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var entries = await db.AuditEntries.Where(a => a.EntityType == "Trainee" && a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
            Assert.Equal(2, entries.Count);
            Assert.Equal(AuditAction.Created, entries[0].Action);
            Assert.Equal("giaovu1", entries[0].UserName);
            Assert.Contains("Nguy", entries[0].Changes);
            Assert.Equal(AuditAction.Updated, entries[1].Action);
            Assert.Equal("giaovu2", entries[1].UserName);
            Assert.Contains("Position", entries[1].Changes);
            Assert.DoesNotContain("FamilyName", entries[1].Changes);
            Assert.True(entries[1].At >= before.AddSeconds(-1));
            Assert.Equal(DateTimeKind.Utc, entries[1].At.Kind);
        }
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Year_only_birth_dates_round_trip(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            var t = Person("Lò", "Văn", "Pấng");
            t.Birth = PartialDate.OfYear(1962);
            db.Trainees.Add(t);
            await db.SaveChangesAsync();
        }

        await using (var db = database.CreateContext())
        {
            var t = await db.Trainees.SingleAsync();
            Assert.Equal("1962", t.Birth.ToString());
        }
    }

    internal sealed record AppDbContextAccess(Core.Data.AppDbContext Db);

    internal static Trainee Person(string family, string middle, string given, string? cccd = null) =>
        new() { FamilyName = family, MiddleName = middle, GivenName = given, Cccd = cccd };

    internal static async Task<(TrainingClass, Trainee)> ClassWithTraineeAsync(Core.Data.AppDbContext db)
    {
        var centre = new TrainingCentre { Name = "Trung tâm Chính trị Thử" };
        var programme = new Programme { Code = "NTD", Name = "Bồi dưỡng nhận thức về Đảng", Kind = ProgrammeKind.PartyAwareness };
        var trainingClass = new TrainingClass { Centre = centre, Programme = programme, Year = 2025, Number = 1 };
        var trainee = Person("Nguyễn", "Văn", "An", cccd: "052090001234");
        db.AddRange(trainingClass, trainee);
        await db.SaveChangesAsync();
        return (trainingClass, trainee);
    }

    private static Certificate NewCertificate(int centreId, int enrolmentId, int serial, int register, int sequence) => new()
    {
        CentreId = centreId, EnrolmentId = enrolmentId, Year = 2025, SerialNumber = serial, RegisterNumber = register,
        IssueSequence = sequence, IssueDate = new DateOnly(2025, 5, 1), SignerName = "Nguyễn Văn Hùng",
        VerificationCode = Guid.NewGuid().ToString("N"),
    };
}
