using System.Reflection;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DistrictTraining.Tests.SqlServer;

/// <summary>The code written for SQL Server alone: the class-row lock and the unique-violation numbers.</summary>
public class SqlServerProviderCodeTests
{
    [Fact]
    public async Task The_class_lock_is_one_select_holding_an_update_lock_on_the_class_row()
    {
        var server = new OfflineSqlServer();
        await using var db = server.CreateContext();

        await ClassRecords.LockAsync(db, 42, CancellationToken.None);

        var sql = Assert.Single(server.Commands);
        Assert.Equal("SELECT 1 FROM [TrainingClasses] WITH (UPDLOCK, HOLDLOCK) WHERE [Id] = @p0", sql);
        var statement = Assert.IsType<SelectStatement>(Assert.Single(Assert.Single(TSqlSchema.Parse(sql, "The class lock").Batches).Statements));
        var query = Assert.IsType<QuerySpecification>(statement.QueryExpression);
        var table = Assert.IsType<NamedTableReference>(Assert.Single(query.FromClause.TableReferences));
        Assert.Equal("TrainingClasses", table.SchemaObject.BaseIdentifier.Value);
        Assert.Equal([TableHintKind.UpdLock, TableHintKind.HoldLock], table.TableHints.Select(h => h.HintKind));
        Assert.Equal("[Id] = @p0", TSqlSchema.Text(query.WhereClause.SearchCondition));
    }

    [Fact]
    public async Task A_batched_insert_is_one_INSERT_with_OUTPUT_of_the_ids_and_versions_within_the_parameter_limit()
    {
        var server = new OfflineSqlServer();
        await using var db = server.CreateContext();
        var trainees = Enumerable.Range(1, 150)
            .Select(i => new Core.Trainees.Trainee { FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "An", Cccd = $"001090{i:000000}", DateOfBirth = new DateOnly(1990, 3, 5) })
            .ToList();

        // The offline server answers with one placeholder row, not the 150 ids: the inserter refuses to go on without them.
        await Assert.ThrowsAsync<DbUpdateException>(() => new BatchInserter(db).InsertAsync(trainees, CancellationToken.None));

        var sql = Assert.Single(server.Commands);
        var statement = Assert.IsType<InsertStatement>(Assert.Single(Assert.Single(TSqlSchema.Parse(sql, "A batched insert").Batches).Statements));
        Assert.Equal("Trainees", Assert.IsType<NamedTableReference>(statement.InsertSpecification.Target).SchemaObject.BaseIdentifier.Value);
        Assert.Equal(["INSERTED.[Id]", "INSERTED.[Version]"], statement.InsertSpecification.OutputClause.SelectColumns.Select(TSqlSchema.Text));
        var rows = Assert.IsType<ValuesInsertSource>(statement.InsertSpecification.InsertSource).RowValues;
        var columns = statement.InsertSpecification.Columns.Count;
        Assert.InRange(rows.Count * columns, columns, 2100);
        Assert.Equal(2000 / columns, rows.Count);
    }

    [Fact]
    public void The_start_up_and_setup_lock_takes_and_releases_an_exclusive_session_application_lock()
    {
        foreach (var (sql, procedure) in new[] { (DatabaseLock.SqlServerAcquire, "sp_getapplock"), (DatabaseLock.SqlServerRelease, "sp_releaseapplock") })
        {
            var statement = Assert.IsType<ExecuteStatement>(Assert.Single(Assert.Single(TSqlSchema.Parse(sql, procedure).Batches).Statements));
            var call = Assert.IsType<ExecutableProcedureReference>(statement.ExecuteSpecification.ExecutableEntity);
            Assert.Equal(procedure, call.ProcedureReference.ProcedureReference.Name.BaseIdentifier.Value);
            Assert.Contains(call.Parameters, p => p.Variable.Name == "@LockOwner" && TSqlSchema.Text(p.ParameterValue) == "'Session'");
        }

        Assert.Contains("@LockMode = 'Exclusive'", DatabaseLock.SqlServerAcquire);
        Assert.Contains("@LockTimeout = -1", DatabaseLock.SqlServerAcquire);
    }

    [Theory]
    [InlineData(2601, true)]  // duplicate key row in a unique index
    [InlineData(2627, true)]  // violation of a unique or primary key constraint
    [InlineData(547, false)]  // a foreign key or check constraint
    [InlineData(1205, false)] // chosen as deadlock victim
    public void A_unique_violation_is_told_by_the_SQL_Server_error_number(int number, bool unique)
    {
        var error = SqlExceptionWith(number);
        Assert.Equal(number, error.Number);

        Assert.Equal(unique, new DbUpdateException("save failed", error).IsUniqueViolation());
    }

    /// <summary>
    /// A real <see cref="SqlException"/>, as the client builds it from a server's error message; its
    /// constructors are not public, so through reflection (a change in the client shows up here first).
    /// </summary>
    private static SqlException SqlExceptionWith(int number)
    {
        const BindingFlags Hidden = BindingFlags.NonPublic | BindingFlags.Instance;
        var errorConstructor = typeof(SqlError).GetConstructors(Hidden).OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = errorConstructor.GetParameters().Select((p, i) => p.ParameterType switch
        {
            var t when t == typeof(int) && i == 0 => number,
            var t when t == typeof(int) => 1,
            var t when t == typeof(byte) => (byte)14,
            var t when t == typeof(uint) => 0u,
            var t when t == typeof(string) => "dt-test",
            _ => (object?)null,
        }).ToArray();
        var error = (SqlError)errorConstructor.Invoke(arguments);
        var errors = (SqlErrorCollection)Activator.CreateInstance(typeof(SqlErrorCollection), nonPublic: true)!;
        typeof(SqlErrorCollection).GetMethod("Add", Hidden)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethod("CreateException", BindingFlags.NonPublic | BindingFlags.Static, [typeof(SqlErrorCollection), typeof(string)])!;
        return (SqlException)create.Invoke(null, [errors, "16.00.4135"])!;
    }
}
