using DistrictTraining.Core.Data;
using DistrictTraining.Core.Data.Migrations;
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
/// The generated migrations of each database (ADR-004) against the model and against the databases that
/// the hand-written migrations made before them. Databases are read back with the provider's own
/// reverse-engineering reader: tables, columns, keys, indexes and foreign keys.
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
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSQL)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Every_model_change_has_a_migration_for_every_database(DatabaseProvider provider)
    {
        // No connection is opened: the model is compared with the provider's snapshot of the last migration.
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        var connectionString = provider switch
        {
            DatabaseProvider.Sqlite => "Data Source=unused.db",
            DatabaseProvider.PostgreSQL => "Host=unused;Database=unused",
            _ => "Server=unused;Database=unused;TrustServerCertificate=true",
        };
        DataServiceCollectionExtensions.Configure(builder, provider, connectionString, Path.GetTempPath());
        using var db = AppDbContext.Create(provider, builder.Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes that no {provider} migration holds: run `bash scripts/migrations.sh add NAME`.");
        Assert.Contains("20261122000000_Initial", db.Database.GetMigrations());
    }

    /// <summary>
    /// A database made by the hand-written migrations that came before the generated ones (their SQL,
    /// as EF scripted it then, is kept in Data/Legacy) must upgrade cleanly, keep its rows and end with
    /// the same schema and migration history as a fresh one.
    /// </summary>
    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_database_made_by_the_hand_written_migrations_upgrades_to_the_fresh_schema(Provider provider)
    {
        await using var fresh = await TestDatabase.Create(provider).MigrateAsync();
        await using var old = TestDatabase.Create(provider);
        var legacy = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Data", "Legacy", $"before-generated-migrations.{provider}.sql"));
        await using (var db = old.CreateContext())
        {
            if (provider == Provider.PostgreSQL)
            {
                await CreateEmptyPostgresDatabase(old); // SQLite makes its file on opening
            }

            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = legacy + "\nINSERT INTO \"OrganisationUnits\" (\"Name\", \"SearchKey\", \"Kind\") VALUES ('Xã Cát Hanh', 'xa cat hanh', 3);";
            await command.ExecuteNonQueryAsync();
        }

        await using (var db = old.CreateContext())
        {
            Assert.Equal(["20261122000000_Initial", "20261205000000_ReportIndexes"], await db.Database.GetAppliedMigrationsAsync());
            await db.Database.MigrateAsync();
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal("Xã Cát Hanh", (await db.OrganisationUnits.SingleAsync()).Name);
        }

        await using (var db = fresh.CreateContext())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        }

        var expected = Describe(fresh);
        var actual = Describe(old);
        Assert.True(expected.SetEquals(actual),
            "The upgraded database differs from a fresh one.\n" +
            "Only in the fresh one:\n  " + string.Join("\n  ", expected.Except(actual)) + "\n" +
            "Only in the upgraded one:\n  " + string.Join("\n  ", actual.Except(expected)));
    }

    private static async Task CreateEmptyPostgresDatabase(TestDatabase database)
    {
        var name = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        await using var server = new Npgsql.NpgsqlConnection(TestDatabase.PostgresBase());
        await server.OpenAsync();
        await using var create = server.CreateCommand();
        create.CommandText = $"CREATE DATABASE \"{name}\"";
        await create.ExecuteNonQueryAsync();
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
        // The SQLite name index (an FTS5 table and its shadow tables) and PostgreSQL's narrow copy of the search keys
        // are hand-written SQL outside the model (ADR-015).
        foreach (var table in model.Tables.Where(t => !t.Name.StartsWith("__EF", StringComparison.Ordinal)
                     && t.Name != TraineeSearchKeysSql.Table
                     && !t.Name.StartsWith(TraineeSearchIndexSql.Table + "_", StringComparison.Ordinal) && t.Name != TraineeSearchIndexSql.Table))
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
