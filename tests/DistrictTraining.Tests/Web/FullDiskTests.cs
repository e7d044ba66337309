using System.Data.Common;
using System.Globalization;
using System.Net;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Import;
using DistrictTraining.Tests.Import;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DistrictTraining.Tests.Web;

/// <summary>A server whose disk is full: the user is told so in Vietnamese, nothing is half-written, and the
/// portal works again as soon as there is space.</summary>
public class FullDiskTests
{
    /// <summary>
    /// While <see cref="Full"/> is set, every connection the portal opens may not grow the SQLite file by a
    /// single page (max_page_count = the file's size), which is what SQLite meets on a full disk: SQLITE_FULL.
    /// </summary>
    private sealed class DiskFiller : DbConnectionInterceptor
    {
        public volatile bool Full;

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Limit(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Limit(connection);
            return Task.CompletedTask;
        }

        private void Limit(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            if (Full)
            {
                command.CommandText = "PRAGMA page_count";
                var pages = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA max_page_count = {pages}");
            }
            else
            {
                command.CommandText = "PRAGMA max_page_count = 1073741823";
            }

            command.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task An_upload_on_a_full_disk_is_refused_in_Vietnamese_leaves_nothing_and_succeeds_once_space_is_freed()
    {
        await using var database = TestDatabase.Create(Provider.Sqlite);
        var filler = new DiskFiller();
        await using var factory = new PortalFactory(database, services: s => s.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(filler)));
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        int classId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            classId = (await TestData.ClassAsync(db, (await db.TrainingCentres.FirstAsync()).Id)).Id;
        }

        var client = await factory.SignInAsync("giaovu");
        var bytes = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));

        async Task<HttpResponseMessage> UploadAsync()
        {
            var page = await client.GetDocumentAsync($"/RosterImport/Upload/{classId}");
            var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return await client.PostAsync($"/RosterImport/Upload/{classId}", HtmlForms.Workbook(bytes, token));
        }

        filler.Full = true;
        var refused = await UploadAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        var text = (await HtmlForms.ParseAsync(refused)).Body!.TextContent;
        Assert.Contains("Máy chủ đã hết dung lượng lưu trữ", text);
        Assert.Contains("chưa được lưu", text);
        Assert.DoesNotContain("Exception", text);

        filler.Full = false;
        await using (var check = database.CreateContext())
        {
            Assert.Equal(0, await check.Set<PendingUpload>().CountAsync());
        }

        var accepted = await UploadAsync();
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(accepted)).QuerySelector("#confirm-form"));
        await using (var check = database.CreateContext())
        {
            Assert.Equal(1, await check.Set<PendingUpload>().CountAsync());
        }
    }

    [Fact]
    public void The_full_disk_errors_of_each_database_and_of_the_file_system_are_recognised_and_others_are_not()
    {
        Assert.True(StorageFull.IsCause(new DbUpdateException("save", new SqliteException("database or disk is full", 13))));
        Assert.True(StorageFull.IsCause(new PostgresException("could not extend file", "ERROR", "ERROR", "53100")));
        Assert.True(StorageFull.IsCause(new InvalidOperationException("export", new IOException("No space left on device", 28))));
        Assert.False(StorageFull.IsCause(new SqliteException("constraint failed", 19)));
        Assert.False(StorageFull.IsCause(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(StorageFull.IsCause(new IOException("file not found", 2)));
        Assert.False(StorageFull.IsCause(null));
    }
}
