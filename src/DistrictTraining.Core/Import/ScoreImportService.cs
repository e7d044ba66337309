using System.Text.Json;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Excel;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Import;

public enum ScoreImportRowKind
{
    /// <summary>Matched to one trainee of the roster, with scores that can be recorded.</summary>
    Matched = 1,

    /// <summary>No trainee of the roster (or more than one) answers to this name and date of birth.</summary>
    Unmatched = 2,

    /// <summary>Matched, but the row cannot be recorded as it is (bad score, not eligible, duplicate…).</summary>
    Invalid = 3,
}

public sealed record ScoreImportRow(
    int RowNumber, string FullName, string? Birth, string Score, string Resit, ScoreImportRowKind Kind,
    int? EnrolmentId, string? Message, string? Change)
{
    /// <summary>A matched row whose scores differ from those stored: what confirming writes.</summary>
    public bool WillWrite => Kind == ScoreImportRowKind.Matched && Change is not null;
}

public sealed record ScoreImportPreview(string Token, ClassHeading Class, string FileName, string? SheetName, IReadOnlyList<ScoreImportRow> Rows)
{
    public int Count(ScoreImportRowKind kind) => Rows.Count(r => r.Kind == kind);

    public int WriteCount => Rows.Count(r => r.WillWrite);
}

/// <summary>
/// Importing scores from Excel into a class's results: read → preview (nothing written) → confirm, which
/// writes every matched row in one transaction, or cancel, which writes nothing. Rows are matched to the
/// roster by name (without diacritics) and, when given, date of birth. The rows read wait in the data
/// folder between the two steps, with the stored scores seen at preview, so that confirming refuses scores
/// someone else changed in between.
/// </summary>
public sealed class ScoreImportService(AppDbContext db, IUserScope scope, ResultsService results, TimeProvider clock)
{
    private readonly PendingUploads _uploads = new(db, scope, clock);

    public static readonly IReadOnlyList<ExcelColumn> TemplateColumns =
    [
        new("STT", 6, ExcelCellKind.Integer) { Alignment = ExcelAlignment.Center }, new("Họ và tên", 28), new("Ngày sinh", 13, ExcelCellKind.Date),
        new("Điểm", 9, ExcelCellKind.Decimal), new("Điểm thi lại", 11, ExcelCellKind.Decimal),
    ];

    /// <summary>Reads the file and matches its rows; a file that cannot be read is refused with a Vietnamese message and nothing is kept.</summary>
    public async Task<ScoreImportPreview> PreviewAsync(int classId, Stream file, long length, string fileName, CancellationToken cancellationToken = default)
    {
        var heading = await EditableClassAsync(classId, cancellationToken);
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

        var sheet = ScoreSheetReader.Read(bytes, clock.VietnamToday(), limits);
        if (sheet.Refusal is { } refusal)
        {
            throw new DomainException(refusal);
        }

        var (rows, seen) = await MatchAsync(classId, sheet.Rows, cancellationToken);
        // What was read, not the file, waits for the confirmation: the confirm checks against what the user saw.
        var kept = new Kept(sheet.SheetName, sheet.Rows.ToList(), seen);
        var token = await _uploads.KeepAsync(UploadKind.Scores, classId, fileName, JsonSerializer.SerializeToUtf8Bytes(kept), cancellationToken);
        return new ScoreImportPreview(token, heading, Path.GetFileName(fileName), kept.SheetName, rows);
    }

    /// <summary>The preview of a pending import again, matched against the database as it is now.</summary>
    public async Task<ScoreImportPreview?> ReloadAsync(int classId, string token, CancellationToken cancellationToken = default)
    {
        var heading = await EditableClassAsync(classId, cancellationToken);
        if (await LoadAsync(classId, token, cancellationToken) is not { } pending)
        {
            return null;
        }

        var (rows, _) = await MatchAsync(classId, pending.Kept.Rows, cancellationToken);
        return new ScoreImportPreview(token, heading, pending.FileName, pending.Kept.SheetName, rows);
    }

    /// <summary>
    /// Writes the matched rows in one transaction. Refused as a whole if the roster or the stored scores changed
    /// since the preview in a way that touches these rows. Unmatched and invalid rows are skipped, as the
    /// preview said. Returns the number of trainees whose scores were written.
    /// </summary>
    public async Task<int> ConfirmAsync(int classId, string token, CancellationToken cancellationToken = default)
    {
        await EditableClassAsync(classId, cancellationToken);
        var pending = await LoadAsync(classId, token, cancellationToken)
            ?? throw new DomainException("Phiên nhập điểm đã hết hạn hoặc đã được xử lý. Vui lòng tải tệp lên lại.");
        var (rows, _) = await MatchAsync(classId, pending.Kept.Rows, cancellationToken);
        var changes = new List<ScoreChange>();
        foreach (var row in rows.Where(r => r.WillWrite))
        {
            var before = pending.Kept.Seen.GetValueOrDefault(row.EnrolmentId!.Value);
            AssessmentRules.TryParseScore(row.Score, out var score);
            AssessmentRules.TryParseScore(row.Resit, out var resit);
            changes.Add(new ScoreChange(row.EnrolmentId.Value, score, resit, before?.Version, before?.Score, before?.Resit));
        }

        var names = rows.Where(r => r.EnrolmentId is not null).GroupBy(r => r.EnrolmentId!.Value).ToDictionary(g => g.Key, g => g.First());
        var written = await results.WriteAsync(classId, changes, cancellationToken, notices => Task.FromResult(new DomainException(
            "Chưa nhập được điểm; chưa có dòng nào được ghi. Từ khi xem trước, điểm hoặc điểm danh đã thay đổi ở "
            + string.Join(" ", notices.Select(n => $"dòng {names[n.Key].RowNumber} ({names[n.Key].FullName}): {n.Value}"))
            + " Hãy hủy rồi tải tệp lên lại để xem trước với dữ liệu mới.")));
        await _uploads.DiscardAsync(UploadKind.Scores, token, classId, cancellationToken);
        return written;
    }

    /// <summary>Cancelling writes nothing and forgets the rows read (only the uploader's, or their administrator's).</summary>
    public Task CancelAsync(int classId, string token, CancellationToken cancellationToken = default) =>
        _uploads.DiscardAsync(UploadKind.Scores, token, classId, cancellationToken);

    /// <summary>The class's roster as a score sheet to fill in (stored scores included), readable by the import.</summary>
    public async Task<XlsxFile> TemplateAsync(int classId, CancellationToken cancellationToken = default)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        var stored = await db.AssessmentResults.Where(r => r.Enrolment!.ClassId == classId)
            .Select(r => new { r.EnrolmentId, r.Score, r.ResitScore })
            .ToDictionaryAsync(r => r.EnrolmentId, cancellationToken);
        var rows = roster.Select((p, i) => new object?[]
        {
            i + 1, p.FullName, p.DateOfBirth is { } d ? PartialDate.From(d, p.BirthYearOnly) : null,
            stored.GetValueOrDefault(p.EnrolmentId)?.Score, stored.GetValueOrDefault(p.EnrolmentId)?.ResitScore,
        });
        return XlsxReportWriter.Create(
            new ExcelReport
            {
                SheetName = "Điểm",
                RightHeading = [ExcelReport.PartyHeading],
                Title = $"BẢNG ĐIỂM {heading.ProgrammeName.ToUpper(VietnameseText.Culture)}, {heading.NumberLabel.ToUpper(VietnameseText.Culture)}",
                Period = "(Điểm từ 0 đến 10, một chữ số thập phân; điểm thi lại chỉ ghi khi điểm lần đầu dưới điểm đạt)",
                Columns = TemplateColumns,
                Orientation = ExcelOrientation.Portrait,
            },
            rows,
            cancellationToken: cancellationToken);
    }

    private async Task<(IReadOnlyList<ScoreImportRow> Rows, Dictionary<int, SeenResult> Seen)> MatchAsync(
        int classId, IReadOnlyList<ScoreSheetRow> sheetRows, CancellationToken cancellationToken)
    {
        var programme = await ClassRecords.ProgrammeAsync(db, classId, cancellationToken);
        var sessions = await ClassRecords.SessionsAsync(db, classId, cancellationToken);
        var roster = await ClassRecords.RosterAsync(db, classId, cancellationToken);
        var summaries = await ClassRecords.SummariesAsync(db, classId, sessions, roster.Select(r => r.EnrolmentId), programme.AttendanceThresholdPercent, cancellationToken);
        var stored = await db.AssessmentResults.Where(r => r.Enrolment!.ClassId == classId)
            .Select(r => new SeenResult(r.EnrolmentId, r.Version, r.Score, r.ResitScore))
            .ToDictionaryAsync(r => r.EnrolmentId, cancellationToken);
        var byName = roster.ToLookup(r => r.SearchKey);
        var firstRowOf = new Dictionary<int, int>();
        var rows = new List<ScoreImportRow>(sheetRows.Count);
        foreach (var line in sheetRows)
        {
            ScoreImportRow Row(ScoreImportRowKind kind, int? enrolmentId, string? message, string? change = null) =>
                new(line.RowNumber, line.FullName, line.Birth, line.Score, line.Resit, kind, enrolmentId, message, change);

            if (line.Error is not null)
            {
                rows.Add(Row(ScoreImportRowKind.Invalid, null, line.Error));
                continue;
            }

            var sameName = byName[VietnameseText.SearchKey(line.FullName)].ToList();
            var candidates = line.Born is { } birth ? sameName.Where(p => SameBirth(p, birth)).ToList() : sameName;
            if (candidates.Count != 1)
            {
                var why = sameName.Count == 0
                    ? "Không có học viên này trong danh sách lớp."
                    : candidates.Count == 0
                        ? "Trong lớp có người cùng họ tên nhưng khác ngày sinh."
                        : $"Trong lớp có {candidates.Count} người cùng họ tên: cần ghi ngày sinh để phân biệt.";
                rows.Add(Row(ScoreImportRowKind.Unmatched, null, why));
                continue;
            }

            var person = candidates[0];
            if (firstRowOf.TryGetValue(person.EnrolmentId, out var earlier))
            {
                rows.Add(Row(ScoreImportRowKind.Invalid, person.EnrolmentId, $"Trùng với dòng {earlier} (cùng học viên {person.FullName})."));
                continue;
            }

            firstRowOf[person.EnrolmentId] = line.RowNumber;
            if (!AssessmentRules.TryParseScore(line.Score, out var score))
            {
                rows.Add(Row(ScoreImportRowKind.Invalid, person.EnrolmentId, AssessmentRules.InvalidScoreMessage("Điểm", line.Score)));
                continue;
            }

            if (!AssessmentRules.TryParseScore(line.Resit, out var resit))
            {
                rows.Add(Row(ScoreImportRowKind.Invalid, person.EnrolmentId, AssessmentRules.InvalidScoreMessage("Điểm thi lại", line.Resit)));
                continue;
            }

            if (score is null && resit is null)
            {
                rows.Add(Row(ScoreImportRowKind.Invalid, person.EnrolmentId, "Dòng chưa có điểm: bỏ qua."));
                continue;
            }

            if (AssessmentRules.Refusal(programme, summaries[person.EnrolmentId], score, resit) is { } refusal)
            {
                rows.Add(Row(ScoreImportRowKind.Invalid, person.EnrolmentId, refusal));
                continue;
            }

            var before = stored.GetValueOrDefault(person.EnrolmentId);
            string? change = null;
            if (before?.Score != score || before?.Resit != resit)
            {
                change = before?.Score is null && before?.Resit is null
                    ? "Ghi mới"
                    : $"Thay {Pair(before.Score, before.Resit)} bằng {Pair(score, resit)}";
            }

            var outcome = AssessmentRules.Evaluate(programme, summaries[person.EnrolmentId], score, resit);
            var message = outcome.StatusText + (outcome.GradeName is { } g ? $" – {g}" : "") + (outcome.Reason is { } r ? $" ({r})" : "")
                + (change is null ? ". Điểm đã có, không thay đổi." : ".");
            rows.Add(Row(ScoreImportRowKind.Matched, person.EnrolmentId, message, change));
        }

        return (rows, stored);
    }

    private static bool SameBirth(RosterEntry person, PartialDate birth) =>
        person.DateOfBirth is { } stored && (birth.YearOnly || person.BirthYearOnly ? stored.Year == birth.Year : stored == birth.Date);

    private static string Pair(decimal? score, decimal? resit) =>
        $"điểm {(score is null ? "(trống)" : AssessmentRules.FormatScore(score))}" + (resit is null ? "" : $", thi lại {AssessmentRules.FormatScore(resit)}");

    private async Task<ClassHeading> EditableClassAsync(int classId, CancellationToken cancellationToken)
    {
        var heading = await ClassRecords.HeadingAsync(db, scope, classId, cancellationToken)
            ?? throw new DomainException("Không tìm thấy lớp học.");
        if (!scope.CanEdit || !await db.TrainingClasses.AnyAsync(c => c.Id == classId && c.CentreId == scope.CentreId, cancellationToken))
        {
            throw new DomainException("Tài khoản này không được nhập điểm của lớp này.");
        }

        return heading.LockedReason(ClassPart.Results) is { } locked ? throw new DomainException(locked) : heading;
    }

    private async Task<(string FileName, Kept Kept)?> LoadAsync(int classId, string token, CancellationToken cancellationToken) =>
        await _uploads.FindAsync(UploadKind.Scores, token, classId, cancellationToken) is { } upload
            && JsonSerializer.Deserialize<Kept>(upload.Content) is { } kept
            ? (upload.FileName, kept)
            : null;

    internal sealed record SeenResult(int EnrolmentId, Guid Version, decimal? Score, decimal? Resit);

    private sealed record Kept(string? SheetName, List<ScoreSheetRow> Rows, Dictionary<int, SeenResult> Seen);
}
