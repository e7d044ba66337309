using DistrictTraining.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace DistrictTraining.Tests.SqlServer;

/// <summary>
/// What can be proven about the SQL Server migrations without a server: their script is valid T-SQL,
/// and replayed statement by statement it builds exactly the schema of the model's create script.
/// (scripts/test-sqlserver.sh runs the migrations on a real server.)
/// </summary>
public class SqlServerMigrationScriptTests
{
    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void The_migrations_script_parses_as_T_SQL(MigrationsSqlGenerationOptions options)
    {
        var sql = MigrationsScript(options);

        var script = TSqlSchema.Parse(sql, $"The {options} migrations script");

        var statements = script.Batches.SelectMany(b => b.Statements).Count();
        Assert.True(statements > 50, $"Only {statements} statements parsed from the {options} script.");
    }

    [Theory]
    [InlineData(MigrationsSqlGenerationOptions.Default)]
    [InlineData(MigrationsSqlGenerationOptions.Idempotent)]
    public void The_migrations_build_the_schema_of_the_models_create_script(MigrationsSqlGenerationOptions options)
    {
        using var db = OfflineSqlServer.Context();
        var expected = TSqlSchema.Read(db.Database.GenerateCreateScript(), "The model's create script").Facts();
        var actual = TSqlSchema.Read(MigrationsScript(options), $"The {options} migrations script").Facts();

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            "The SQL Server migrations and the model disagree.\n" +
            "In the model but not built by the migrations:\n  " + string.Join("\n  ", missing) + "\n" +
            "Built by the migrations but not in the model:\n  " + string.Join("\n  ", extra));
        Assert.Contains("column Trainees.SortKey nvarchar(450) NOT NULL collate " + SqlServerAppDbContext.KeyCollation, expected);
        Assert.Contains(expected, f => f.StartsWith("unique index Trainees(Cccd) where [Cccd] IS NOT NULL", StringComparison.Ordinal));
        Assert.Contains(expected, f => f.StartsWith("index Enrolments(ClassId,Status,UnitId,Id) [IX_Enrolments_ClassId_Status_UnitId_Id]", StringComparison.Ordinal));
        Assert.Contains(expected, f => f.StartsWith("foreign key Enrolments(ClassId) -> TrainingClasses(Id) on delete", StringComparison.Ordinal));
        Assert.True(expected.Count > 350, $"Only {expected.Count} schema facts were read: the reader is not seeing the schema.");
    }

    [Fact]
    public void No_key_unique_constraint_or_index_is_on_a_max_column()
    {
        var schema = TSqlSchema.Read(MigrationsScript(MigrationsSqlGenerationOptions.Default), "The migrations script");

        Assert.Empty(schema.KeyColumnsOfUnboundedType());
        var unbounded = TSqlSchema.Read(
            "CREATE TABLE [T] ([A] nvarchar(max) NOT NULL, [B] varbinary(max) NULL, [C] nvarchar(10) NULL, CONSTRAINT [PK_T] PRIMARY KEY ([A]));"
            + "CREATE INDEX [IX_T_C_B] ON [T] ([C], [B]);", "A table keyed on (max) columns");
        Assert.Equal(["T.A nvarchar(max) in PK_T", "T.B varbinary(max) in IX_T_C_B"], unbounded.KeyColumnsOfUnboundedType().Order(StringComparer.Ordinal));
    }

    /// <summary>The reader follows the operations a later migration may hold, each as EF writes it for SQL Server.</summary>
    [Fact]
    public void The_reader_follows_renames_alterations_and_drops_as_EF_writes_them()
    {
        using var db = OfflineSqlServer.Context();
        var schema = TSqlSchema.Read(db.Database.GenerateCreateScript(), "The model's create script");
        MigrationOperation[] operations =
        [
            new AddColumnOperation { Table = "Lecturers", Name = "Nickname", ClrType = typeof(string), ColumnType = "nvarchar(40)", IsNullable = false, DefaultValue = "x" },
            new AlterColumnOperation
            {
                Table = "Lecturers", Name = "Nickname", ClrType = typeof(string), ColumnType = "nvarchar(60)", IsNullable = true,
                OldColumn = new AddColumnOperation { Table = "Lecturers", Name = "Nickname", ClrType = typeof(string), ColumnType = "nvarchar(40)", IsNullable = false, DefaultValue = "x" },
            },
            new CreateIndexOperation { Table = "Lecturers", Name = "IX_Lecturers_Nickname", Columns = ["Nickname"], IsUnique = true, Filter = "[Nickname] IS NOT NULL" },
            new RenameColumnOperation { Table = "Lecturers", Name = "Nickname", NewName = "Alias" },
            new RenameIndexOperation { Table = "Lecturers", Name = "IX_Lecturers_Nickname", NewName = "IX_Lecturers_Alias" },
            new RenameTableOperation { Name = "Lecturers", NewName = "Teachers" },
            new DropIndexOperation { Table = "Teachers", Name = "IX_Lecturers_Alias" },
            new CreateIndexOperation { Table = "Teachers", Name = "IX_Teachers_Alias", Columns = ["Alias"] },
            new DropColumnOperation { Table = "Teachers", Name = "Phone" },
        ];
        var generator = db.GetService<IMigrationsSqlGenerator>();
        var sql = string.Join("\nGO\n", generator.Generate(operations, db.Model, MigrationsSqlGenerationOptions.Idempotent).Select(c => c.CommandText));

        schema.Apply(sql, "The generated operations");

        var facts = schema.Facts();
        Assert.Contains("column Teachers.Alias nvarchar(60) NULL", facts);
        Assert.Contains("index Teachers(Alias) [IX_Teachers_Alias]", facts);
        Assert.DoesNotContain(facts, f => f.Contains("Lecturers.", StringComparison.Ordinal) || f.Contains("Nickname", StringComparison.Ordinal) || f.Contains("Teachers.Phone", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.StartsWith("primary key Teachers(Id)", StringComparison.Ordinal));
        Assert.Contains(facts, f => f.StartsWith("foreign key ClassSessions(LecturerId) -> Teachers(Id)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_statement_the_reader_does_not_interpret_fails_naming_it()
    {
        var error = Assert.ThrowsAny<Exception>(() => TSqlSchema.Read("CREATE VIEW [V] AS SELECT 1 AS [X];", "A view"));

        Assert.Contains("CreateViewStatement", error.Message);
        Assert.Contains("CREATE VIEW", error.Message);
    }

    private static string MigrationsScript(MigrationsSqlGenerationOptions options)
    {
        using var db = OfflineSqlServer.Context();
        return db.GetService<IMigrator>().GenerateScript(options: options);
    }
}
