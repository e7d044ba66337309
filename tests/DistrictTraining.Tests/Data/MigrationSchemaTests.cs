using DistrictTraining.Core.Data;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.EntityFrameworkCore.Scaffolding.Metadata;
using Microsoft.EntityFrameworkCore.Sqlite.Scaffolding.Internal;
using Microsoft.EntityFrameworkCore.SqlServer.Scaffolding.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Scaffolding.Internal;

namespace DistrictTraining.Tests.Data;

/// <summary>
/// Stands in for the model snapshot we cannot generate here: the hand-written migrations must build
/// exactly the schema that the model describes. Reads both databases back with the provider's own
/// reverse-engineering reader and compares tables, columns, keys, indexes and foreign keys.
/// </summary>
public class MigrationSchemaTests
{
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Migrations_build_the_same_schema_as_the_model(Provider provider)
    {
        await using var migrated = await TestDatabase.Create(provider).MigrateAsync();
        await using var created = TestDatabase.Create(provider);
        await using (var db = created.CreateContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = Describe(created);
        var actual = Describe(migrated);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "The migrations and the model disagree.\n" +
            "In the model but not built by the migrations:\n  " + string.Join("\n  ", missing) + "\n" +
            "Built by the migrations but not in the model:\n  " + string.Join("\n  ", extra));
        Assert.Contains(expected, line => line.StartsWith("table Trainees", StringComparison.Ordinal));
        Assert.True(expected.Count > 200, $"Only {expected.Count} schema facts were read: the reader is not seeing the schema.");
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task No_model_change_is_missing_a_migration(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
    }

    private static SortedSet<string> Describe(TestDatabase database)
    {
        using var db = database.CreateContext();
        var services = ((IInfrastructure<IServiceProvider>)db).Instance;
        // The providers' reverse-engineering readers are "internal" EF APIs; a test may lean on them,
        // and a breaking change would show up here first, not in production.
#pragma warning disable EF1001
        IDatabaseModelFactory factory = database.PortalProvider switch
        {
            DatabaseProvider.Sqlite => ActivatorUtilities.CreateInstance<SqliteDatabaseModelFactory>(services),
            DatabaseProvider.SqlServer => ActivatorUtilities.CreateInstance<SqlServerDatabaseModelFactory>(services),
            _ => ActivatorUtilities.CreateInstance<NpgsqlDatabaseModelFactory>(services),
        };
#pragma warning restore EF1001
        var connection = db.Database.GetDbConnection();
        var model = factory.Create(connection, new DatabaseModelFactoryOptions());
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in model.Tables.Where(t => !t.Name.StartsWith("__EF", StringComparison.Ordinal)))
        {
            facts.Add($"table {table.Name}");
            foreach (var column in table.Columns)
            {
                facts.Add($"column {table.Name}.{column.Name} {column.StoreType} {(column.IsNullable ? "NULL" : "NOT NULL")} default={column.DefaultValueSql ?? "-"} generated={column.ValueGenerated?.ToString() ?? "-"}");
            }

            if (table.PrimaryKey is { } pk)
            {
                facts.Add($"primary key {table.Name}({string.Join(",", pk.Columns.Select(c => c.Name))})");
            }

            foreach (var unique in table.UniqueConstraints)
            {
                facts.Add($"unique {table.Name}({string.Join(",", unique.Columns.Select(c => c.Name))})");
            }

            foreach (var index in table.Indexes)
            {
                facts.Add($"index {index.Name} on {table.Name}({string.Join(",", index.Columns.Select(c => c.Name))}){(index.IsUnique ? " unique" : "")} filter={index.Filter ?? "-"}");
            }

            foreach (var fk in table.ForeignKeys)
            {
                facts.Add($"foreign key {table.Name}({string.Join(",", fk.Columns.Select(c => c.Name))}) -> {fk.PrincipalTable.Name}({string.Join(",", fk.PrincipalColumns.Select(c => c.Name))}) on delete {fk.OnDelete}");
            }
        }

        return facts;
    }
}
