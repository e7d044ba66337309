using System.Text.Json;
using DistrictTraining.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DistrictTraining.Core.Auditing;

/// <summary>Captures what changed on audited entities before a save, and turns it into audit lines after.</summary>
internal static class AuditTrail
{
    // Derived or technical columns say nothing a reader of the audit trail needs.
    private static readonly HashSet<string> Skipped = ["Version", "SearchKey", "SortKey", "FullName", "UpdatedAt", "CreatedAt"];

    public static List<PendingAudit> Capture(ChangeTracker tracker)
    {
        var pending = new List<PendingAudit>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.Entity is not IAudited || entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            var changes = new Dictionary<string, object?>();
            foreach (var property in entry.Properties)
            {
                var name = property.Metadata.Name;
                if (Skipped.Contains(name))
                {
                    continue;
                }

                switch (entry.State)
                {
                    case EntityState.Added when property.CurrentValue is not null && !property.IsTemporary:
                        changes[name] = property.CurrentValue;
                        break;
                    case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                        changes[name] = new[] { property.OriginalValue, property.CurrentValue };
                        break;
                    case EntityState.Deleted:
                        changes[name] = property.OriginalValue;
                        break;
                }
            }

            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Created,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Updated,
            };
            pending.Add(new PendingAudit(entry, action, JsonSerializer.Serialize(changes)));
        }

        return pending;
    }

    /// <summary>
    /// The audit line of an entity inserted without the change tracker (<see cref="Data.BatchInserter"/>), after its key is
    /// known: the same line a save of it as an added entity writes (every non-empty property but the derived ones; not the
    /// generated key, which is only known after the save).
    /// </summary>
    public static AuditEntry Inserted(Data.AppDbContext db, IEntityType type, object entity, IProperty generatedKey, DateTime at)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in type.GetProperties())
        {
            if (property != generatedKey && !Skipped.Contains(property.Name) && property.GetGetter().GetClrValue(entity) is { } value)
            {
                changes[property.Name] = value;
            }
        }

        return db.AuditLine(at, type.ClrType.Name, KeyOf(type.FindPrimaryKey()!.Properties.Select(p => p.GetGetter().GetClrValue(entity))), AuditAction.Created,
            JsonSerializer.Serialize(changes));
    }

    private static string KeyOf(IEnumerable<object?> values) => string.Join(",", values);

    internal sealed record PendingAudit(EntityEntry Entry, AuditAction Action, string Changes)
    {
        // Read the key after the save, when generated ids are known.
        public AuditEntry ToEntry(Data.AppDbContext db, DateTime at) => db.AuditLine(
            at, Entry.Metadata.ClrType.Name, KeyOf(Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Entry.Property(p.Name).CurrentValue)), Action, Changes);
    }
}
