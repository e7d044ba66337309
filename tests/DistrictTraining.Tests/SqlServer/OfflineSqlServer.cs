using System.Collections;
using System.Data;
using System.Data.Common;
using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DistrictTraining.Tests.SqlServer;

/// <summary>
/// A <see cref="SqlServerAppDbContext"/> that never reaches a server: opening the connection and
/// starting a transaction are suppressed, and every command EF creates is a stand-in that records its
/// SQL text and answers with <see cref="RowsPerResult"/> rows of placeholder values (1, "1", a fixed
/// date...), so that a service goes on past its first query. What it proves is that EF translates the
/// queries for SQL Server and that the SQL it writes parses; not what a server would answer.
/// </summary>
public sealed class OfflineSqlServer : IDbConnectionInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    // Never resolved: no connection is ever opened.
    private const string ConnectionString = "Server=offline.invalid;Database=DistrictTraining;Encrypt=false;Connect Timeout=1";

    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return _commands.ToList();
            }
        }
    }

    /// <summary>
    /// Rows each result answers with; 0 reads as "nothing found", except that an aggregate (COUNT, MAX,
    /// SUM, EXISTS...) answers with its one row, as a real server does.
    /// </summary>
    public int RowsPerResult { get; set; } = 1;

    private static readonly System.Text.RegularExpressions.Regex Aggregate = new(
        @"^SELECT (COUNT(_BIG)?|MAX|MIN|SUM|AVG|COALESCE\((SUM|MAX)|CASE\s+WHEN (NOT )?EXISTS)\b",
        System.Text.RegularExpressions.RegexOptions.Compiled);

    private int RowsFor(string sql) => RowsPerResult == 0 && Aggregate.IsMatch(sql) ? 1 : RowsPerResult;

    /// <summary>A SQL Server context with no interceptor: to generate scripts.</summary>
    public static SqlServerAppDbContext Context() => new(Options().Options);

    public SqlServerAppDbContext CreateContext(ICurrentUser? user = null) => new(Options().AddInterceptors(this).Options, user);

    private static DbContextOptionsBuilder<AppDbContext> Options()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DataServiceCollectionExtensions.Configure(builder, DatabaseProvider.SqlServer, ConnectionString, Path.GetTempPath());
        return builder;
    }

    public InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result) =>
        InterceptionResult<DbTransaction>.SuppressWithResult(new OfflineTransaction(connection, eventData.IsolationLevel));

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

    // A save inside a transaction marks a savepoint with a command of its own, outside the interceptors.
    public InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    public InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(InterceptionResult.Suppress());

    // SqlCommand only accepts a SqlTransaction, so the command itself is a stand-in.
    public InterceptionResult<DbCommand> CommandCreating(CommandCorrelatedEventData eventData, InterceptionResult<DbCommand> result) =>
        InterceptionResult<DbCommand>.SuppressWithResult(new OfflineCommand(this, eventData.Connection));

    private void Record(string sql)
    {
        lock (_commands)
        {
            _commands.Add(sql);
        }
    }

    private sealed class OfflineTransaction(DbConnection connection, IsolationLevel isolationLevel) : DbTransaction
    {
        public override IsolationLevel IsolationLevel => isolationLevel;

        protected override DbConnection DbConnection => connection;

        public override bool SupportsSavepoints => true;

        public override void Commit()
        {
        }

        public override void Rollback()
        {
        }

        public override void Save(string savepointName)
        {
        }

        public override void Rollback(string savepointName)
        {
        }

        public override void Release(string savepointName)
        {
        }
    }

    private sealed class OfflineCommand(OfflineSqlServer server, DbConnection connection) : DbCommand
    {
        // SQL Server's parameter collection, so EF's type mappings configure real SqlParameters.
        private readonly SqlCommand _parameters = new();

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string CommandText { get; set; } = "";

        public override int CommandTimeout { get; set; }

        public override CommandType CommandType { get; set; } = CommandType.Text;

        public override bool DesignTimeVisible { get; set; }

        public override UpdateRowSource UpdatedRowSource { get; set; }

        protected override DbConnection? DbConnection { get; set; } = connection;

        protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

        protected override DbTransaction? DbTransaction { get; set; }

        public override void Cancel()
        {
        }

        public override void Prepare()
        {
        }

        protected override DbParameter CreateDbParameter() => new SqlParameter();

        protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
        {
            server.Record(CommandText);
            return new PlaceholderReader(server.RowsFor(CommandText));
        }

        public override int ExecuteNonQuery()
        {
            server.Record(CommandText);
            return 1;
        }

        public override object? ExecuteScalar()
        {
            server.Record(CommandText);
            return 1;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _parameters.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>One result of <c>rows</c> rows whose every column holds a placeholder of the type asked for.</summary>
    private sealed class PlaceholderReader(int rows) : DbDataReader
    {
        private const int Columns = 64;
        private int _read;
        private bool _closed;

        public override int FieldCount => Columns;

        public override bool HasRows => rows > 0;

        public override bool IsClosed => _closed;

        public override int RecordsAffected => rows;

        public override int Depth => 0;

        public override object this[int ordinal] => GetValue(ordinal);

        public override object this[string name] => GetValue(0);

        public override bool Read() => _read++ < rows;

        public override bool NextResult() => false;

        public override void Close() => _closed = true;

        public override bool IsDBNull(int ordinal) => false;

        public override T GetFieldValue<T>(int ordinal) => (T)Placeholder(typeof(T));

        public override object GetValue(int ordinal) => 1;

        public override int GetValues(object[] values)
        {
            Array.Fill(values, 1);
            return values.Length;
        }

        public override bool GetBoolean(int ordinal) => true;

        public override byte GetByte(int ordinal) => 1;

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;

        public override char GetChar(int ordinal) => '1';

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;

        public override string GetDataTypeName(int ordinal) => "int";

        public override DateTime GetDateTime(int ordinal) => (DateTime)Placeholder(typeof(DateTime));

        public override decimal GetDecimal(int ordinal) => 1m;

        public override double GetDouble(int ordinal) => 1d;

        public override Type GetFieldType(int ordinal) => typeof(int);

        public override float GetFloat(int ordinal) => 1f;

        public override Guid GetGuid(int ordinal) => (Guid)Placeholder(typeof(Guid));

        public override short GetInt16(int ordinal) => 1;

        public override int GetInt32(int ordinal) => 1;

        public override long GetInt64(int ordinal) => 1;

        public override string GetName(int ordinal) => "Column" + ordinal;

        public override int GetOrdinal(string name) => 0;

        public override string GetString(int ordinal) => "1";

        public override IEnumerator GetEnumerator() => throw new NotSupportedException();

        private static object Placeholder(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "1",
            var t when t == typeof(bool) => true,
            var t when t == typeof(DateTime) => new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc),
            var t when t == typeof(DateOnly) => new DateOnly(2026, 1, 5),
            var t when t == typeof(TimeOnly) => new TimeOnly(8, 0),
            var t when t == typeof(DateTimeOffset) => new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero),
            var t when t == typeof(TimeSpan) => TimeSpan.FromHours(1),
            var t when t == typeof(Guid) => new Guid("11111111-1111-1111-1111-111111111111"),
            var t when t == typeof(byte[]) => new byte[] { 1 },
            var t when t.IsEnum => Enum.ToObject(t, 1),
            var t when t.IsPrimitive || t == typeof(decimal) => Convert.ChangeType(1, t, System.Globalization.CultureInfo.InvariantCulture),
            var t => throw new NotSupportedException($"The offline reader has no placeholder for {t}."),
        };
    }
}
