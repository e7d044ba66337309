using DistrictTraining.Core.Auditing;
using DistrictTraining.Core.Cadres;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Identity;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Plans;
using DistrictTraining.Core.Programmes;
using DistrictTraining.Core.Quality;
using DistrictTraining.Core.Trainees;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DistrictTraining.Core.Data;

/// <summary>
/// The portal's one unit of work. Services query and change it directly (no repositories: see
/// docs/decisions). On every save it stamps derived name keys and concurrency versions and writes
/// the audit trail in the same transaction.
/// Abstract: each database has its own subclass (<see cref="SqliteAppDbContext"/>,
/// <see cref="PostgreSqlAppDbContext"/>, <see cref="SqlServerAppDbContext"/>) so that each owns one
/// generated migrations set and model snapshot (ADR-004). Services ask for <c>AppDbContext</c>.
/// </summary>
public abstract class AppDbContext(DbContextOptions options, ICurrentUser? currentUser = null)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    private readonly ICurrentUser _currentUser = currentUser ?? SystemUser.Instance;

    /// <summary>The context of <paramref name="provider"/> over options made by <see cref="DataServiceCollectionExtensions.Configure"/>.</summary>
    public static AppDbContext Create(DatabaseProvider provider, DbContextOptions options, ICurrentUser? currentUser = null) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteAppDbContext(options, currentUser),
        DatabaseProvider.PostgreSQL => new PostgreSqlAppDbContext(options, currentUser),
        DatabaseProvider.SqlServer => new SqlServerAppDbContext(options, currentUser),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    /// <summary>Who is acting, as records that name their author store it (the audit trail names them too).</summary>
    public string CurrentUserName => _currentUser.UserName ?? "system";

    public DbSet<OrganisationUnit> OrganisationUnits => Set<OrganisationUnit>();

    public DbSet<TrainingCentre> TrainingCentres => Set<TrainingCentre>();

    public DbSet<CentreServedUnit> CentreServedUnits => Set<CentreServedUnit>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<GradeBand> GradeBands => Set<GradeBand>();

    public DbSet<TrainingClass> TrainingClasses => Set<TrainingClass>();

    public DbSet<ClassSession> ClassSessions => Set<ClassSession>();

    public DbSet<ClassAmendment> ClassAmendments => Set<ClassAmendment>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<AttendanceRecord> AttendanceRecords => Set<AttendanceRecord>();

    public DbSet<AssessmentResult> AssessmentResults => Set<AssessmentResult>();

    /// <summary>Kept by database triggers (ADR-016); read-only for the application.</summary>
    public DbSet<Reports.ClassTally> ClassTallies => Set<Reports.ClassTally>();

    /// <summary>Kept by a database trigger (ADR-016); read-only for the application.</summary>
    public DbSet<Reports.CertificateTally> CertificateTallies => Set<Reports.CertificateTally>();

    public DbSet<Lecturer> Lecturers => Set<Lecturer>();

    public DbSet<Trainee> Trainees => Set<Trainee>();

    public DbSet<ExternalTraining> ExternalTrainings => Set<ExternalTraining>();

    public DbSet<Certificate> Certificates => Set<Certificate>();

    public DbSet<CertificateCounter> CertificateCounters => Set<CertificateCounter>();

    public DbSet<CertificateSigningKey> CertificateSigningKeys => Set<CertificateSigningKey>();

    public DbSet<AnnualPlan> AnnualPlans => Set<AnnualPlan>();

    public DbSet<ClassObservation> ClassObservations => Set<ClassObservation>();

    public DbSet<SurveyItem> SurveyItems => Set<SurveyItem>();

    public DbSet<Survey> Surveys => Set<Survey>();

    public DbSet<SurveyQuestion> SurveyQuestions => Set<SurveyQuestion>();

    public DbSet<SurveyTarget> SurveyTargets => Set<SurveyTarget>();

    public DbSet<SurveyCode> SurveyCodes => Set<SurveyCode>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    public DbSet<SurveyScore> SurveyScores => Set<SurveyScore>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Import.PendingUpload> PendingUploads => Set<Import.PendingUpload>();

    public DbSet<RateLimitCounter> RateLimitCounters => Set<RateLimitCounter>();

    /// <summary>One-time tokens of the forms that create or enrol people: a repeated submit never saves twice.</summary>
    public DbSet<SubmissionToken> SubmissionTokens => Set<SubmissionToken>();

    /// <summary>The data-protection key ring (sign-in cookies, antiforgery), shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the kind on the way back, so restore it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                Stamp(entry.Entity, entry.State == EntityState.Added, now);
            }
        }

        var audited = AuditTrail.Capture(ChangeTracker);
        if (audited.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The change and its audit lines commit together, or not at all.
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            AuditEntries.AddRange(audited.Select(a => a.ToEntry(this, now)));
            await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }

            return count;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>What every save stamps on an added or changed entity: derived name keys, a new version, a trainee's timestamps.</summary>
    internal static void Stamp(object entity, bool added, DateTime now)
    {
        if (entity is IHasPersonName named)
        {
            named.RefreshNameKeys();
        }

        if (entity is IVersioned versioned)
        {
            versioned.Version = Guid.NewGuid();
        }

        if (entity is Trainee trainee)
        {
            if (added)
            {
                trainee.CreatedAt = now;
            }

            trainee.UpdatedAt = now;
        }
    }

    /// <summary>An audit line of <paramref name="action"/> by the current user (for writers that insert audit lines themselves).</summary>
    internal AuditEntry AuditLine(DateTime at, string entityType, string entityId, AuditAction action, string changes) => new()
    {
        At = at,
        UserId = _currentUser.UserId,
        UserName = _currentUser.UserName,
        EntityType = entityType,
        EntityId = entityId,
        Action = action,
        Changes = changes,
    };

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
