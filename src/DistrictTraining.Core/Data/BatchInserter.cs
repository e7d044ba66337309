using System.Data.Common;
using System.Globalization;
using System.Text;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace DistrictTraining.Core.Data;

/// <summary>
/// Inserts many new rows in a few statements: multi-row INSERTs of up to <see cref="MaxRowsPerStatement"/> rows that return
/// the generated ids, then their audit lines the same way (<see cref="WriteAuditAsync"/>). EF's own save sends one INSERT per
/// row (on SQLite one command each, on PostgreSQL batches of statements that the server parses one by one), and tracking
/// thousands of entities costs more than the inserts; this writes the same rows, stamped and audited as
/// <see cref="AppDbContext.SaveChangesAsync(bool, CancellationToken)"/> would (<see cref="AppDbContext.Stamp"/>,
/// <see cref="AuditTrail.Inserted"/>), without tracking them. Runs inside the caller's transaction: call it only in one.
/// Only for entities whose key is one generated integer and that carry a <see cref="IVersioned.Version"/>, which tells the
/// returned ids apart (a multi-row INSERT does not promise to return its rows in order).
/// </summary>
internal sealed class BatchInserter(AppDbContext db)
{
    public const int MaxRowsPerStatement = 1000;

    private readonly DateTime _now = DateTime.UtcNow;
    private readonly List<AuditEntry> _audit = [];
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    /// <summary>Parameters one statement may carry: SQL Server takes 2,100, SQLite 32,766, PostgreSQL 65,535.</summary>
    private int ParameterBudget => db.Database.IsSqlServer() ? 2000 : 30000;

    /// <summary>Inserts <paramref name="entities"/> (new, untracked), sets their generated ids and keeps their audit lines for <see cref="WriteAuditAsync"/>.</summary>
    public async Task InsertAsync<T>(IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class, IVersioned
    {
        var (type, key, columns) = Prepare(entities);
        if (key.ClrType != typeof(int))
        {
            throw new InvalidOperationException($"{typeof(T).Name} cannot be inserted in batches: its ids are read back as integers.");
        }

        var version = type.FindProperty(nameof(IVersioned.Version))!;
        var setKey = key.PropertyInfo!;
        foreach (var chunk in entities.Chunk(RowsPerStatement(columns.Count)))
        {
            var byVersion = chunk.ToDictionary(e => e.Version);
            var returned = 0;
            var (sql, parameters) = Build(type, columns, chunk, [key, version]);
            await using (var reader = await ExecuteReaderAsync(sql, parameters, cancellationToken))
            {
                while (await reader.DbDataReader.ReadAsync(cancellationToken))
                {
                    if (byVersion.Remove(reader.DbDataReader.GetFieldValue<Guid>(1), out var entity))
                    {
                        setKey.SetValue(entity, reader.DbDataReader.GetInt32(0));
                        returned++;
                    }
                }
            }

            if (returned != chunk.Length)
            {
                throw new DbUpdateException($"Inserting {chunk.Length} rows into {type.GetTableName()} returned {returned} of their ids.");
            }
        }

        if (typeof(IAudited).IsAssignableFrom(typeof(T)))
        {
            _audit.AddRange(entities.Select(e => AuditTrail.Inserted(db, type, e, key, _now)));
        }
    }

    /// <summary>
    /// Inserts <paramref name="entities"/> (new, untracked) whose generated keys nobody reads back: they stay unset.
    /// For many plain rows, such as the demo centre's attendance marks; not for audited entities, whose audit lines
    /// name their key.
    /// </summary>
    public async Task InsertUnkeyedAsync<T>(IReadOnlyList<T> entities, CancellationToken cancellationToken)
        where T : class
    {
        if (typeof(IAudited).IsAssignableFrom(typeof(T)))
        {
            throw new InvalidOperationException($"{typeof(T).Name} is audited: its audit lines need the keys ({nameof(InsertAsync)}).");
        }

        var (type, _, columns) = Prepare(entities);
        foreach (var chunk in entities.Chunk(RowsPerStatement(columns.Count)))
        {
            var (sql, parameters) = Build(type, columns, chunk, []);
            await using var reader = await ExecuteReaderAsync(sql, parameters, cancellationToken);
        }
    }

    /// <summary>The entity type, its generated key and the other columns; stamps the entities as a save would.</summary>
    private (IEntityType Type, IProperty Key, List<IProperty> Columns) Prepare<T>(IReadOnlyList<T> entities)
        where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var key = type.FindPrimaryKey()!.Properties.Single();
        if (key.ValueGenerated != ValueGenerated.OnAdd || type.GetProperties().Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} cannot be inserted in batches: it needs one generated key and no shadow properties.");
        }

        foreach (var entity in entities)
        {
            AppDbContext.Stamp(entity, added: true, _now);
        }

        return (type, key, type.GetProperties().Where(p => p != key).ToList());
    }

    /// <summary>Writes the audit lines of everything inserted so far, in statements of up to <see cref="MaxRowsPerStatement"/> rows.</summary>
    public async Task WriteAuditAsync(CancellationToken cancellationToken)
    {
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var key = type.FindPrimaryKey()!.Properties.Single();
        var columns = type.GetProperties().Where(p => p != key).ToList();
        foreach (var chunk in _audit.Chunk(RowsPerStatement(columns.Count)))
        {
            var (sql, parameters) = Build(type, columns, chunk, []);
            await using var reader = await ExecuteReaderAsync(sql, parameters, cancellationToken);
        }

        _audit.Clear();
    }

    private int RowsPerStatement(int columns) => Math.Max(1, Math.Min(MaxRowsPerStatement, ParameterBudget / columns));

    /// <summary>INSERT INTO t (c…) VALUES (@p0…), (…) with the key columns returned (OUTPUT on SQL Server, RETURNING elsewhere).</summary>
    private (string Sql, List<DbParameter> Parameters) Build<T>(IEntityType type, List<IProperty> columns, T[] rows, IProperty[] returning)
        where T : class
    {
        if (db.Database.IsSqlite())
        {
            return BuildSqlite(type, columns, rows, returning);
        }

        var table = _sql.DelimitIdentifier(type.GetTableName()!, type.GetSchema());
        var sql = new StringBuilder(rows.Length * columns.Count * 8);
        sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns.Select(c => _sql.DelimitIdentifier(c.GetColumnName()))).Append(')');
        var sqlServer = db.Database.IsSqlServer();
        if (returning.Length > 0 && sqlServer)
        {
            sql.Append(" OUTPUT ").AppendJoin(", ", returning.Select(p => "INSERTED." + _sql.DelimitIdentifier(p.GetColumnName())));
        }

        sql.Append(" VALUES ");
        var parameters = new List<DbParameter>(rows.Length * columns.Count);
        using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var r = 0; r < rows.Length; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"p{parameters.Count}");
                sql.Append(c == 0 ? "" : ", ").Append(_sql.GenerateParameterName(name));
                var property = columns[c];
                parameters.Add(property.GetRelationalTypeMapping().CreateParameter(factory, name, property.GetGetter().GetClrValue(rows[r]), property.IsNullable));
            }

            sql.Append(')');
        }

        if (returning.Length > 0 && !sqlServer)
        {
            sql.Append(" RETURNING ").AppendJoin(", ", returning.Select(p => _sql.DelimitIdentifier(p.GetColumnName())));
        }

        return (sql.ToString(), parameters);
    }

    /// <summary>
    /// SQLite looks a named parameter up by walking the statement's list of names, so a statement of thousands of
    /// parameters binds in quadratic time (10 s for 1,000 rows of 27 columns). Its rows go in one JSON parameter instead:
    /// INSERT INTO t (c…) SELECT json_extract(value, '$[0]')… FROM json_each(@rows), each value as SQLite stores it
    /// (what the column's EF mapping and Microsoft.Data.Sqlite would bind: text dates, upper-case GUID text, 0/1).
    /// </summary>
    private (string Sql, List<DbParameter> Parameters) BuildSqlite<T>(IEntityType type, List<IProperty> columns, T[] rows, IProperty[] returning)
        where T : class
    {
        using var factory = db.Database.GetDbConnection().CreateCommand();
        using var json = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(json))
        {
            writer.WriteStartArray();
            foreach (var row in rows)
            {
                writer.WriteStartArray();
                foreach (var property in columns)
                {
                    var parameter = (Microsoft.Data.Sqlite.SqliteParameter)property.GetRelationalTypeMapping()
                        .CreateParameter(factory, "v", property.GetGetter().GetClrValue(row), property.IsNullable);
                    WriteSqliteValue(writer, parameter);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
        }

        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(_sql.DelimitIdentifier(type.GetTableName()!)).Append(" (")
            .AppendJoin(", ", columns.Select(c => _sql.DelimitIdentifier(c.GetColumnName()))).Append(") SELECT ")
            .AppendJoin(", ", columns.Select((_, i) => string.Create(CultureInfo.InvariantCulture, $"json_extract(\"value\", '$[{i}]')")))
            .Append(" FROM json_each(@rows) ORDER BY \"key\"");
        if (returning.Length > 0)
        {
            sql.Append(" RETURNING ").AppendJoin(", ", returning.Select(p => _sql.DelimitIdentifier(p.GetColumnName())));
        }

        var rowsParameter = factory.CreateParameter();
        rowsParameter.ParameterName = "@rows";
        rowsParameter.Value = System.Text.Encoding.UTF8.GetString(json.GetBuffer(), 0, (int)json.Length);
        return (sql.ToString(), [rowsParameter]);
    }

    /// <summary>A bound value as Microsoft.Data.Sqlite stores it, for the types the batched entities use; anything else is refused.</summary>
    private static void WriteSqliteValue(System.Text.Json.Utf8JsonWriter writer, Microsoft.Data.Sqlite.SqliteParameter parameter)
    {
        switch (parameter.Value)
        {
            case null or DBNull:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteNumberValue(flag ? 1 : 0);
                break;
            case int or long or short or byte or sbyte or ushort or uint:
                writer.WriteNumberValue(Convert.ToInt64(parameter.Value, CultureInfo.InvariantCulture));
                break;
            case Enum e:
                writer.WriteNumberValue(Convert.ToInt64(e, CultureInfo.InvariantCulture));
                break;
            case DateOnly date:
                writer.WriteStringValue(date.ToString("yyyy\\-MM\\-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime time:
                writer.WriteStringValue(time.ToString("yyyy\\-MM\\-dd HH\\:mm\\:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case Guid guid when parameter.SqliteType == Microsoft.Data.Sqlite.SqliteType.Text:
                writer.WriteStringValue(guid.ToString().ToUpperInvariant());
                break;
            default:
                throw new NotSupportedException($"A batched insert cannot write {parameter.Value.GetType().Name} ({parameter.SqliteType}) to SQLite.");
        }
    }

    /// <summary>Runs the statement through EF's command pipeline (its connection, transaction, logging and interceptors), not its query cache.</summary>
    private async Task<RelationalDataReader> ExecuteReaderAsync(string sql, List<DbParameter> parameters, CancellationToken cancellationToken)
    {
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, parameters);
        return await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                db.GetService<IRelationalConnection>(), command.ParameterValues, null, db,
                db.GetService<IRelationalCommandDiagnosticsLogger>(), CommandSource.ExecuteSqlRaw),
            cancellationToken);
    }
}
