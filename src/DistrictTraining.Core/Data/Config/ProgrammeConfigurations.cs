using DistrictTraining.Core.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.Property(p => p.Code).HasMaxLength(32).IsRequired();
        b.Property(p => p.Name).HasMaxLength(300).IsRequired();
        b.Property(p => p.TargetAudience).HasMaxLength(500);
        b.Property(p => p.AttendanceThresholdPercent).HasPrecision(5, 2);
        b.Property(p => p.PassScore).HasPrecision(4, 1);
        b.HasMany(p => p.GradeBands).WithOne().HasForeignKey(g => g.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.GradeBands).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => p.Code).IsUnique();
    }
}

internal sealed class GradeBandConfiguration : IEntityTypeConfiguration<GradeBand>
{
    public void Configure(EntityTypeBuilder<GradeBand> b)
    {
        b.Property(g => g.MinScore).HasPrecision(4, 1);
        b.Property(g => g.Name).HasMaxLength(50).IsRequired();
        b.HasIndex(g => new { g.ProgrammeId, g.MinScore }).IsUnique();
    }
}
