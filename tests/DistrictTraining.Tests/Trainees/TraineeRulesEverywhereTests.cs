using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Trainees;

/// <summary>The form, roster entry and the import refuse the same name for the same reason: one set of rules.</summary>
public class TraineeRulesEverywhereTests
{
    [Theory]
    [InlineData(Provider.Sqlite, "=HYPERLINK(\"http://x\",\"Vân\")", "không được bắt đầu bằng dấu =")]
    [InlineData(Provider.PostgreSQL, "=HYPERLINK(\"http://x\",\"Vân\")", "không được bắt đầu bằng dấu =")]
    [InlineData(Provider.Sqlite, "<script>", "dấu < hoặc >")]
    [InlineData(Provider.PostgreSQL, "<script>", "dấu < hoặc >")]
    public async Task Form_roster_entry_and_import_refuse_the_same_name_with_the_same_reason(Provider provider, string given, string reason)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var scope = new FixedUserScope(c.CentreId, UserId: "u1");

        var form = await Assert.ThrowsAsync<TraineeInputException>(() =>
            new TraineeService(db, scope, TimeProvider.System).CreateAsync(new TraineeInput { FamilyName = "Lê", MiddleName = "Hồng", GivenName = given }, confirmedDistinct: true));
        var entry = await Assert.ThrowsAsync<TraineeInputException>(() =>
            new RosterService(db, scope, TimeProvider.System).AddNewAsync(c.Id, new NewTraineeInput("Lê", "Hồng", given, Sex.Female, "1990", null, null, null)));
        var bytes = XlsxBuilder.FromGrid(["Họ", "Tên đệm", "Tên", "Năm sinh"], ["Lê", "Hồng", given, 1990]);
        var preview = await new RosterImportService(db, scope, TimeProvider.System).PreviewAsync(c.Id, new MemoryStream(bytes), bytes.Length, "ds.xlsx");

        var message = Assert.Single(form.Errors).Message;
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.Equal(message, Assert.Single(entry.Errors).Message);
        Assert.Equal([message], Assert.Single(preview.Rows).Errors);
        Assert.False(await db.Trainees.AnyAsync());
    }
}
