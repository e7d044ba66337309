using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Cadres;

/// <summary>One line of an imported list of people sent to training, as the preview shows it.</summary>
public sealed record CadreTrainingImportRow(
    int RowNumber,
    string FullName,
    string? Birth,
    string? TraineeLabel,
    string Level,
    string Institution,
    string Dates,
    string Outcome,
    ImportRowStatus Status,
    string? Message) : IImportRow;

public sealed record CadreTrainingImportPreview(string Token, string FileName, IReadOnlyList<CadreTrainingImportRow> Rows)
    : ImportPreview<CadreTrainingImportRow>(Token, FileName, Rows);

/// <summary>
/// Imports a list of people sent to higher-level training (danh sách cử đi học) through the common pipeline: the file
/// is read by the guarded reader of the unit import (<see cref="UnitSheet.ReadFirstSheet"/>, behind
/// <see cref="PackageGuard"/>), kept as a <see cref="PendingUpload"/> until the preview is confirmed, and written in
/// one save with the audit trail. Each line names a person already in the registry, found by CCCD or else by full
/// name and date of birth; a person not found, or found twice, is an error on that line (never a guess). A course
/// already recorded (same person, level and start date) is shown and left alone.
/// </summary>
public sealed class CadreTrainingImportService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const long MaxFileBytes = PendingUploads.MaxFileBytes;

    private static readonly string[] Headers =
        ["Họ và tên", "Ngày sinh", "Số CCCD", "Trình độ", "Cơ sở đào tạo", "Ngày bắt đầu", "Ngày kết thúc", "Số quyết định", "Ngày quyết định", "Kết quả"];

    private readonly PendingUploads _uploads = new(db, scope, clock);

    private enum Field
    {
        Name,
        Birth,
        Cccd,
        Level,
        Institution,
        Start,
        End,
        Decision,
        DecisionDate,
        Outcome,
    }

    private sealed record SheetLine(int Row, string Name, string? BirthText, DateOnly? Birth, string? Cccd, ExternalTrainingInput Input, string LevelText, string OutcomeText, string? Error);

    /// <summary>The template users fill in.</summary>
    public static byte[] Template() => UnitSheet.Workbook("Cử đi học", Headers,
    [
        ["Cột", "Cách ghi"],
        ["Họ và tên", "Bắt buộc; người phải đã có trong danh sách học viên."],
        ["Ngày sinh / Số CCCD", "Để tìm đúng người: số CCCD, hoặc ngày sinh dd/mm/yyyy."],
        ["Trình độ", "Sơ cấp, Trung cấp, Cao cấp, Cử nhân, Sau đại học."],
        ["Cơ sở đào tạo", "Bắt buộc, ví dụ: Trường Chính trị tỉnh; Học viện Chính trị khu vực III."],
        ["Ngày bắt đầu, Ngày kết thúc", "dd/mm/yyyy (hoặc chỉ ghi năm)."],
        ["Số quyết định, Ngày quyết định", "Quyết định cử đi học, ví dụ 125-QĐ/HU, 15/08/2024."],
        ["Kết quả", "Đang học, Hoàn thành, Không hoàn thành (để trống: đang học). Hoàn thành thì nâng trình độ lý luận của người đó."],
    ]);

    /// <summary>Keeps the uploaded file under a new token and previews it. Refuses a file over 10 MB or one that is not a readable .xlsx.</summary>
    public async Task<CadreTrainingImportPreview> UploadAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        RequireStaff();
        var name = Path.GetFileName(fileName ?? "") is { Length: > 0 } n ? VietnameseText.Clean(n) : "tệp tải lên";
        var bytes = await PendingUploads.ReadLimitedAsync(content, cancellationToken);
        var lines = Read(bytes, name, clock.VietnamToday());
        var token = await _uploads.KeepAsync(UploadKind.ExternalTrainings, null, name, bytes, cancellationToken);
        return new CadreTrainingImportPreview(token, name, (await AnalyseAsync(lines, cancellationToken)).Select(a => a.Row).ToList());
    }

    /// <summary>The preview of an upload kept under <paramref name="token"/>, analysed against the registry as it is now.</summary>
    public async Task<CadreTrainingImportPreview> PreviewAsync(string token, CancellationToken cancellationToken = default)
    {
        var upload = await LoadAsync(token, cancellationToken);
        var lines = Read(upload.Content, upload.FileName, clock.VietnamToday());
        return new CadreTrainingImportPreview(token, upload.FileName, (await AnalyseAsync(lines, cancellationToken)).Select(a => a.Row).ToList());
    }

    /// <summary>
    /// Records every new course of the upload in one save (lines in error or already recorded are left out), raises the
    /// level of those who completed one, and forgets the upload. Returns how many courses were recorded.
    /// </summary>
    public async Task<int> CommitAsync(string token, CancellationToken cancellationToken = default)
    {
        var upload = await LoadAsync(token, cancellationToken);
        var lines = (await AnalyseAsync(Read(upload.Content, upload.FileName, clock.VietnamToday()), cancellationToken))
            .Where(a => a.Row.Status == ImportRowStatus.New).ToList();
        if (lines.Count == 0)
        {
            throw new DomainException("Tệp không có khóa học mới nào để ghi nhận.");
        }

        var ids = lines.Select(l => l.TraineeId!.Value).Distinct().ToList();
        var people = await db.Trainees.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        foreach (var line in lines)
        {
            var course = new ExternalTraining { TraineeId = line.TraineeId!.Value, CentreId = scope.CentreId };
            line.Values!.ApplyTo(course);
            course.RecordOutcome(line.Input!.Outcome, people[course.TraineeId]);
            db.ExternalTrainings.Add(course);
        }

        _uploads.Consume(upload); // in the same save: a second confirmation (another tab or node) adds nothing
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Phiên nhập này vừa được xác nhận ở nơi khác, hoặc hồ sơ học viên vừa được sửa; không có gì được ghi thêm.");
        }

        return lines.Count;
    }

    /// <summary>Forgets an upload (only the uploader's, or their administrator's); nothing was written.</summary>
    public Task CancelAsync(string token, CancellationToken cancellationToken = default) =>
        _uploads.DiscardAsync(UploadKind.ExternalTrainings, token, null, cancellationToken);

    private void RequireStaff()
    {
        if (!scope.CanEdit || scope.CentreId is null || scope.IsLecturer)
        {
            throw new DomainException("Chỉ cán bộ Trung tâm được nhập danh sách cử đi học.");
        }
    }

    private async Task<PendingUpload> LoadAsync(string token, CancellationToken cancellationToken)
    {
        RequireStaff();
        return await _uploads.FindAsync(UploadKind.ExternalTrainings, token, null, cancellationToken)
            ?? throw new DomainException("Phiên nhập này đã hết hạn hoặc đã được xác nhận. Vui lòng tải tệp lên lại.");
    }

    private static List<SheetLine> Read(byte[] bytes, string fileName, DateOnly today)
    {
        List<(int Row, Dictionary<int, SheetCell> Cells)> rows;
        try
        {
            rows = UnitSheet.ReadFirstSheet(bytes, RosterReadLimits.Default);
        }
        catch (RosterRefusalException refusal)
        {
            throw new DomainException(refusal.Message);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            throw new DomainException($"Không đọc được tệp “{fileName}”. Vui lòng chọn bảng tính Excel dạng .xlsx (tệp .xls cũ hãy mở bằng Excel và lưu lại thành .xlsx).");
        }

        var headerIndex = rows.Take(20).ToList().FindIndex(r => r.Cells.Values.Any(c => HeaderField(c.Text) == Field.Name)
            && r.Cells.Values.Any(c => HeaderField(c.Text) == Field.Level));
        if (headerIndex < 0)
        {
            throw new DomainException("Không tìm thấy dòng tiêu đề có cột “Họ và tên” và “Trình độ” trong 20 dòng đầu của trang tính đầu tiên. Hãy dùng tệp mẫu.");
        }

        var columns = new Dictionary<Field, int>();
        foreach (var (column, cell) in rows[headerIndex].Cells.OrderBy(c => c.Key))
        {
            if (HeaderField(cell.Text) is { } field)
            {
                columns.TryAdd(field, column);
            }
        }

        var lines = new List<SheetLine>();
        foreach (var (rowNumber, cells) in rows.Skip(headerIndex + 1))
        {
            SheetCell? Cell(Field field) => columns.TryGetValue(field, out var c) ? cells.GetValueOrDefault(c) : null;
            string? Text(Field field) => Cell(field)?.Text is { Length: > 0 } t ? t : null;

            var name = Text(Field.Name);
            var levelText = Text(Field.Level);
            var institution = Text(Field.Institution);
            if (levelText is null && institution is null && Cell(Field.Start) is null)
            {
                continue; // blank lines, notes and signatures under the table (a name alone is a signature)
            }

            var errors = new List<string>();
            var birth = ReadDate(Cell(Field.Birth), "Ngày sinh", errors);
            var start = ReadDate(Cell(Field.Start), "Ngày bắt đầu", errors);
            var end = ReadDate(Cell(Field.End), "Ngày kết thúc", errors);
            var decisionDate = ReadDate(Cell(Field.DecisionDate), "Ngày quyết định", errors);
            var level = LevelOf(levelText);
            if (levelText is not null && level == TheoryLevel.None)
            {
                errors.Add($"Trình độ “{levelText}” không rõ (ghi Sơ cấp, Trung cấp, Cao cấp, Cử nhân hoặc Sau đại học).");
            }

            var outcomeText = Text(Field.Outcome);
            var outcome = OutcomeOf(outcomeText);
            if (outcome is null)
            {
                errors.Add($"Kết quả “{outcomeText}” không rõ (ghi Đang học, Hoàn thành hoặc Không hoàn thành).");
            }

            var input = new ExternalTrainingInput(null, 0, level, institution, start, end, Text(Field.Decision), decisionDate, outcome ?? TrainingOutcome.Studying, null);
            if (errors.Count == 0)
            {
                try
                {
                    CadreTrainingService.Validate(input, today);
                }
                catch (ExternalTrainingInputException invalid)
                {
                    errors.AddRange(invalid.Errors.Select(e => e.Message));
                }
            }

            var cccd = Cccd.Normalize(Text(Field.Cccd));
            lines.Add(new SheetLine(rowNumber, name ?? "", Cell(Field.Birth)?.Text, birth, cccd, input, levelText ?? "", outcomeText ?? "",
                errors.Count > 0 ? string.Join(" ", errors) : null));
        }

        return lines;
    }

    private sealed record Analysed(CadreTrainingImportRow Row, int? TraineeId, ExternalTrainingInput? Input, CadreTrainingService.CourseValues? Values);

    private async Task<List<Analysed>> AnalyseAsync(List<SheetLine> lines, CancellationToken cancellationToken)
    {
        // The people the lines may name: by CCCD, or by the search key of their full name.
        var cccds = lines.Select(l => l.Cccd).OfType<string>().Distinct().ToList();
        var keys = lines.Select(l => VietnameseText.SearchKey(l.Name)).Where(k => k.Length > 0).Distinct().ToList();
        var candidates = new List<(int Id, string FullName, string SearchKey, string? Cccd, DateOnly? Birth)>();
        foreach (var chunk in cccds.Chunk(500))
        {
            candidates.AddRange((await db.Trainees.AsNoTracking().Where(t => t.Cccd != null && chunk.Contains(t.Cccd))
                .Select(t => new { t.Id, t.FullName, t.SearchKey, t.Cccd, t.DateOfBirth }).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.FullName, t.SearchKey, t.Cccd, t.DateOfBirth)));
        }

        foreach (var chunk in keys.Chunk(500))
        {
            candidates.AddRange((await db.Trainees.AsNoTracking().Where(t => chunk.Contains(t.SearchKey))
                .Select(t => new { t.Id, t.FullName, t.SearchKey, t.Cccd, t.DateOfBirth }).ToListAsync(cancellationToken))
                .Select(t => (t.Id, t.FullName, t.SearchKey, t.Cccd, t.DateOfBirth)));
        }

        var found = candidates.DistinctBy(c => c.Id).ToList();
        var ids = found.Select(c => c.Id).ToList();
        var recorded = new List<(int TraineeId, TheoryLevel Level, DateOnly StartDate)>();
        foreach (var chunk in ids.Chunk(500))
        {
            recorded.AddRange((await db.ExternalTrainings.AsNoTracking().Where(x => chunk.Contains(x.TraineeId))
                .Select(x => new { x.TraineeId, x.Level, x.StartDate }).ToListAsync(cancellationToken))
                .Select(x => (x.TraineeId, x.Level, x.StartDate)));
        }

        var today = clock.VietnamToday();
        var seen = new HashSet<(int, TheoryLevel, DateOnly)>();
        var result = new List<Analysed>();
        foreach (var line in lines)
        {
            var input = line.Input;
            var dates = $"{Day(input.StartDate)} – {Day(input.EndDate)}";
            CadreTrainingImportRow Row(ImportRowStatus status, string? message, string? person = null) => new(
                line.Row, line.Name, line.BirthText, person, line.LevelText, input.Institution ?? "", dates,
                line.OutcomeText.Length > 0 ? line.OutcomeText : ExternalTraining.OutcomeName(input.Outcome), status, message);

            if (line.Error is not null)
            {
                result.Add(new(Row(ImportRowStatus.Error, line.Error), null, null, null));
                continue;
            }

            if (line.Name.Length == 0)
            {
                result.Add(new(Row(ImportRowStatus.Error, "Thiếu họ và tên."), null, null, null));
                continue;
            }

            var key = VietnameseText.SearchKey(line.Name);
            var matches = line.Cccd is { } cccd
                ? found.Where(c => c.Cccd == cccd).ToList()
                : found.Where(c => c.SearchKey == key && line.Birth is { } b && (c.Birth == b || (c.Birth?.Year == b.Year && b.Month == 1 && b.Day == 1))).ToList();
            if (matches.Count == 0)
            {
                var hint = line.Cccd is null && line.Birth is null ? " Hãy ghi số CCCD hoặc ngày sinh để tìm đúng người." : "";
                result.Add(new(Row(ImportRowStatus.Error, "Không tìm thấy người này trong danh sách học viên." + hint), null, null, null));
                continue;
            }

            if (matches.Count > 1)
            {
                result.Add(new(Row(ImportRowStatus.Error, "Có nhiều học viên cùng họ tên và ngày sinh; hãy ghi số CCCD để phân biệt."), null, null, null));
                continue;
            }

            var person = matches[0];
            var label = person.Birth is { } birth ? $"{person.FullName} ({birth:dd/MM/yyyy})" : person.FullName;
            if (line.Cccd is not null && VietnameseText.SearchKey(person.FullName) != key)
            {
                result.Add(new(Row(ImportRowStatus.Error, $"Số CCCD thuộc về {person.FullName}, không khớp với họ tên trên dòng này.", label), null, null, null));
                continue;
            }

            var values = CadreTrainingService.Validate(input with { TraineeId = person.Id }, today);
            var identity = (person.Id, values.Level, values.StartDate);
            if (recorded.Contains(identity) || !seen.Add(identity))
            {
                result.Add(new(Row(ImportRowStatus.Exists, "Đã ghi nhận khóa học này.", label), null, null, null));
                continue;
            }

            result.Add(new(Row(ImportRowStatus.New, null, label), person.Id, input, values));
        }

        return result;
    }

    private static string Day(DateOnly? day) => day?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "…";

    private static Field? HeaderField(string text) => VietnameseText.SearchKey(text.Replace("*", "", StringComparison.Ordinal)) switch
    {
        "ho va ten" or "ho ten" or "ho va ten can bo" => Field.Name,
        "ngay sinh" or "ngay, thang, nam sinh" or "ngay thang nam sinh" or "nam sinh" => Field.Birth,
        "so cccd" or "cccd" or "so can cuoc" or "so can cuoc cong dan" or "so dinh danh" => Field.Cccd,
        "trinh do" or "trinh do dao tao" or "he dao tao" or "bac hoc" or "trinh do ly luan" => Field.Level,
        "co so dao tao" or "noi hoc" or "truong" or "noi dao tao" => Field.Institution,
        "ngay bat dau" or "tu ngay" or "thoi gian bat dau" => Field.Start,
        "ngay ket thuc" or "den ngay" or "thoi gian ket thuc" => Field.End,
        "so quyet dinh" or "quyet dinh cu di hoc" or "quyet dinh" => Field.Decision,
        "ngay quyet dinh" => Field.DecisionDate,
        "ket qua" or "ket qua hoc tap" => Field.Outcome,
        _ => null,
    };

    private static TheoryLevel LevelOf(string? text)
    {
        var key = VietnameseText.SearchKey(text);
        return key switch
        {
            _ when key.Contains("sau dai hoc", StringComparison.Ordinal) || key.Contains("thac si", StringComparison.Ordinal) || key.Contains("tien si", StringComparison.Ordinal) => TheoryLevel.Postgraduate,
            _ when key.Contains("cu nhan", StringComparison.Ordinal) => TheoryLevel.Bachelor,
            _ when key.Contains("cao cap", StringComparison.Ordinal) => TheoryLevel.Advanced,
            _ when key.Contains("trung cap", StringComparison.Ordinal) => TheoryLevel.Intermediate,
            _ when key.Contains("so cap", StringComparison.Ordinal) => TheoryLevel.Elementary,
            _ => TheoryLevel.None,
        };
    }

    private static TrainingOutcome? OutcomeOf(string? text) => VietnameseText.SearchKey(text) switch
    {
        "" or "dang hoc" => TrainingOutcome.Studying,
        "hoan thanh" or "da hoan thanh" or "tot nghiep" or "da tot nghiep" => TrainingOutcome.Completed,
        "khong hoan thanh" or "chua hoan thanh" or "bo hoc" or "thoi hoc" => TrainingOutcome.NotCompleted,
        _ => null,
    };

    private static DateOnly? ReadDate(SheetCell? cell, string column, List<string> errors)
    {
        if (cell is null)
        {
            return null;
        }

        if (cell.Number is { } number)
        {
            if (number >= 1950 && number <= 2100 && number == Math.Floor(number))
            {
                return new DateOnly((int)number, 1, 1); // a bare year
            }

            if (number >= 3653 && number < 2958466)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(number)));
            }
        }
        else if (PartialDate.TryParse(cell.Text, out var date))
        {
            return date.Date;
        }

        errors.Add($"Cột “{column}”: “{cell.Text}” không phải là ngày (ghi dạng dd/mm/yyyy).");
        return null;
    }
}
