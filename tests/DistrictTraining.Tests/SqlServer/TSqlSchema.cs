using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace DistrictTraining.Tests.SqlServer;

/// <summary>
/// Parses T-SQL with ScriptDom (the parser of SQL Server's own tools) and replays the schema
/// statements EF Core's SQL Server generator writes into tables, columns, keys, indexes and foreign
/// keys, then lists them as sorted facts. A statement it does not understand is an error naming it,
/// so a migration that uses a new kind of operation is noticed instead of silently ignored.
/// </summary>
public sealed class TSqlSchema
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.Ordinal);

    // Variables holding a default constraint's name, from EF's "drop the default of a column" idiom.
    private readonly Dictionary<string, (string Table, string Column)> _defaultNameVariables = new(StringComparer.OrdinalIgnoreCase);

    private sealed class Table(string name)
    {
        public string Name { get; set; } = name;
        public List<Column> Columns { get; } = [];
        public Dictionary<string, string> Constraints { get; } = new(StringComparer.Ordinal); // name -> fact body
        public Dictionary<string, string> Indexes { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IReadOnlyList<string>> KeyColumns { get; } = new(StringComparer.Ordinal); // constraint/index -> columns
    }

    private sealed class Column(string name)
    {
        public string Name { get; set; } = name;
        public string Type { get; set; } = "";
        public bool Nullable { get; set; } = true;
        public string? Default { get; set; }
        public string? Identity { get; set; }
        public string? Collation { get; set; }
        public string? Computed { get; set; }
    }

    /// <summary>Parses <paramref name="sql"/> (batches separated by GO), failing with every parse error listed.</summary>
    public static TSqlScript Parse(string sql, string what)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        if (errors.Count > 0)
        {
            var lines = sql.Split('\n');
            throw new Xunit.Sdk.XunitException(
                $"{what} does not parse as T-SQL ({errors.Count} errors):\n" + string.Join("\n", errors.Take(20).Select(e =>
                    $"  line {e.Line}, column {e.Column}: {e.Message}\n    {(e.Line - 1 < lines.Length ? lines[e.Line - 1].Trim() : "")}")));
        }

        return (TSqlScript)fragment;
    }

    /// <summary>The schema a script builds, replayed statement by statement.</summary>
    public static TSqlSchema Read(string sql, string what)
    {
        var schema = new TSqlSchema();
        schema.Apply(sql, what);
        return schema;
    }

    public void Apply(string sql, string what)
    {
        foreach (var statement in Parse(sql, what).Batches.SelectMany(b => b.Statements))
        {
            Apply(statement, what);
        }
    }

    /// <summary>One line per table, column, key, index and foreign key, sorted; EF's own history table left out.</summary>
    public SortedSet<string> Facts()
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var table in _tables.Values.Where(t => !t.Name.StartsWith("__EF", StringComparison.Ordinal)))
        {
            facts.Add($"table {table.Name}");
            foreach (var c in table.Columns)
            {
                facts.Add($"column {table.Name}.{c.Name} {c.Type} {(c.Nullable ? "NULL" : "NOT NULL")}"
                    + (c.Identity is null ? "" : $" identity{c.Identity}")
                    + (c.Default is null ? "" : $" default {c.Default}")
                    + (c.Collation is null ? "" : $" collate {c.Collation}")
                    + (c.Computed is null ? "" : $" as {c.Computed}"));
            }

            foreach (var (name, body) in table.Constraints)
            {
                facts.Add($"{body} [{name}]");
            }

            foreach (var (name, body) in table.Indexes)
            {
                facts.Add($"{body} [{name}]");
            }
        }

        return facts;
    }

    /// <summary>Columns of primary keys, unique constraints and index keys whose type is (max): SQL Server cannot index them.</summary>
    public IReadOnlyList<string> KeyColumnsOfUnboundedType() =>
        _tables.Values.SelectMany(t => t.KeyColumns.SelectMany(k => k.Value.Select(c => (Key: k.Key, Column: FindColumn(t, c, "key " + k.Key)))
                .Where(x => x.Column.Type.EndsWith("(max)", StringComparison.Ordinal))
                .Select(x => $"{t.Name}.{x.Column.Name} {x.Column.Type} in {x.Key}")))
            .ToList();

    private void Apply(TSqlStatement statement, string what)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                var table = new Table(Name(create.SchemaObjectName));
                if (!_tables.TryAdd(table.Name, table))
                {
                    throw Refuse(statement, $"table {table.Name} is created twice");
                }

                AddElements(table, create.Definition, statement);
                break;
            case DropTableStatement drop:
                foreach (var name in drop.Objects)
                {
                    _tables.Remove(Name(name));
                }

                break;
            case AlterTableAddTableElementStatement add:
                AddElements(TableOf(add.SchemaObjectName, statement), add.Definition, statement);
                break;
            case AlterTableDropTableElementStatement drop:
                DropElements(TableOf(drop.SchemaObjectName, statement), drop, statement);
                break;
            case AlterTableAlterColumnStatement alter:
                AlterColumn(TableOf(alter.SchemaObjectName, statement), alter, statement);
                break;
            case CreateIndexStatement index:
                AddIndex(TableOf(index.OnName, statement), index);
                break;
            case DropIndexStatement drop:
                foreach (var clause in drop.DropIndexClauses)
                {
                    if (clause is not DropIndexClause { Index: { } indexName, Object: { } on })
                    {
                        throw Refuse(statement, "a DROP INDEX form other than 'DROP INDEX [name] ON [table]'");
                    }

                    var owner = TableOf(on, statement);
                    if (!owner.Indexes.Remove(indexName.Value) || !owner.KeyColumns.Remove(indexName.Value))
                    {
                        throw Refuse(statement, $"index {indexName.Value} does not exist on {owner.Name}");
                    }
                }

                break;
            case ExecuteStatement exec:
                Execute(exec, what);
                break;
            case BeginEndBlockStatement block:
                foreach (var inner in block.StatementList.Statements)
                {
                    Apply(inner, what);
                }

                break;
            case IfStatement { ElseStatement: null } branch when IsMigrationGuard(branch.Predicate):
                // Idempotent scripts guard each migration ("not yet applied") and the history table
                // ("not yet created"); on an empty database every guard is passed.
                Apply(branch.ThenStatement, what);
                break;
            case IfStatement { ElseStatement: null, Predicate: BooleanIsNullExpression { IsNot: true, Expression: VariableReference variable } } dropDefault
                when _defaultNameVariables.Remove(variable.Name, out var target):
                if (dropDefault.ThenStatement is not ExecuteStatement)
                {
                    throw Refuse(statement, "an IF on a default constraint's name that does not EXEC the drop");
                }

                FindColumn(TableOf(target.Table, statement), target.Column, Text(statement)).Default = null;
                break;
            case DeclareVariableStatement:
                break; // the variable is given its meaning by the SELECT below
            case SelectStatement select when DefaultConstraintLookup(select) is { } lookup:
                _defaultNameVariables[lookup.Variable] = (lookup.Table, lookup.Column);
                break;
            case BeginTransactionStatement or CommitTransactionStatement or RollbackTransactionStatement or SetIdentityInsertStatement
                or InsertStatement or UpdateStatement or DeleteStatement:
                break; // transactions, the history rows and data: no change of schema
            case CreateTriggerStatement or DropTriggerStatement:
                break; // the report tallies' triggers (ADR-016): code, no change of tables, columns or indexes
            default:
                throw Refuse(statement, $"a {statement.GetType().Name} statement, which this schema reader does not interpret");
        }
    }

    private void AddElements(Table table, TableDefinition definition, TSqlStatement statement)
    {
        foreach (var definitionColumn in definition.ColumnDefinitions)
        {
            var column = new Column(definitionColumn.ColumnIdentifier.Value)
            {
                Type = definitionColumn.DataType is null ? "computed" : TypeName(definitionColumn.DataType),
                Collation = definitionColumn.Collation?.Value,
                Identity = definitionColumn.IdentityOptions is { } identity
                    ? identity.IdentitySeed is null ? "" : $"({Text(identity.IdentitySeed)},{Text(identity.IdentityIncrement)})"
                    : null,
                Default = definitionColumn.DefaultConstraint is { } d ? Text(d.Expression) : null,
                Computed = definitionColumn.ComputedColumnExpression is { } computed
                    ? Text(computed) + (definitionColumn.IsPersisted ? " persisted" : "")
                    : null,
            };
            if (table.Columns.Any(c => c.Name == column.Name))
            {
                throw Refuse(statement, $"column {table.Name}.{column.Name} is added twice");
            }

            foreach (var constraint in definitionColumn.Constraints)
            {
                switch (constraint)
                {
                    case NullableConstraintDefinition nullable:
                        column.Nullable = nullable.Nullable;
                        break;
                    default:
                        throw Refuse(statement, $"an inline column constraint {constraint.GetType().Name} on {table.Name}.{column.Name}");
                }
            }

            table.Columns.Add(column);
        }

        foreach (var constraint in definition.TableConstraints)
        {
            switch (constraint)
            {
                case UniqueConstraintDefinition unique:
                    var columns = unique.Columns.Select(c => ColumnName(c.Column)).ToList();
                    var kind = unique.IsPrimaryKey ? "primary key" : "unique constraint";
                    AddConstraint(table, Required(unique.ConstraintIdentifier, statement), $"{kind} {table.Name}({string.Join(",", columns)})", columns, statement);
                    break;
                case ForeignKeyConstraintDefinition fk:
                    AddConstraint(table, Required(fk.ConstraintIdentifier, statement),
                        $"foreign key {table.Name}({string.Join(",", fk.Columns.Select(c => c.Value))}) -> {Name(fk.ReferenceTableName)}"
                        + $"({string.Join(",", fk.ReferencedTableColumns.Select(c => c.Value))}) on delete {Action(fk.DeleteAction)} on update {Action(fk.UpdateAction)}",
                        null, statement);
                    break;
                case CheckConstraintDefinition check:
                    AddConstraint(table, Required(check.ConstraintIdentifier, statement), $"check {table.Name} {Text(check.CheckCondition)}", null, statement);
                    break;
                case DefaultConstraintDefinition { Column: { } target } defaultValue:
                    FindColumn(table, target.Value, Text(statement)).Default = Text(defaultValue.Expression);
                    break;
                default:
                    throw Refuse(statement, $"a table constraint {constraint.GetType().Name} on {table.Name}");
            }
        }

        if (definition.Indexes.Count > 0)
        {
            throw Refuse(statement, $"an inline index on {table.Name}");
        }
    }

    private static void AddConstraint(Table table, string name, string body, IReadOnlyList<string>? keyColumns, TSqlStatement statement)
    {
        if (!table.Constraints.TryAdd(name, body))
        {
            throw Refuse(statement, $"constraint {name} is added twice");
        }

        foreach (var column in keyColumns ?? [])
        {
            FindColumn(table, column, Text(statement));
        }

        if (keyColumns is not null)
        {
            table.KeyColumns[name] = keyColumns;
        }
    }

    private static void AddIndex(Table table, CreateIndexStatement index)
    {
        var columns = index.Columns.Select(c => ColumnName(c.Column) + (c.SortOrder == SortOrder.Descending ? " DESC" : "")).ToList();
        var body = $"{(index.Unique ? "unique index" : "index")} {table.Name}({string.Join(",", columns)})"
            + (index.IncludeColumns.Count > 0 ? $" include({string.Join(",", index.IncludeColumns.Select(ColumnName))})" : "")
            + (index.FilterPredicate is { } filter ? $" where {Text(filter)}" : "")
            + (index.Clustered == true ? " clustered" : "");
        if (!table.Indexes.TryAdd(index.Name.Value, body))
        {
            throw Refuse(index, $"index {index.Name.Value} is created twice");
        }

        table.KeyColumns[index.Name.Value] = index.Columns.Select(c => ColumnName(c.Column)).ToList();
        foreach (var column in table.KeyColumns[index.Name.Value])
        {
            FindColumn(table, column, Text(index));
        }
    }

    private static void DropElements(Table table, AlterTableDropTableElementStatement drop, TSqlStatement statement)
    {
        foreach (var element in drop.AlterTableDropTableElements)
        {
            var name = element.Name.Value;
            var dropped = element.TableElementType switch
            {
                TableElementType.Column => table.Columns.RemoveAll(c => c.Name == name) == 1,
                TableElementType.Constraint or TableElementType.NotSpecified => table.Constraints.Remove(name) | table.KeyColumns.Remove(name),
                _ => throw Refuse(statement, $"dropping a {element.TableElementType}"),
            };
            if (!dropped)
            {
                throw Refuse(statement, $"{element.TableElementType} {name} does not exist on {table.Name}");
            }
        }
    }

    private static void AlterColumn(Table table, AlterTableAlterColumnStatement alter, TSqlStatement statement)
    {
        var column = FindColumn(table, alter.ColumnIdentifier.Value, Text(statement));
        if (alter.DataType is null)
        {
            throw Refuse(statement, $"an ALTER COLUMN of {table.Name}.{column.Name} other than a type and nullability change");
        }

        column.Type = TypeName(alter.DataType);
        column.Collation = alter.Collation?.Value;
        column.Nullable = alter.AlterTableAlterColumnOption switch
        {
            AlterTableAlterColumnOption.Null or AlterTableAlterColumnOption.NoOptionDefined => true,
            AlterTableAlterColumnOption.NotNull => false,
            var other => throw Refuse(statement, $"ALTER COLUMN option {other}"),
        };
    }

    private void Execute(ExecuteStatement exec, string what)
    {
        switch (exec.ExecuteSpecification.ExecutableEntity)
        {
            // EXEC(N'...'): EF defers statements that must compile after earlier ones (idempotent scripts).
            case ExecutableStringList { Strings: [StringLiteral literal] }:
                Apply(literal.Value, what + " (inside EXEC)");
                break;
            case ExecutableProcedureReference { ProcedureReference.ProcedureReference.Name: { } procedure } call
                when procedure.BaseIdentifier.Value.Equals("sp_rename", StringComparison.OrdinalIgnoreCase):
                var arguments = call.Parameters.Select(p => p.ParameterValue is StringLiteral s ? s.Value : throw Refuse(exec, "sp_rename with a non-literal argument")).ToList();
                Rename(arguments, exec);
                break;
            default:
                throw Refuse(exec, "an EXEC of something other than a literal statement or sp_rename");
        }
    }

    // sp_rename N'[Old]', N'New' (a table); N'[Table].[Old]', N'New', 'COLUMN' or 'INDEX'; N'[PK_Old]', N'PK_New', 'OBJECT' (a key).
    private void Rename(IReadOnlyList<string> arguments, TSqlStatement statement)
    {
        var parts = arguments[0].Split("].[").Select(p => p.Trim('[', ']')).ToList();
        var newName = arguments[1];
        var kind = arguments.Count > 2 ? arguments[2].ToUpperInvariant() : "OBJECT";
        switch (kind)
        {
            case "COLUMN":
                var table = TableOf(parts[^2], statement);
                var oldName = parts[^1];
                FindColumn(table, oldName, Text(statement)).Name = newName;
                foreach (var (key, columns) in table.KeyColumns.ToList())
                {
                    table.KeyColumns[key] = columns.Select(c => c == oldName ? newName : c).ToList();
                }

                // Keys, indexes and foreign keys name the column in their fact: rename it there too.
                foreach (var facts in new[] { table.Constraints, table.Indexes })
                {
                    foreach (var (name, body) in facts.ToList())
                    {
                        facts[name] = RenameInList(body, table.Name, oldName, newName);
                    }
                }

                foreach (var other in _tables.Values)
                {
                    foreach (var (name, body) in other.Constraints.ToList())
                    {
                        other.Constraints[name] = RenameInList(body, "-> " + table.Name, oldName, newName);
                    }
                }

                break;
            case "INDEX":
                var owner = TableOf(parts[^2], statement);
                var index = parts[^1];
                if (!owner.Indexes.Remove(index, out var indexBody) || !owner.KeyColumns.Remove(index, out var indexColumns))
                {
                    throw Refuse(statement, $"index {index} does not exist on {owner.Name}");
                }

                owner.Indexes[newName] = indexBody;
                owner.KeyColumns[newName] = indexColumns;
                break;
            case "OBJECT" when _tables.Remove(parts[^1], out var renamed):
                var oldTable = renamed.Name;
                renamed.Name = newName;
                _tables[newName] = renamed;
                foreach (var t in _tables.Values)
                {
                    foreach (var facts in new[] { t.Constraints, t.Indexes })
                    {
                        foreach (var (name, body) in facts.ToList())
                        {
                            facts[name] = body.Replace($" {oldTable}(", $" {newName}(", StringComparison.Ordinal);
                        }
                    }
                }

                break;
            case "OBJECT":
                var holder = _tables.Values.FirstOrDefault(t => t.Constraints.ContainsKey(parts[^1]))
                    ?? throw Refuse(statement, $"no table or constraint is named {parts[^1]}");
                holder.Constraints.Remove(parts[^1], out var constraintBody);
                holder.Constraints[newName] = constraintBody!;
                if (holder.KeyColumns.Remove(parts[^1], out var keyColumns))
                {
                    holder.KeyColumns[newName] = keyColumns;
                }

                break;
            default:
                throw Refuse(statement, $"sp_rename of kind {kind}");
        }
    }

    // "unique index T(A,B)" with B renamed to C: "unique index T(A,C)"; only inside the list after "<prefix>(".
    private static string RenameInList(string body, string prefix, string oldName, string newName)
    {
        var start = body.IndexOf(prefix + "(", StringComparison.Ordinal);
        if (start < 0)
        {
            return body;
        }

        var open = start + prefix.Length + 1;
        var close = body.IndexOf(')', open);
        var columns = body[open..close].Split(',').Select(c => c == oldName ? newName : c.StartsWith(oldName + " ", StringComparison.Ordinal) ? newName + c[oldName.Length..] : c);
        return body[..open] + string.Join(",", columns) + body[close..];
    }

    private static bool IsMigrationGuard(BooleanExpression predicate)
    {
        var text = Text(predicate);
        return text.Contains("__EFMigrationsHistory", StringComparison.Ordinal);
    }

    // SELECT @var = [d].[name] FROM [sys].[default_constraints] ... WHERE ([d].[parent_object_id] = OBJECT_ID(N'[T]') AND [c].[name] = N'C')
    private static (string Variable, string Table, string Column)? DefaultConstraintLookup(SelectStatement select)
    {
        if (select.QueryExpression is not QuerySpecification { SelectElements: [SelectSetVariable assignment], WhereClause: { } where } query
            || !Text(query.FromClause).Contains("default_constraints", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var literals = new LiteralCollector();
        where.Accept(literals);
        return literals.Strings is [var table, var column]
            ? (assignment.Variable.Name, table.Split("].[")[^1].Trim('[', ']'), column)
            : null;
    }

    private sealed class LiteralCollector : TSqlFragmentVisitor
    {
        public List<string> Strings { get; } = [];

        public override void Visit(StringLiteral node) => Strings.Add(node.Value);
    }

    private Table TableOf(SchemaObjectName name, TSqlStatement statement) => TableOf(Name(name), statement);

    private Table TableOf(string name, TSqlStatement statement) =>
        _tables.TryGetValue(name, out var table) ? table : throw Refuse(statement, $"table {name} does not exist");

    private static Column FindColumn(Table table, string name, string statement) =>
        table.Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"Column {table.Name}.{name} does not exist, in:\n  {statement}");

    private static string Required(Identifier? name, TSqlStatement statement) =>
        name?.Value ?? throw Refuse(statement, "a constraint without a name");

    // Tables are in the default schema: a schema name would be a fact of its own (none is used yet).
    private static string Name(SchemaObjectName name) =>
        name.SchemaIdentifier is null ? name.BaseIdentifier.Value : name.SchemaIdentifier.Value + "." + name.BaseIdentifier.Value;

    private static string ColumnName(ColumnReferenceExpression column) => column.MultiPartIdentifier.Identifiers[^1].Value;

    private static string TypeName(DataTypeReference type) => type switch
    {
        ParameterizedDataTypeReference p when p.Parameters.Count > 0 =>
            $"{p.Name.BaseIdentifier.Value.ToLowerInvariant()}({string.Join(",", p.Parameters.Select(x => x is MaxLiteral ? "max" : x.Value))})",
        _ => type.Name.BaseIdentifier.Value.ToLowerInvariant(),
    };

    private static string Action(DeleteUpdateAction action) => action switch
    {
        DeleteUpdateAction.NotSpecified or DeleteUpdateAction.NoAction => "no action",
        DeleteUpdateAction.Cascade => "cascade",
        DeleteUpdateAction.SetNull => "set null",
        DeleteUpdateAction.SetDefault => "set default",
        _ => action.ToString(),
    };

    private static readonly Sql160ScriptGenerator Generator = new(new SqlScriptGeneratorOptions
    {
        KeywordCasing = KeywordCasing.Uppercase, NewLineBeforeFromClause = false, NewLineBeforeWhereClause = false,
        NewLineBeforeJoinClause = false, MultilineSelectElementsList = false,
        IncludeSemicolons = false,
    });

    /// <summary>The fragment as ScriptDom writes it back: one spelling for equal expressions.</summary>
    public static string Text(TSqlFragment? fragment)
    {
        if (fragment is null)
        {
            return "";
        }

        Generator.GenerateScript(fragment, out var script);
        return string.Join(" ", script.Split((char[])['\r', '\n', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }

    private static Xunit.Sdk.XunitException Refuse(TSqlStatement statement, string what)
    {
        var text = Text(statement);
        return new Xunit.Sdk.XunitException(
            $"The schema reader met {what}. Teach TSqlSchema this statement (or correct it) so the schema comparison stays complete:\n  "
            + (text.Length > 600 ? text[..600] + " …" : text));
    }
}
