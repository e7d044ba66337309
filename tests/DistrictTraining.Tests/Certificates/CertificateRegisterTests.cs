using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Excel;
using DistrictTraining.Tests.Excel;
using System.Data.Common;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DistrictTraining.Tests.Certificates;

public class CertificateRegisterTests
{
    private static readonly DateOnly IssueDay = new(2026, 3, 12);

    /// <summary>
    /// A register of seven entries: two classes, one reissue (the old entry superseded, the new one
    /// at the end), one revocation and, in an old year, an expired awareness certificate.
    /// </summary>
    private static async Task<(int CentreId, int FirstClassId, int SecondClassId)> RegisterAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var first = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3, notCompleted: 1, number: 1, tag: "A");
        var second = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, number: 1, programmeCode: "DVM", tag: "B");
        var old = await CertificateTestData.ClassAsync(db, centre.Id, completed: 1, number: 4, year: 2020, tag: "C", decisionDate: new DateOnly(2020, 5, 4));
        var service = new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System);
        await service.IssueForClassAsync(first.Id, new IssueRequest(IssueDay));
        await service.IssueForClassAsync(second.Id, new IssueRequest(IssueDay.AddDays(1)));
        await service.IssueForClassAsync(old.Id, new IssueRequest(new DateOnly(2020, 5, 6)));
        var ids = await db.Certificates.Where(c => c.Year == 2026).OrderBy(c => c.SerialNumber).Select(c => c.Id).ToListAsync();
        await service.ReissueAsync(ids[0], new ReissueRequest(ReissueReasonKind.Lost, null, IssueDay.AddDays(20)));
        await service.RevokeAsync(ids[3], "Khai man hồ sơ");
        return (centre.Id, first.Id, second.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_register_lists_a_years_certificates_in_number_order_with_their_status(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (centreId, firstClassId, _) = await RegisterAsync(database);
        await using var db = database.CreateContext();
        var register = new CertificateRegisterService(db, new FixedUserScope(centreId), TimeProvider.System);

        var page = (await register.GetPageAsync(new RegisterFilter(2026), 1))!;
        Assert.Equal(["1/2026", "2/2026", "3/2026", "4/2026", "5/2026", "6/2026"], page.Lines.Items.Select(l => l.RegisterLabel));
        Assert.Equal(
            ["Đã cấp lại (số mới 000006/2026)", "Có hiệu lực", "Có hiệu lực", "Đã thu hồi (Khai man hồ sơ)", "Có hiệu lực", "Có hiệu lực"],
            page.Lines.Items.Select(l => l.StateText));
        Assert.Equal("Cấp lại thay số 000001/2026 – lý do: Mất", page.Lines.Items[5].Note);
        Assert.Equal("Nguyễn Văn A000", page.Lines.Items[5].FullName);
        Assert.Equal([2026, 2020], page.Years);
        Assert.Equal(2, page.Classes.Count);

        var old = (await register.GetPageAsync(new RegisterFilter(2020), 1))!;
        var expired = Assert.Single(old.Lines.Items);
        Assert.Equal(CertificateState.Expired, expired.State);
        Assert.Equal("Hết hạn (từ 07/05/2025)", expired.StateText);

        Assert.Equal(["4/2026"], (await register.GetPageAsync(new RegisterFilter(2026, State: CertificateState.Revoked), 1))!.Lines.Items.Select(l => l.RegisterLabel));
        Assert.Equal(["1/2026"], (await register.GetPageAsync(new RegisterFilter(2026, State: CertificateState.Superseded), 1))!.Lines.Items.Select(l => l.RegisterLabel));
        Assert.Equal(4, (await register.GetPageAsync(new RegisterFilter(2026, State: CertificateState.Valid), 1))!.Lines.TotalCount);
        Assert.Single((await register.GetPageAsync(new RegisterFilter(2020, State: CertificateState.Expired), 1))!.Lines.Items);
        Assert.Equal(4, (await register.GetPageAsync(new RegisterFilter(2026, ClassId: firstClassId), 1))!.Lines.TotalCount);
        var programme = await db.Programmes.Where(p => p.Code == "DVM").Select(p => p.Id).SingleAsync();
        Assert.Equal(["4/2026", "5/2026"], (await register.GetPageAsync(new RegisterFilter(2026, ProgrammeId: programme), 1))!.Lines.Items.Select(l => l.RegisterLabel));
        Assert.Equal(["5/2026"], (await register.GetPageAsync(new RegisterFilter(2026, Name: "nguyen van b001"), 1))!.Lines.Items.Select(l => l.RegisterLabel));

        // Another centre's staff see an empty register, not this one.
        var other = (await new CertificateRegisterService(db, new FixedUserScope(centreId + 100), TimeProvider.System).GetPageAsync(new RegisterFilter(2026), 1));
        Assert.Null(other);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_export_reads_back_with_every_entry_its_numbers_and_status(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        var (centreId, _, _) = await RegisterAsync(database);
        await using var db = database.CreateContext();
        var register = new CertificateRegisterService(db, new FixedUserScope(centreId), TimeProvider.System);

        await using var file = (await register.ExportAsync(new RegisterFilter(2026)))!;
        Assert.Equal(6, file.DataRowCount);
        using var copy = new MemoryStream();
        await file.Stream.CopyToAsync(copy);
        var sheet = XlsxTestReader.Open(copy.ToArray());
        Assert.Equal("Sổ gốc 2026", sheet.SheetName);
        Assert.Equal("ĐẢNG ỦY XÃ CÁT HANH", sheet.Value("A1"));
        Assert.Equal("TRUNG TÂM CHÍNH TRỊ THỬ NGHIỆM", sheet.Value("A2"));
        Assert.Contains(sheet.Cells.Values, c => c.Value == ExcelReport.PartyHeading);
        Assert.Contains(sheet.Cells.Values, c => c.Value == "SỔ GỐC CẤP GIẤY CHỨNG NHẬN");
        Assert.Contains(sheet.Cells.Values, c => c.Value == "Năm 2026");

        var headerRow = sheet.Rows.First(r => sheet.Value(r.CellReferences[0]) == "Số vào sổ").Number;
        var table = sheet.Table(headerRow);
        Assert.Equal(CertificateRegisterService.ExportHeaders, table.Headers);
        Assert.Equal(6, table.Rows.Count);
        Assert.Equal(["1/2026", "2/2026", "3/2026", "4/2026", "5/2026", "6/2026"], table.Rows.Select(r => r[0]!.Value));
        Assert.Equal(["000001/2026", "000002/2026", "000003/2026", "000004/2026", "000005/2026", "000006/2026"], table.Rows.Select(r => r[1]!.Value));
        Assert.Equal("Đã cấp lại (số mới 000006/2026)", table.Rows[0][8]!.Value);
        Assert.Equal("Đã thu hồi (Khai man hồ sơ)", table.Rows[3][8]!.Value);
        Assert.Equal("Cấp lại thay số 000001/2026 – lý do: Mất", table.Rows[5][9]!.Value);
        Assert.Equal("Nguyễn Văn A000", table.Rows[5][2]!.Value);
        Assert.Equal(new DateTime(1990, 1, 1), table.Rows[0][3]!.DateValue);
        Assert.Equal(new DateTime(2026, 3, 12), table.Rows[0][6]!.DateValue);
        Assert.Equal("Khá", table.Rows[0][7]!.Value);
        Assert.Equal("lớp thứ 1/2026", table.Rows[0][5]!.Value);

        await using var filtered = (await register.ExportAsync(new RegisterFilter(2026, State: CertificateState.Revoked)))!;
        Assert.Equal(1, filtered.DataRowCount);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Decided_classes_show_what_is_left_to_issue(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var centre = await CertificateTestData.CentreAsync(db);
        var waiting = await CertificateTestData.ClassAsync(db, centre.Id, completed: 3, notCompleted: 2, number: 1, tag: "A");
        var done = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, number: 2, tag: "B");
        await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, decided: false, number: 3, tag: "C");
        await new CertificateService(db, new FixedUserScope(centre.Id), TimeProvider.System).IssueForClassAsync(done.Id, new IssueRequest(IssueDay));

        var classes = await new CertificateRegisterService(db, new FixedUserScope(centre.Id), TimeProvider.System).DecidedClassesAsync(2026);
        Assert.Equal([waiting.Id, done.Id], classes.Select(c => c.Id));
        Assert.Equal((3, 0, 3), (classes[0].Completed, classes[0].Issued, classes[0].Pending));
        Assert.Equal((2, 2, 0), (classes[1].Completed, classes[1].Issued, classes[1].Pending));
        Assert.Equal("1-QĐ/TTCT", classes[0].DecisionNumber);
    }
    /// <summary>
    /// Once SQLite has statistics (ANALYZE by an administrator, or PRAGMA optimize), they say that the "replaced by" column
    /// is nearly always empty. On a plain index that made the planner scan the whole Certificates table for each line of the
    /// page: 2.5 s for a page of 50 at 750,000 certificates, 5 s for the whole register page. The index holds only the
    /// certificates that replace another, so each line's look-up stays one index search.
    /// </summary>
    [Fact]
    public async Task After_analyze_each_lines_replacement_is_still_found_through_the_index()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        var (centreId, _, _) = await RegisterAsync(database);
        var plans = new QueryPlans("\"ReplacesCertificateId\" = ");
        await using var db = database.CreateContext(plans);
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        Assert.True(await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'Certificates'").SingleAsync() > 0);

        var page = (await new CertificateRegisterService(db, new FixedUserScope(centreId), TimeProvider.System).GetPageAsync(new RegisterFilter(2026), 1))!;
        Assert.Equal(6, page.Lines.Items.Count);
        Assert.Equal("Đã cấp lại (số mới 000006/2026)", page.Lines.Items[0].StateText);
        var plan = Assert.Single(plans.Plans);
        Assert.Contains("USING INDEX IX_Certificates_ReplacesCertificateId", plan);
        Assert.DoesNotContain("SCAN c2", plan);
    }

    /// <summary>SQLite's plan (EXPLAIN QUERY PLAN, same parameters) of each query whose text holds <paramref name="marker"/>.</summary>
    private sealed class QueryPlans(string marker) : DbCommandInterceptor
    {
        public List<string> Plans { get; } = [];

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains(marker, StringComparison.Ordinal))
            {
                await using var explain = command.Connection!.CreateCommand();
                explain.Transaction = command.Transaction;
                explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                foreach (SqliteParameter parameter in command.Parameters)
                {
                    explain.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
                }

                var lines = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        lines.Add(reader.GetString(3));
                    }
                }

                Plans.Add(string.Join("\n", lines));
            }

            return result;
        }
    }
}
