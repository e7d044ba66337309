using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Demo;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DistrictTraining.Tests.Data;

public class DemoDataTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Demo_data_fills_a_believable_centre(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Programmes.AddRange(ProgrammeCatalogue.Create());
            await db.SaveChangesAsync();
            await new DemoDataSeeder(db, new DatabaseOptions { SeedDemoData = true }, NullLogger<DemoDataSeeder>.Instance, TimeProvider.System).SeedIfEnabledAsync();
        }

        await using (var db = database.CreateContext())
        {
            Assert.Equal(2000, await db.Trainees.CountAsync());
            Assert.Equal(0, await db.Trainees.CountAsync(t => t.UnitId == null));
            var years = await db.TrainingClasses.Select(c => c.Year).Distinct().CountAsync();
            Assert.Equal(3, years);
            Assert.Equal(45, await db.TrainingClasses.CountAsync());
            Assert.True(await db.Enrolments.CountAsync() > 1300);
            Assert.True(await db.ClassSessions.CountAsync() > 100);
            // The 2025 merger: old communes end on 30/06/2025 and point to their successor.
            var merged = await db.OrganisationUnits.Where(u => u.SucceededById != null).ToListAsync();
            Assert.Equal(16, merged.Count);
            Assert.All(merged, u => Assert.Equal(new DateOnly(2025, 6, 30), u.ValidTo));
            // Class numbers restart per programme and year and never repeat.
            var numbers = await db.TrainingClasses.Select(c => new { c.ProgrammeId, c.Year, c.Number, c.StartDate }).ToListAsync();
            foreach (var group in numbers.GroupBy(n => (n.ProgrammeId, n.Year)))
            {
                Assert.Equal(Enumerable.Range(1, group.Count()), group.Select(g => g.Number).Order());
                Assert.Equal(group.OrderBy(g => g.StartDate).ThenBy(g => g.Number).Select(g => g.Number), group.OrderBy(g => g.Number).Select(g => g.Number));
            }

            // Several programmes of the catalogue, the awareness and new-member classes most often.
            Assert.True(numbers.Select(n => n.ProgrammeId).Distinct().Count() >= 3);

            // Names are stored in Vietnamese order: family name first, given name last.
            var sample = await db.Trainees.OrderBy(t => t.SortKey).Take(3).Select(t => new { t.FullName, t.GivenName }).ToListAsync();
            Assert.All(sample, s => Assert.EndsWith(" " + s.GivenName, s.FullName));
            Assert.Contains(await db.TrainingClasses.Select(c => c.Status).Distinct().ToListAsync(), s => s == ClassStatus.Finished);
        }
    }

    [Fact]
    public async Task Demo_data_is_off_by_default()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        await new DemoDataSeeder(db, new DatabaseOptions(), NullLogger<DemoDataSeeder>.Instance, TimeProvider.System).SeedIfEnabledAsync();
        Assert.False(await db.Trainees.AnyAsync());
        Assert.False(new DatabaseOptions().SeedDemoData);
    }
}
