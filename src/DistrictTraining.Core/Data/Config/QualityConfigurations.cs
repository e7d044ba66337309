using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Quality;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DistrictTraining.Core.Data.Config;

internal sealed class ExternalTrainingConfiguration : IEntityTypeConfiguration<ExternalTraining>
{
    public void Configure(EntityTypeBuilder<ExternalTraining> b)
    {
        // A table of its own: the never-written ExternalTrainings table of the first model (years, no dates or decision) is dropped, not altered.
        b.ToTable("ExternalTrainingCourses");
        b.Property(x => x.Institution).HasMaxLength(200).IsRequired();
        b.Property(x => x.DecisionNumber).HasMaxLength(50);
        b.Property(x => x.Note).HasMaxLength(500);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne(x => x.Trainee).WithMany().HasForeignKey(x => x.TraineeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(x => x.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.TraineeId);
        b.HasIndex(x => new { x.CentreId, x.StartDate });
    }
}

internal sealed class ClassObservationConfiguration : IEntityTypeConfiguration<ClassObservation>
{
    public void Configure(EntityTypeBuilder<ClassObservation> b)
    {
        // A table of its own: the unused SessionObservations table of the first model is dropped, not altered.
        b.ToTable("ClassObservations");
        b.Property(o => o.ObserverName).HasMaxLength(100).IsRequired();
        b.Property(o => o.Rating).HasMaxLength(50);
        b.Property(o => o.Comments).HasMaxLength(2000);
        b.Property(o => o.MeetingNote).HasMaxLength(500);
        b.HasOne<ClassSession>().WithMany().HasForeignKey(o => o.SessionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => o.SessionId);
    }
}

internal sealed class SurveyItemConfiguration : IEntityTypeConfiguration<SurveyItem>
{
    public void Configure(EntityTypeBuilder<SurveyItem> b)
    {
        b.Property(i => i.Text).HasMaxLength(300).IsRequired();
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(i => i.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.CentreId, i.DisplayOrder });
    }
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> b)
    {
        b.Property(s => s.PublicKey).HasMaxLength(8).IsRequired();
        b.HasOne<TrainingCentre>().WithMany().HasForeignKey(s => s.CentreId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<TrainingClass>().WithMany().HasForeignKey(s => s.ClassId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Questions).WithOne().HasForeignKey(q => q.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(s => s.Targets).WithOne().HasForeignKey(t => t.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.PublicKey).IsUnique();
        b.HasIndex(s => s.ClassId);
        b.HasIndex(s => s.CentreId);
    }
}

internal sealed class SurveyQuestionConfiguration : IEntityTypeConfiguration<SurveyQuestion>
{
    public void Configure(EntityTypeBuilder<SurveyQuestion> b)
    {
        b.Property(q => q.Text).HasMaxLength(300).IsRequired();
        b.HasIndex(q => q.SurveyId);
    }
}

internal sealed class SurveyTargetConfiguration : IEntityTypeConfiguration<SurveyTarget>
{
    public void Configure(EntityTypeBuilder<SurveyTarget> b)
    {
        b.Property(t => t.Topic).HasMaxLength(300).IsRequired();
        b.HasOne<Lecturer>().WithMany().HasForeignKey(t => t.LecturerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => t.SurveyId);
        b.HasIndex(t => t.LecturerId);
    }
}

internal sealed class SurveyCodeConfiguration : IEntityTypeConfiguration<SurveyCode>
{
    public void Configure(EntityTypeBuilder<SurveyCode> b)
    {
        b.Property(c => c.Code).HasMaxLength(10).IsRequired();
        b.HasOne<Survey>().WithMany().HasForeignKey(c => c.SurveyId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.SurveyId, c.Code }).IsUnique();
    }
}

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.Property(a => a.Comment).HasMaxLength(1000);
        b.HasOne<Survey>().WithMany().HasForeignKey(a => a.SurveyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SurveyTarget>().WithMany().HasForeignKey(a => a.TargetId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.AnswerId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => a.SurveyId);
        b.HasIndex(a => a.TargetId);
    }
}

internal sealed class SurveyScoreConfiguration : IEntityTypeConfiguration<SurveyScore>
{
    public void Configure(EntityTypeBuilder<SurveyScore> b)
    {
        b.HasOne<SurveyQuestion>().WithMany().HasForeignKey(s => s.QuestionId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(s => s.AnswerId);
        b.HasIndex(s => s.QuestionId);
    }
}
