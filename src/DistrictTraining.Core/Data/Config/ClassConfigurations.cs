using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class TrainingClassConfiguration : IEntityTypeConfiguration<TrainingClass>
{
    public void Configure(EntityTypeBuilder<TrainingClass> b)
    {
        b.ToTable("TrainingClasses");
        b.Property(c => c.Title).HasMaxLength(300);
        b.Property(c => c.VenueName).HasMaxLength(200);
        b.Property(c => c.Partner).HasMaxLength(200);
        b.Property(c => c.AcademicOfficerName).HasMaxLength(100);
        b.Property(c => c.CompletionDecisionNumber).HasMaxLength(50);
        b.Property(c => c.CompletionDecisionSigner).HasMaxLength(100);
        b.Property(c => c.CancellationReason).HasMaxLength(500);
        b.Property(c => c.Version).IsConcurrencyToken();
        b.Ignore(c => c.NumberLabel);
        b.Ignore(c => c.HasCompletionDecision);
        b.HasOne(c => c.Centre).WithMany().HasForeignKey(c => c.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.Programme).WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(c => c.HeadLecturer).WithMany().HasForeignKey(c => c.HeadLecturerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OrganisationUnit>().WithMany().HasForeignKey(c => c.VenueUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.CentreId, c.ProgrammeId, c.Year, c.Number }).IsUnique();
        b.HasIndex(c => new { c.CentreId, c.Year, c.Status });
        b.HasIndex(c => c.ProgrammeId);
        b.HasIndex(c => c.HeadLecturerId);
        b.HasIndex(c => c.VenueUnitId);
    }
}

internal sealed class ClassSessionConfiguration : IEntityTypeConfiguration<ClassSession>
{
    public void Configure(EntityTypeBuilder<ClassSession> b)
    {
        b.Property(s => s.Topic).HasMaxLength(300).IsRequired();
        b.HasOne(s => s.Class).WithMany(c => c.Sessions).HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(s => s.Lecturer).WithMany().HasForeignKey(s => s.LecturerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => new { s.ClassId, s.Date, s.Part });
        b.HasIndex(s => new { s.LecturerId, s.Date });
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        // Keeps ClassTallies in step (ADR-016); declared so SQL Server saves without an OUTPUT clause.
        b.ToTable(t => t.HasTrigger(ClassTally.EnrolmentsTrigger));
        b.Property(e => e.WithdrawalReason).HasMaxLength(500);
        b.Property(e => e.Version).IsConcurrencyToken();
        b.HasOne(e => e.Class).WithMany(c => c.Enrolments).HasForeignKey(e => e.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Trainee).WithMany(t => t.Enrolments).HasForeignKey(e => e.TraineeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Unit).WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.ClassId, e.TraineeId }).IsUnique();
        // Reports: a class's active enrolments by unit, joined on by id, read from the index alone.
        b.HasIndex(e => new { e.ClassId, e.Status, e.UnitId, e.Id });
        b.HasIndex(e => e.TraineeId);
        b.HasIndex(e => e.UnitId);
    }
}

internal sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> b)
    {
        b.Property(a => a.Note).HasMaxLength(300);
        b.Property(a => a.MarkedBy).HasMaxLength(100);
        b.HasOne(a => a.Enrolment).WithMany(e => e.Attendance).HasForeignKey(a => a.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(a => a.Session).WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.EnrolmentId, a.SessionId }).IsUnique();
        b.HasIndex(a => a.SessionId);
    }
}

internal sealed class AssessmentResultConfiguration : IEntityTypeConfiguration<AssessmentResult>
{
    public void Configure(EntityTypeBuilder<AssessmentResult> b)
    {
        b.ToTable(t => t.HasTrigger(ClassTally.ResultsTrigger));
        b.Property(r => r.Score).HasPrecision(4, 1);
        b.Property(r => r.ResitScore).HasPrecision(4, 1);
        b.Property(r => r.GradeName).HasMaxLength(50);
        b.Property(r => r.NotCompletedReason).HasMaxLength(300);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasOne(r => r.Enrolment).WithOne(e => e.Result).HasForeignKey<AssessmentResult>(r => r.EnrolmentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(r => r.EnrolmentId).IsUnique();
    }
}

internal sealed class ClassAmendmentConfiguration : IEntityTypeConfiguration<ClassAmendment>
{
    public void Configure(EntityTypeBuilder<ClassAmendment> b)
    {
        b.ToTable("ClassAmendments");
        b.Property(a => a.Reason).HasMaxLength(1000).IsRequired();
        b.Property(a => a.OpenedBy).HasMaxLength(256).IsRequired();
        b.Property(a => a.ClosedBy).HasMaxLength(256);
        b.Property(a => a.Outcome).HasMaxLength(4000);
        b.Ignore(a => a.IsOpen);
        b.HasOne(a => a.Class).WithMany(c => c.Amendments).HasForeignKey(a => a.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.ClassId, a.ClosedAt });
    }
}
