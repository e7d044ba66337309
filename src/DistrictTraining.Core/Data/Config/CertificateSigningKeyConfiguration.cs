using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class CertificateSigningKeyConfiguration : IEntityTypeConfiguration<CertificateSigningKey>
{
    public void Configure(EntityTypeBuilder<CertificateSigningKey> b)
    {
        b.Property(k => k.KeyId).HasMaxLength(16).IsRequired();
        b.Property(k => k.PublicX).HasMaxLength(64).IsRequired();
        b.Property(k => k.PublicY).HasMaxLength(64).IsRequired();
        b.Property(k => k.ProtectedPrivateKey).HasMaxLength(1000).IsRequired();
        b.Ignore(k => k.IsActive);
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(k => k.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(k => k.KeyId).IsUnique();
        // One active key per centre: null once retired (a unique index admits many nulls; on SQL Server EF filters them out).
        b.HasIndex(k => k.ActiveCentreId).IsUnique();
        b.HasIndex(k => k.CentreId);
    }
}
