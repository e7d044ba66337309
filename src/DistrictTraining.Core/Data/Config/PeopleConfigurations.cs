using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class TraineeConfiguration : IEntityTypeConfiguration<Trainee>
{
    public void Configure(EntityTypeBuilder<Trainee> b)
    {
        b.Property(t => t.FamilyName).HasMaxLength(50).IsRequired();
        b.Property(t => t.MiddleName).HasMaxLength(100);
        b.Property(t => t.GivenName).HasMaxLength(50).IsRequired();
        b.Property(t => t.FullName).HasMaxLength(200).IsRequired();
        b.Property(t => t.SearchKey).HasMaxLength(200).IsRequired();
        b.Property(t => t.SortKey).HasMaxLength(450).IsRequired();
        b.Property(t => t.Cccd).HasMaxLength(12);
        b.Property(t => t.Ethnicity).HasMaxLength(50);
        b.Property(t => t.Religion).HasMaxLength(50);
        b.Property(t => t.Education).HasMaxLength(50);
        b.Property(t => t.Qualification).HasMaxLength(200);
        b.Property(t => t.Position).HasMaxLength(200);
        b.Property(t => t.Phone).HasMaxLength(20);
        b.Property(t => t.Note).HasMaxLength(1000);
        b.Property(t => t.Version).IsConcurrencyToken();
        b.Ignore(t => t.Birth);
        b.HasOne(t => t.Unit).WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        // Several NULLs are allowed by a unique index on SQLite and PostgreSQL; SQL Server would need a filter.
        b.HasIndex(t => t.Cccd).IsUnique();
        b.HasIndex(t => t.SortKey);
        b.HasIndex(t => new { t.SearchKey, t.DateOfBirth });
        b.HasIndex(t => t.UnitId);
        b.HasIndex(t => new { t.CommitteeRole, t.TheoryLevel });
    }
}

internal sealed class LecturerConfiguration : IEntityTypeConfiguration<Lecturer>
{
    public void Configure(EntityTypeBuilder<Lecturer> b)
    {
        b.Property(l => l.FamilyName).HasMaxLength(50).IsRequired();
        b.Property(l => l.MiddleName).HasMaxLength(100);
        b.Property(l => l.GivenName).HasMaxLength(50).IsRequired();
        b.Property(l => l.FullName).HasMaxLength(200).IsRequired();
        b.Property(l => l.SearchKey).HasMaxLength(200).IsRequired();
        b.Property(l => l.SortKey).HasMaxLength(450).IsRequired();
        b.Property(l => l.Position).HasMaxLength(200);
        b.Property(l => l.Workplace).HasMaxLength(200);
        b.Property(l => l.Phone).HasMaxLength(20);
        b.Property(l => l.UserId).HasMaxLength(450);
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(l => l.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(l => new { l.CentreId, l.SortKey });
        b.HasIndex(l => l.SearchKey);
        b.HasIndex(l => l.UserId);
    }
}

internal sealed class SubmissionTokenConfiguration : IEntityTypeConfiguration<SubmissionToken>
{
    public void Configure(EntityTypeBuilder<SubmissionToken> b)
    {
        b.ToTable("SubmissionTokens");
        b.HasKey(t => t.Token);
        b.Property(t => t.Token).ValueGeneratedNever();
        b.HasOne(t => t.Trainee).WithMany().HasForeignKey(t => t.TraineeId).OnDelete(DeleteBehavior.Cascade);
    }
}
