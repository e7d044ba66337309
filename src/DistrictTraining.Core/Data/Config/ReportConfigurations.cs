using DistrictTraining.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class ClassTallyConfiguration : IEntityTypeConfiguration<ClassTally>
{
    public void Configure(EntityTypeBuilder<ClassTally> b)
    {
        b.HasKey(t => new { t.ClassId, t.ResultKind, t.GradeName });
        b.Property(t => t.GradeName).HasMaxLength(50);
        // Cascade: a deleted class takes its (zeroed) tallies with it.
        b.HasOne(t => t.Class).WithMany().HasForeignKey(t => t.ClassId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateTallyConfiguration : IEntityTypeConfiguration<CertificateTally>
{
    public void Configure(EntityTypeBuilder<CertificateTally> b)
    {
        // The issue date first: the grade report asks for a period.
        b.HasKey(t => new { t.IssueDate, t.ClassId, t.CentreId, t.Year, t.Status, t.Reissue });
        b.HasOne(t => t.Class).WithMany().HasForeignKey(t => t.ClassId).OnDelete(DeleteBehavior.Cascade);
    }
}
