using System.Data.Common;
using System.Net;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DistrictTraining.Tests.Web;

/// <summary>
/// The database gives a save up because another was writing the same rows at that moment (a deadlock: two clerks saving
/// one class's grades at once, each holding a row the other needs). The user is told so in Vietnamese, not shown a bare
/// error; nothing of the save is written; doing it again works.
/// </summary>
public class WriteConflictTests
{
    /// <summary>Fails the first update of a trainee with PostgreSQL's own deadlock error, as the server reports it.</summary>
    private sealed class DeadlockOnce : DbCommandInterceptor
    {
        public bool Fired { get; private set; }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Fire(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Fire(command);
            return ValueTask.FromResult(result);
        }

        private void Fire(DbCommand command)
        {
            if (!Fired && command.CommandText.Contains("UPDATE \"Trainees\"", StringComparison.Ordinal))
            {
                Fired = true;
                throw new PostgresException("deadlock detected", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected);
            }
        }
    }

    [Fact]
    public async Task A_save_the_database_gave_up_for_a_deadlock_is_explained_in_Vietnamese_writes_nothing_and_can_be_repeated()
    {
        await using var database = await TestDatabase.Create(Provider.PostgreSQL).MigrateAsync();
        var deadlock = new DeadlockOnce();
        await using var factory = new PortalFactory(database, services: s => s.ConfigureDbContext<PostgreSqlAppDbContext>(o => o.AddInterceptors(deadlock)));
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        var client = await factory.SignInAsync("giaovu");
        var created = await client.SubmitTraineeFormAsync("/Trainees/Create", new() { ["FamilyName"] = "Nguyễn", ["MiddleName"] = "Văn", ["GivenName"] = "An" });
        var id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        int auditLines;
        await using (var db = database.CreateContext())
        {
            auditLines = await db.AuditEntries.CountAsync();
        }

        var form = await client.GetDocumentAsync($"/Trainees/Edit/{id}");
        var refused = await client.PostFormAsync(form, new() { ["Position"] = "Bí thư chi bộ" });
        Assert.True(deadlock.Fired);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var text = (await HtmlForms.ParseAsync(refused)).Body!.TextContent;
        Assert.Contains("Có người khác đang lưu cùng lúc", text);
        Assert.Contains("chưa được lưu", text);
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("deadlock", text);
        await using (var db = database.CreateContext())
        {
            Assert.Null(await db.Trainees.Where(t => t.Id == id).Select(t => t.Position).SingleAsync());
            Assert.Equal(auditLines, await db.AuditEntries.CountAsync());
        }

        // The same form, sent again.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync(form, new() { ["Position"] = "Bí thư chi bộ" })).StatusCode);
        await using (var db = database.CreateContext())
        {
            Assert.Equal("Bí thư chi bộ", await db.Trainees.Where(t => t.Id == id).Select(t => t.Position).SingleAsync());
        }
    }

    [Fact]
    public void Deadlocks_serialization_failures_and_a_busy_file_are_write_conflicts_and_other_errors_are_not()
    {
        Assert.True(DbErrors.IsWriteConflict(new DbUpdateException("save", new PostgresException("deadlock detected", "ERROR", "ERROR", "40P01"))));
        Assert.True(DbErrors.IsWriteConflict(new PostgresException("could not serialize access", "ERROR", "ERROR", "40001")));
        Assert.True(DbErrors.IsWriteConflict(new DbUpdateException("save", new SqliteException("database is locked", 5))));
        Assert.False(DbErrors.IsWriteConflict(new DbUpdateException("save", new PostgresException("duplicate key", "ERROR", "ERROR", "23505"))));
        Assert.False(DbErrors.IsWriteConflict(new SqliteException("database or disk is full", 13)));
        Assert.False(DbErrors.IsWriteConflict(new InvalidOperationException("other")));
        Assert.False(DbErrors.IsWriteConflict(null));
    }
}
