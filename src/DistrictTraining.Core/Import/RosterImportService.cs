using System.Text.Json;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Import;

public enum ImportRowKind
{
    /// <summary>Nobody like this is stored: a new person will be created.</summary>
    New = 1,

    /// <summary>The same person as a stored trainee (same CCCD, or same name + date of birth + unit).</summary>
    Existing = 2,

    /// <summary>The person is already on this class's roster: nothing to do.</summary>
    AlreadyEnrolled = 3,

    /// <summary>A stored trainee looks like this person: a human decides.</summary>
    PossibleMatch = 4,

    /// <summary>The row cannot be imported as it is.</summary>
    Error = 5,
}

public sealed record ImportCandidate(int TraineeId, string FullName, string? Birth, string? Cccd, string? UnitName, string Reason);

public sealed record ImportPreviewRow(
    int RowNumber, string FullName, Sex? Sex, string? Birth, string? Cccd, string? UnitName, ImportRowKind Kind,
    int? TraineeId, string? MatchReason, IReadOnlyList<ImportCandidate> Candidates, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    /// <summary>The list's own number (STT) as written, beside the sheet row.</summary>
    public string? Sequence { get; init; }

    public string? Position { get; init; }

    /// <summary>Every error is about a date: the clerk may tick to take the row with that date left empty.</summary>
    public bool CanTakeWithoutDates { get; init; }

    /// <summary>The row names no catalogue unit and takes the unit chosen for the whole file.</summary>
    public bool UnitFromFile { get; init; }

    /// <summary>A possible match on the same CCCD cannot become a second person with that CCCD.</summary>
    public bool CanCreateNew => Kind == ImportRowKind.PossibleMatch && Candidates.All(c => c.Reason != ImportMatching.SameCccdOtherName);
}

public sealed record UnknownUnit(string Name, int Rows);

public sealed record UnitChoice(int Id, string Name);

/// <summary>
/// What the clerk chose beside the per-row decisions: a unit for the whole file (for rows naming none the catalogue
/// knows) and the rows with only a bad date to take with that date left empty.
/// </summary>
public sealed record ImportChoices(int? FileUnitId = null, IReadOnlyCollection<int>? TakeWithoutDates = null)
{
    public IReadOnlySet<int> TakenRows { get; } = (TakeWithoutDates ?? []).ToHashSet();
}

public sealed record ImportPreview(
    string Token, int ClassId, string FileName, string? SheetName, IReadOnlyList<string> Columns, IReadOnlyList<ImportPreviewRow> Rows,
    IReadOnlyList<UnknownUnit> UnknownUnits)
{
    public int Count(ImportRowKind kind) => Rows.Count(r => r.Kind == kind);

    public int? FileUnitId { get; init; }

    public string? FileUnitName { get; init; }

    /// <summary>The file unit was proposed from the list's title lines, not chosen by the clerk.</summary>
    public bool FileUnitProposed { get; init; }

    public IReadOnlyList<UnitChoice> Units { get; init; } = [];

    public IReadOnlySet<int> TakenWithoutDates { get; init; } = new HashSet<int>();

    /// <summary>"xlsx" or "xls".</summary>
    public string Format { get; init; } = "xlsx";
}

/// <summary>A row a confirmed import did not take, with the reason; <paramref name="ToFix"/> rows go into the "rows to fix" workbook.</summary>
public sealed record SkippedRow(int RowNumber, string? Sequence, string FullName, string Reason, bool ToFix);

/// <summary>What a confirmed import left out, for the page after confirming.</summary>
public sealed record ImportReport(int ClassId, string Token, string FileName, IReadOnlyList<SkippedRow> Rows);

/// <summary>What a person decided for a possible match: this stored trainee, a new person, or skip the row.</summary>
public sealed record ImportDecision(int RowNumber, int? TraineeId, bool CreateNew);

/// <summary>What a confirm wrote; the skipped rows themselves are in <see cref="RosterImportService.SkippedAsync"/>.</summary>
public sealed record ImportOutcome(int Created, int Enrolled, int Reinstated, int Skipped);

/// <summary>
/// Importing a commune's list into a class roster: read → preview (nothing written) → confirm, which
/// writes everything in one transaction, or cancel, which writes nothing. The uploaded file waits in the
/// database between the two steps (<see cref="PendingUploads"/>, so any node can confirm it) and is read
/// again on confirm, against the database as it is then.
/// </summary>
public sealed class RosterImportService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    private readonly PendingUploads _uploads = new(db, scope, clock);

    public static readonly IReadOnlyList<ExcelColumn> TemplateColumns =
    [
        new("STT", 6, ExcelCellKind.Integer), new("Họ và đệm", 22), new("Tên", 10), new("Ngày sinh", 13),
        new("Giới tính", 9), new("Số CCCD", 16), new("Dân tộc", 10), new("Tôn giáo", 11), new("Trình độ văn hóa", 11),
        new("Chuyên môn", 16), new("Chức vụ", 22), new("Đơn vị", 24), new("Ngày vào Đảng", 13), new("Trình độ LLCT", 12),
        new("Ghi chú", 16),
    ];

    /// <summary>Reads the file and matches its rows; refuses bad files with a Vietnamese message and stores nothing then.</summary>
    /// <param name="fileUnitId">The unit chosen at upload for the whole file; when none, one is proposed from the list's title lines.</param>
    public async Task<ImportPreview> PreviewAsync(int classId, Stream file, long length, string fileName, int? fileUnitId = null, CancellationToken cancellationToken = default)
    {
        await ClassAsync(classId, cancellationToken);
        await ClassRecords.EnsureChangeableAsync(db, classId, ClassPart.Roster, cancellationToken);
        var limits = RosterReadLimits.Default;
        byte[] bytes;
        try
        {
            bytes = PackageGuard.ReadBounded(file, length, limits.MaxFileBytes);
        }
        catch (RosterRefusalException ex)
        {
            throw new DomainException(ex.Message);
        }

        var result = RosterWorkbookReader.Read(new MemoryStream(bytes, writable: false), clock.VietnamToday(), bytes.Length, limits);
        if (result.IsRefused)
        {
            throw new DomainException(result.RefusalMessage!);
        }

        await EnsureUnitAsync(fileUnitId, cancellationToken);
        var token = await _uploads.KeepAsync(UploadKind.Roster, classId, fileName, bytes, cancellationToken);
        return await BuildPreviewAsync(token, classId, Path.GetFileName(fileName), result, new ImportChoices(fileUnitId), proposeUnit: fileUnitId is null, cancellationToken);
    }

    /// <summary>The preview of a pending import again (after a refused confirm, for instance).</summary>
    public async Task<ImportPreview?> ReloadAsync(int classId, string token, ImportChoices? choices = null, CancellationToken cancellationToken = default)
    {
        var pending = await LoadAsync(classId, token, cancellationToken);
        if (pending is null)
        {
            return null;
        }

        choices ??= new ImportChoices();
        await EnsureUnitAsync(choices.FileUnitId, cancellationToken);
        var (upload, result) = pending.Value;
        return await BuildPreviewAsync(token, classId, upload.FileName, result, choices, proposeUnit: false, cancellationToken);
    }

    /// <summary>The units a whole file can be given, by name.</summary>
    public async Task<IReadOnlyList<UnitChoice>> UnitChoicesAsync(CancellationToken cancellationToken = default)
    {
        var today = clock.VietnamToday();
        var units = await db.OrganisationUnits
            .Where(u => (u.ValidFrom == null || u.ValidFrom <= today) && (u.ValidTo == null || u.ValidTo >= today))
            .Select(u => new UnitChoice(u.Id, u.Name))
            .ToListAsync(cancellationToken);
        return units.OrderBy(u => u.Name, StringComparer.Create(VietnameseText.Culture, ignoreCase: true)).ToList();
    }

    private async Task<ImportPreview> BuildPreviewAsync(
        string token, int classId, string fileName, RosterReadResult result, ImportChoices choices, bool proposeUnit, CancellationToken cancellationToken)
    {
        var matching = new ImportMatching(db, classId, clock);
        var source = await PrepareAsync(matching, result, choices, cancellationToken);
        var fileUnitId = choices.FileUnitId ?? (proposeUnit ? matching.ProposeUnit(result.TitleLines) : null);
        matching.FileUnitId = fileUnitId;
        var rows = await matching.MatchAsync(source, cancellationToken);
        var units = await UnitChoicesAsync(cancellationToken);
        return new ImportPreview(token, classId, fileName, result.SheetName, result.RecognisedColumns, rows, matching.UnknownUnits(source))
        {
            FileUnitId = fileUnitId,
            FileUnitName = units.FirstOrDefault(u => u.Id == fileUnitId)?.Name,
            FileUnitProposed = proposeUnit && choices.FileUnitId is null && fileUnitId is not null,
            Units = units,
            TakenWithoutDates = choices.TakenRows.Where(n => result.Rows.Any(r => r.RowNumber == n && r.CanTakeWithoutDates)).ToHashSet(),
            Format = result.Format,
        };
    }

    /// <summary>The rows as they will be matched: position split from unit, and the rows ticked taken with their bad dates left empty.</summary>
    private static async Task<IReadOnlyList<RosterRow>> PrepareAsync(ImportMatching matching, RosterReadResult result, ImportChoices choices, CancellationToken cancellationToken)
    {
        var rows = result.Rows.Select(r => choices.TakenRows.Contains(r.RowNumber) ? r.WithoutBadDates() : r).ToList();
        return await matching.ResolveUnitsAsync(rows, cancellationToken);
    }

    private async Task EnsureUnitAsync(int? unitId, CancellationToken cancellationToken)
    {
        if (unitId is { } id && !await db.OrganisationUnits.AnyAsync(u => u.Id == id, cancellationToken))
        {
            throw new DomainException("Đơn vị chọn cho cả tệp không có trong danh mục đơn vị.");
        }
    }

    /// <summary>
    /// Commits the import in one transaction: new people, enrolments, reinstatements. Every possible match
    /// must have a decision. Rows with errors and rows already on the roster are skipped.
    /// </summary>
    public async Task<ImportOutcome> ConfirmAsync(
        int classId, string token, IReadOnlyCollection<ImportDecision> decisions, ImportChoices? choices = null, CancellationToken cancellationToken = default)
    {
        choices ??= new ImportChoices();
        await EnsureUnitAsync(choices.FileUnitId, cancellationToken);
        var trainingClass = await ClassAsync(classId, cancellationToken);
        await ClassRecords.EnsureChangeableAsync(db, classId, ClassPart.Roster, cancellationToken);

        var pending = await LoadAsync(classId, token, cancellationToken)
            ?? throw new DomainException("Phiên nhập đã hết hạn hoặc đã được xử lý. Vui lòng tải tệp lên lại.");
        var (upload, result) = pending;
        var matching = new ImportMatching(db, classId, clock, choices.FileUnitId);
        var prepared = await PrepareAsync(matching, result, choices, cancellationToken);
        var rows = await matching.MatchAsync(prepared, cancellationToken);
        var byRow = decisions.ToDictionary(d => d.RowNumber);
        var undecided = rows.Where(r => r.Kind == ImportRowKind.PossibleMatch && !byRow.ContainsKey(r.RowNumber)).Select(r => r.RowNumber).ToList();
        if (undecided.Count > 0)
        {
            throw new DomainException($"Còn {undecided.Count} dòng cần xác nhận là người đã có hay người mới (dòng {string.Join(", ", undecided.Take(10))}{(undecided.Count > 10 ? ", …" : "")}).");
        }

        var source = prepared.ToDictionary(r => r.RowNumber);
        var toEnrol = new List<(int? TraineeId, Trainee? NewTrainee, int? UnitId)>();
        var skipped = new List<SkippedRow>();
        void Skip(ImportPreviewRow row, string reason, bool toFix) => skipped.Add(new SkippedRow(row.RowNumber, row.Sequence, row.FullName, reason, toFix));
        foreach (var row in rows)
        {
            switch (row.Kind)
            {
                case ImportRowKind.New:
                    toEnrol.Add((null, matching.NewTrainee(source[row.RowNumber]), matching.UnitIdOf(source[row.RowNumber])));
                    break;
                case ImportRowKind.Existing:
                    toEnrol.Add((row.TraineeId, null, matching.UnitIdOf(source[row.RowNumber])));
                    break;
                case ImportRowKind.PossibleMatch:
                    var decision = byRow[row.RowNumber];
                    if (decision.TraineeId is { } chosen && row.Candidates.Any(c => c.TraineeId == chosen))
                    {
                        toEnrol.Add((chosen, null, matching.UnitIdOf(source[row.RowNumber])));
                    }
                    else if (decision.CreateNew && row.CanCreateNew)
                    {
                        toEnrol.Add((null, matching.NewTrainee(source[row.RowNumber]), matching.UnitIdOf(source[row.RowNumber])));
                    }
                    else
                    {
                        Skip(row, "Bỏ qua theo lựa chọn khi xác nhận (có thể trùng người đã có: "
                            + string.Join("; ", row.Candidates.Select(c => $"{c.FullName}, {c.Reason}")) + ").", toFix: true);
                    }

                    break;
                case ImportRowKind.AlreadyEnrolled:
                    Skip(row, "Đã có trong lớp" + (row.MatchReason is { } why ? $" ({why})." : "."), toFix: false);
                    break;
                default:
                    Skip(row, string.Join(" ", row.Errors), toFix: true);
                    break;
            }
        }

        // Two rows resolved to the same stored person (e.g. both chosen by hand) enrol them once.
        var seen = new HashSet<int>();
        toEnrol = toEnrol.Where(e => e.TraineeId is null || seen.Add(e.TraineeId.Value)).ToList();

        var strategy = db.Database.CreateExecutionStrategy();
        var outcome = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                // First the pending upload, so that a second confirmation (another tab or node) stops here, before writing anything.
                var existingIds = toEnrol.Where(e => e.TraineeId is not null).Select(e => e.TraineeId!.Value).ToList();
                var withdrawn = new Dictionary<int, Enrolment>();
                foreach (var chunk in existingIds.Chunk(BatchInserter.MaxRowsPerStatement))
                {
                    foreach (var old in await db.Enrolments.Where(e => e.ClassId == classId && chunk.Contains(e.TraineeId) && e.Status == EnrolmentStatus.Withdrawn)
                                 .ToListAsync(cancellationToken))
                    {
                        old.Reinstate();
                        withdrawn[old.TraineeId] = old;
                    }
                }

                _uploads.Confirm(upload, JsonSerializer.Serialize(skipped));
                await db.SaveChangesAsync(cancellationToken);

                // The new people and enrolments in a few multi-row statements, stamped and audited as a save would.
                var inserter = new BatchInserter(db);
                var created = toEnrol.Where(e => e.NewTrainee is not null).Select(e => e.NewTrainee!).ToList();
                await inserter.InsertAsync(created, cancellationToken);
                var now = DateTime.UtcNow;
                var enrolments = toEnrol.Where(e => !withdrawn.ContainsKey(e.TraineeId ?? e.NewTrainee!.Id))
                    .Select(e => new Enrolment { ClassId = classId, TraineeId = e.TraineeId ?? e.NewTrainee!.Id, UnitId = e.UnitId ?? e.NewTrainee?.UnitId, EnrolledAt = now })
                    .ToList();
                await inserter.InsertAsync(enrolments, cancellationToken);
                await inserter.WriteAuditAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new ImportOutcome(created.Count, enrolments.Count, withdrawn.Count, skipped.Count);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The pending upload was gone: the same import was confirmed meanwhile (another tab or node).
                throw new DomainException("Phiên nhập này vừa được xác nhận ở nơi khác. Không có gì được ghi thêm; hãy xem lại danh sách lớp.");
            }
            catch (Exception ex) when (ex.IsUniqueViolation())
            {
                throw new DomainException("Danh sách lớp hoặc danh bạ học viên vừa được người khác thay đổi (trùng học viên hoặc trùng số CCCD). Không có gì được ghi; vui lòng xem lại bản xem trước rồi xác nhận lại.");
            }
        });

        return outcome;
    }

    /// <summary>The rows a confirmed import skipped, with their reasons; null when there is no such import (or it expired).</summary>
    public async Task<ImportReport?> SkippedAsync(int classId, string token, CancellationToken cancellationToken = default)
    {
        await ClassAsync(classId, cancellationToken);
        if (await _uploads.FindConfirmedAsync(UploadKind.Roster, token, classId, cancellationToken) is not { } upload)
        {
            return null;
        }

        var rows = JsonSerializer.Deserialize<List<SkippedRow>>(upload.SkippedRows ?? "[]") ?? [];
        return new ImportReport(classId, token, upload.FileName, rows);
    }

    /// <summary>
    /// The skipped rows to fix as an .xlsx in the list's own columns (plus the reason and the row in the original file), so
    /// the clerk can correct them and upload that file again. Every value is written as text, never as a formula.
    /// </summary>
    public async Task<XlsxFile?> RowsToFixAsync(int classId, string token, CancellationToken cancellationToken = default)
    {
        await ClassAsync(classId, cancellationToken);
        if (await _uploads.FindConfirmedAsync(UploadKind.Roster, token, classId, cancellationToken) is not { } upload)
        {
            return null;
        }

        var skipped = (JsonSerializer.Deserialize<List<SkippedRow>>(upload.SkippedRows ?? "[]") ?? []).Where(r => r.ToFix).ToList();
        var result = RosterWorkbookReader.Read(new MemoryStream(upload.Content, writable: false), clock.VietnamToday(), upload.Content.Length);
        var byNumber = result.Rows.ToDictionary(r => r.RowNumber);
        var own = result.SourceColumns.Select(c => new ExcelColumn(c.Header.Length > 0 ? c.Header : $"Cột {CellReference.ColumnLetter(c.ColumnNumber)}", 16)).ToList();
        var report = new ExcelReport
        {
            SheetName = "Dòng cần sửa",
            IssuingBody = result.TitleLines.Take(2).ToList(),
            Title = "CÁC DÒNG CHƯA NHẬP ĐƯỢC – CẦN SỬA",
            Period = $"Từ tệp {upload.FileName}: {skipped.Count} dòng. Sửa theo cột \"Lý do cần sửa\" rồi tải tệp này lên lại.",
            Columns = [.. own, new ExcelColumn("Lý do cần sửa", 40), new ExcelColumn("Dòng ở tệp gốc", 10)],
        };
        var rows = skipped.Select(s =>
        {
            var cells = byNumber.TryGetValue(s.RowNumber, out var row) ? row.SourceCells : [];
            object?[] values = [.. own.Select((_, i) => (object?)(i < cells.Count ? cells[i] : string.Empty)), s.Reason, s.RowNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)];
            return values;
        }).ToList();
        return XlsxReportWriter.Create(report, rows);
    }

    /// <summary>Cancelling writes nothing and forgets the uploaded file (only the uploader's, or their administrator's).</summary>
    public Task CancelAsync(int classId, string token, CancellationToken cancellationToken = default) =>
        _uploads.DiscardAsync(UploadKind.Roster, token, classId, cancellationToken);

    /// <summary>The blank template of a commune list that the reader understands, with one example row.</summary>
    public static XlsxFile Template() => XlsxReportWriter.Create(
        new ExcelReport
        {
            SheetName = "Danh sách học viên",
            IssuingBody = ["ĐẢNG ỦY XÃ ...", "CHI BỘ ..."],
            RightHeading = [ExcelReport.PartyHeading],
            Title = "DANH SÁCH HỌC VIÊN ĐĂNG KÝ THAM GIA LỚP BỒI DƯỠNG",
            Period = "(Ngày sinh ghi dd/mm/yyyy hoặc chỉ năm sinh; giới tính ghi Nam hoặc Nữ)",
            Columns = TemplateColumns,
        },
        [[1, "Nguyễn Văn", "An", "05/03/1990", "Nam", "052090001234", "Kinh", "Không", "12/12", "Đại học", "Bí thư Chi đoàn", "Xã Cát Hanh", null, null, "Dòng mẫu – xóa trước khi gửi"]]);

    private async Task<TrainingClass> ClassAsync(int classId, CancellationToken cancellationToken)
    {
        if (!scope.CanEdit)
        {
            throw new DomainException("Tài khoản này không được thay đổi danh sách lớp.");
        }

        var query = db.TrainingClasses.Where(c => c.Id == classId);
        if (!scope.AllCentres)
        {
            query = query.Where(c => c.CentreId == scope.CentreId);
        }

        return await query.FirstOrDefaultAsync(cancellationToken) ?? throw new DomainException("Không tìm thấy lớp học.");
    }

    private async Task<(PendingUpload Upload, RosterReadResult Result)?> LoadAsync(int classId, string token, CancellationToken cancellationToken)
    {
        if (await _uploads.FindAsync(UploadKind.Roster, token, classId, cancellationToken) is not { } upload)
        {
            return null;
        }

        var result = RosterWorkbookReader.Read(new MemoryStream(upload.Content, writable: false), clock.VietnamToday(), upload.Content.Length);
        return result.IsRefused ? null : (upload, result);
    }
}
