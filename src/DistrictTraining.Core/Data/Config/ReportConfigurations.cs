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
