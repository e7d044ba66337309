using DistrictTraining.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class OrganisationUnitConfiguration : IEntityTypeConfiguration<OrganisationUnit>
{
    public void Configure(EntityTypeBuilder<OrganisationUnit> b)
    {
        b.Property(u => u.Code).HasMaxLength(32);
        b.Property(u => u.Name).HasMaxLength(200).IsRequired();
        b.Property(u => u.SearchKey).HasMaxLength(200).IsRequired();
        b.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(u => u.SucceededBy).WithMany().HasForeignKey(u => u.SucceededById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.ParentId);
        b.HasIndex(u => u.SearchKey);
        b.HasIndex(u => u.Code);
    }
}

internal sealed class TrainingCentreConfiguration : IEntityTypeConfiguration<TrainingCentre>
{
    public void Configure(EntityTypeBuilder<TrainingCentre> b)
    {
        b.Property(c => c.Name).HasMaxLength(200).IsRequired();
        b.Property(c => c.ParentBodyName).HasMaxLength(200);
        b.Property(c => c.PlaceName).HasMaxLength(100);
        b.Property(c => c.DirectorName).HasMaxLength(100);
        b.Property(c => c.Address).HasMaxLength(300);
        b.Property(c => c.PublicBaseUrl).HasMaxLength(PublicAddress.MaxLength);
        b.HasOne(c => c.HostUnit).WithMany().HasForeignKey(c => c.HostUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CentreServedUnitConfiguration : IEntityTypeConfiguration<CentreServedUnit>
{
    public void Configure(EntityTypeBuilder<CentreServedUnit> b)
    {
        b.HasKey(s => new { s.CentreId, s.UnitId });
        b.HasOne(s => s.Centre).WithMany(c => c.ServedUnits).HasForeignKey(s => s.CentreId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.UnitId);
    }
}
