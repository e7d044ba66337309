using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Plans;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class AnnualPlanConfiguration : IEntityTypeConfiguration<AnnualPlan>
{
    public void Configure(EntityTypeBuilder<AnnualPlan> b)
    {
        b.Property(p => p.Note).HasMaxLength(500);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(p => p.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Programme>().WithMany().HasForeignKey(p => p.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        // The centre-wide line has UnitId NULL, which a unique index does not police: the plan service does.
        b.HasIndex(p => new { p.CentreId, p.Year, p.ProgrammeId, p.UnitId }).IsUnique();
        b.HasIndex(p => p.ProgrammeId);
        b.HasIndex(p => p.UnitId);
    }
}

internal sealed class LecturerEvaluationConfiguration : IEntityTypeConfiguration<LecturerEvaluation>
{
    public void Configure(EntityTypeBuilder<LecturerEvaluation> b)
    {
        b.Property(e => e.AverageScore).HasPrecision(3, 2);
        b.Property(e => e.Comments).HasMaxLength(2000);
        b.HasOne<TrainingClass>().WithMany().HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Lecturer>().WithMany().HasForeignKey(e => e.LecturerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ClassId, e.LecturerId }).IsUnique();
        b.HasIndex(e => e.LecturerId);
    }
}

internal sealed class SessionObservationConfiguration : IEntityTypeConfiguration<SessionObservation>
{
    public void Configure(EntityTypeBuilder<SessionObservation> b)
    {
        b.Property(o => o.ObserverName).HasMaxLength(100).IsRequired();
        b.Property(o => o.Rating).HasMaxLength(50);
        b.Property(o => o.Comments).HasMaxLength(2000);
        b.HasOne<ClassSession>().WithMany().HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.SessionId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(a => a.UserId).HasMaxLength(450);
        b.Property(a => a.UserName).HasMaxLength(256);
        b.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        b.Property(a => a.EntityId).HasMaxLength(100).IsRequired();
        b.Property(a => a.Changes).IsRequired();
        b.HasIndex(a => new { a.EntityType, a.EntityId });
        b.HasIndex(a => a.At);
    }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.FullName).HasMaxLength(100).IsRequired();
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(u => u.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.CentreId);
        b.HasIndex(u => u.UnitId);
    }
}

/// <summary>ASP.NET Core's own key entity on the table the portal's hand-written key store made (same columns).</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).IsRequired();
    }
}

internal sealed class PendingUploadConfiguration : IEntityTypeConfiguration<Import.PendingUpload>
{
    public void Configure(EntityTypeBuilder<Import.PendingUpload> b)
    {
        b.ToTable("PendingUploads");
        b.HasKey(u => u.Token);
        b.Property(u => u.Token).HasMaxLength(32);
        b.Property(u => u.OwnerUserId).HasMaxLength(450);
        b.Property(u => u.FileName).HasMaxLength(260).IsRequired();
        b.Property(u => u.Content).IsRequired();

        // Confirming sets it only where it is still empty: a second confirm of the same upload finds nothing to update.
        b.Property(u => u.ConfirmedAt).IsConcurrencyToken();
        b.HasIndex(u => u.ExpiresAt);
    }
}

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<Data.RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<Data.RateLimitCounter> b)
    {
        b.ToTable("RateLimitCounters");
        b.HasKey(c => new { c.Key, c.WindowStart });
        b.Property(c => c.Key).HasMaxLength(100);
        b.HasIndex(c => c.WindowStart);
    }
}
