using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        // Keeps CertificateTallies in step (ADR-016); declared so SQL Server saves without an OUTPUT clause.
        b.ToTable(t => t.HasTrigger(CertificateTally.CertificatesTrigger));
        b.Property(c => c.SignerName).HasMaxLength(100).IsRequired();
        b.Property(c => c.SignerTitle).HasMaxLength(100);
        b.Property(c => c.GradeName).HasMaxLength(50);
        b.Property(c => c.VerificationCode).HasMaxLength(32).IsRequired();
        b.Property(c => c.ReissueReason).HasMaxLength(500);
        b.Property(c => c.RevocationReason).HasMaxLength(500);
        b.Property(c => c.ConfirmedWarning).HasMaxLength(500);
        b.Property(c => c.ConfirmationReason).HasMaxLength(500);

        // Revoking and reissuing both start from a valid certificate: the status guards against two
        // staff changing the same certificate at once (no schema change: a token is only a WHERE clause).
        b.Property(c => c.Status).IsConcurrencyToken();
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(c => c.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Enrolment).WithMany().HasForeignKey(c => c.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Replaces).WithMany().HasForeignKey(c => c.ReplacesCertificateId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.CentreId, c.Year, c.SerialNumber }).IsUnique();
        b.HasIndex(c => new { c.CentreId, c.Year, c.RegisterNumber }).IsUnique();
        b.HasIndex(c => new { c.EnrolmentId, c.IssueSequence }).IsUnique();
        b.HasIndex(c => c.VerificationCode).IsUnique();
        // Only the few certificates that replace another: with statistics (ANALYZE, PRAGMA optimize) SQLite judged an
        // index of a column nearly always empty useless and scanned the table for every "replaced by" look-up.
        // Filters are written with ANSI quotes; SqlServerAppDbContext turns them into brackets.
        b.HasIndex(c => c.ReplacesCertificateId).HasFilter("\"ReplacesCertificateId\" IS NOT NULL");
    }
}

internal sealed class CertificateCounterConfiguration : IEntityTypeConfiguration<CertificateCounter>
{
    public void Configure(EntityTypeBuilder<CertificateCounter> b)
    {
        b.HasKey(c => new { c.CentreId, c.Year });
        b.Property(c => c.Version).IsConcurrencyToken();
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(c => c.CentreId).OnDelete(DeleteBehavior.Restrict);
    }
}
