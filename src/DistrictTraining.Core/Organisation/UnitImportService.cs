using System.Globalization;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Core.Organisation;

public enum ImportRowStatus
{
    New = 1,
    Exists = 2,
    Error = 3,
}

/// <summary>A line of a list import's preview (units, cadre training): new, already there, or an error.</summary>
public interface IImportRow
{
    ImportRowStatus Status { get; }
}

/// <summary>What a list import's preview shows: its lines and how many of each kind.</summary>
public abstract record ImportPreview<TRow>(string Token, string FileName, IReadOnlyList<TRow> Rows)
    where TRow : IImportRow
{
    public int NewCount => Rows.Count(r => r.Status == ImportRowStatus.New);

    public int ExistingCount => Rows.Count(r => r.Status == ImportRowStatus.Exists);

    public int ErrorCount => Rows.Count(r => r.Status == ImportRowStatus.Error);
}

/// <summary>One line of the sheet as the import understood it; <see cref="Message"/> says why, in Vietnamese.</summary>
public sealed record UnitImportRow(
    int RowNumber,
    string? Code,
    string Name,
    string? Kind,
    string? Parent,
    DateOnly? ValidFrom,
    DateOnly? ValidTo,
    ImportRowStatus Status,
    string? Message) : IImportRow;

public sealed record UnitImportPreview(string Token, string FileName, IReadOnlyList<UnitImportRow> Rows)
    : ImportPreview<UnitImportRow>(Token, FileName, Rows);

/// <summary>
/// Imports organisational units from an .xlsx sheet in two steps: the upload is kept under a token and
/// previewed (new / already there / error and why); the confirmation analyses it again against the
/// database as it is then and adds every new unit in one save, hence one transaction. Cancelling
/// deletes the upload and writes nothing. The upload waits in the database (<see cref="PendingUploads"/>),
/// so any node can preview and confirm it, and is read through the same guards as every workbook.
/// </summary>
public sealed class UnitImportService(AppDbContext db, IUserScope scope, TimeProvider clock)
{
    public const long MaxFileBytes = PendingUploads.MaxFileBytes;

    private readonly PendingUploads _uploads = new(db, scope, clock);

    private static readonly string[] DateFormats = ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    private enum Field
    {
        Code,
        Name,
        Kind,
        Parent,
        From,
        To,
    }

    private sealed record SheetLine(int RowNumber, string? Code, string Name, string? KindText, string? Parent, DateOnly? From, DateOnly? To, string? Error);

    private sealed class Line(SheetLine sheet)
    {
        public SheetLine Sheet { get; } = sheet;

        public UnitKind Kind { get; set; }

        public ImportRowStatus Status { get; set; } = ImportRowStatus.New;

        public string? Message { get; set; }

        public int? ParentId { get; set; }

        public Line? ParentLine { get; set; }

        /// <summary>A second line for a unit already on an earlier line; a parent reference means the earlier one.</summary>
        public bool IsDuplicate { get; set; }

        public void Fail(string message)
        {
            Status = ImportRowStatus.Error;
            Message = message;
        }
    }

    private sealed record KnownUnit(int Id, string? Code, string Name, string SearchKey, UnitKind Kind, DateOnly? ValidFrom, DateOnly? ValidTo);

    /// <summary>The template users fill in.</summary>
    public static byte[] Template() => UnitSheet.Template();

    /// <summary>Keeps the uploaded file under a new token and previews it. Refuses a file over 10 MB or one that is not a readable .xlsx.</summary>
    public async Task<UnitImportPreview> UploadAsync(Stream content, string? fileName, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(fileName ?? "") is { Length: > 0 } n ? VietnameseText.Clean(n) : "tệp tải lên";
        var bytes = await PendingUploads.ReadLimitedAsync(content, cancellationToken);
        var lines = Read(bytes, name);

        var token = await _uploads.KeepAsync(UploadKind.Units, null, name, bytes, cancellationToken);
        return new UnitImportPreview(token, name, ToRows(await AnalyseAsync(lines, cancellationToken)));
    }

    /// <summary>The preview of an upload kept under <paramref name="token"/>, analysed against the database as it is now.</summary>
    public async Task<UnitImportPreview> PreviewAsync(string token, CancellationToken cancellationToken = default)
    {
        var upload = await LoadAsync(token, cancellationToken);
        return new UnitImportPreview(token, upload.FileName, ToRows(await AnalyseAsync(Read(upload.Content, upload.FileName), cancellationToken)));
    }

    /// <summary>Adds every new unit of the upload in one transaction (lines in error are left out) and forgets the upload.</summary>
    public async Task<int> CommitAsync(string token, CancellationToken cancellationToken = default)
    {
        var upload = await LoadAsync(token, cancellationToken);
        var lines = (await AnalyseAsync(Read(upload.Content, upload.FileName), cancellationToken)).Where(l => l.Status == ImportRowStatus.New).ToList();
        if (lines.Count == 0)
        {
            throw new DomainException("Tệp không có đơn vị mới nào để nhập.");
        }

        var units = lines.ToDictionary(l => l, l => new OrganisationUnit
        {
            Code = l.Sheet.Code,
            Name = l.Sheet.Name,
            Kind = l.Kind,
            ParentId = l.ParentId,
            ValidFrom = l.Sheet.From,
            ValidTo = l.Sheet.To,
        });
        foreach (var (line, unit) in units)
        {
            if (line.ParentLine is { } parent)
            {
                unit.Parent = units[parent];
            }
        }

        db.OrganisationUnits.AddRange(units.Values);
        _uploads.Consume(upload); // in the same save: a second confirmation (another tab or node) adds nothing
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Phiên nhập này vừa được xác nhận ở nơi khác; không có gì được ghi thêm.");
        }

        return units.Count;
    }

    /// <summary>Forgets an upload (only the uploader's, or their administrator's); nothing was written to the database.</summary>
    public Task CancelAsync(string token, CancellationToken cancellationToken = default) =>
        _uploads.DiscardAsync(UploadKind.Units, token, null, cancellationToken);

    private async Task<PendingUpload> LoadAsync(string token, CancellationToken cancellationToken) =>
        await _uploads.FindAsync(UploadKind.Units, token, null, cancellationToken)
        ?? throw new DomainException("Phiên nhập này đã hết hạn hoặc đã được xác nhận. Vui lòng tải tệp lên lại.");

    private static List<SheetLine> Read(byte[] bytes, string fileName)
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
            // Not a zip, not a workbook, a damaged part: all the same to the user.
            throw new DomainException($"Không đọc được tệp “{fileName}”. Vui lòng chọn bảng tính Excel dạng .xlsx (tệp .xls cũ hãy mở bằng Excel và lưu lại thành .xlsx).");
        }

        var headerIndex = rows.Take(20).ToList().FindIndex(r => r.Cells.Values.Any(c => HeaderField(c.Text) == Field.Name));
        if (headerIndex < 0)
        {
            throw new DomainException("Không tìm thấy dòng tiêu đề có cột “Tên đơn vị” trong 20 dòng đầu của trang tính đầu tiên. Hãy dùng tệp mẫu.");
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
            var code = Text(Field.Code);
            var kind = Text(Field.Kind);
            var parent = Text(Field.Parent);
            if (name is null && code is null && kind is null && parent is null && Cell(Field.From) is null && Cell(Field.To) is null)
            {
                continue; // blank lines, or notes and signatures under the table
            }

            var errors = new List<string>();
            var from = ReadDate(Cell(Field.From), "Hiệu lực từ", errors);
            var to = ReadDate(Cell(Field.To), "Hiệu lực đến", errors);
            lines.Add(new SheetLine(rowNumber, code, name ?? "", kind, parent, from, to, errors.Count > 0 ? string.Join(" ", errors) : null));
        }

        return lines;
    }

    private static Field? HeaderField(string text) => VietnameseText.SearchKey(text.Replace("*", "", StringComparison.Ordinal)) switch
    {
        "ma" or "ma don vi" or "ma so" => Field.Code,
        "ten don vi" or "ten" => Field.Name,
        "loai" or "loai don vi" => Field.Kind,
        "don vi cap tren" or "cap tren" or "truc thuoc" => Field.Parent,
        "hieu luc tu" or "tu ngay" or "ngay hieu luc" => Field.From,
        "hieu luc den" or "den ngay" or "ngay het hieu luc" => Field.To,
        _ => null,
    };

    private static DateOnly? ReadDate(SheetCell? cell, string column, List<string> errors)
    {
        if (cell is null)
        {
            return null;
        }

        // Excel keeps dates as day numbers; anything before 1910 is a bare year or a slip, not a date.
        if (cell.Number is { } serial)
        {
            if (serial >= 3653 && serial < 2958466)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            }
        }
        else if (DateOnly.TryParseExact(cell.Text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add($"Cột “{column}”: “{cell.Text}” không phải là ngày (ghi dạng dd/mm/yyyy).");
        return null;
    }

    private async Task<List<Line>> AnalyseAsync(List<SheetLine> sheet, CancellationToken cancellationToken)
    {
        var known = await db.OrganisationUnits.AsNoTracking()
            .Select(u => new KnownUnit(u.Id, u.Code, u.Name, u.SearchKey, u.Kind, u.ValidFrom, u.ValidTo))
            .ToListAsync(cancellationToken);
        var lines = sheet.Select(s => new Line(s)).ToList();

        foreach (var line in lines)
        {
            var s = line.Sheet;
            if (s.Error is not null)
            {
                line.Fail(s.Error);
            }
            else if (s.Name.Length == 0)
            {
                line.Fail("Thiếu tên đơn vị.");
            }
            else if (s.Name.Length > 200)
            {
                line.Fail("Tên đơn vị dài quá 200 ký tự.");
            }
            else if (s.Code is { Length: > 32 })
            {
                line.Fail("Mã đơn vị dài quá 32 ký tự.");
            }
            else if (s.From > s.To)
            {
                line.Fail("Ngày “Hiệu lực từ” sau ngày “Hiệu lực đến”.");
            }
            else if ((s.KindText is null ? UnitTerms.FromName(s.Name) : UnitTerms.Parse(s.KindText)) is { } kind)
            {
                line.Kind = kind;
            }
            else
            {
                line.Fail(s.KindText is null
                    ? "Thiếu loại đơn vị (Tỉnh, Huyện, Xã, Phường, Thị trấn, Cơ quan, Đảng bộ, Chi bộ)."
                    : $"Loại đơn vị “{s.KindText}” không rõ; dùng một trong: Tỉnh, Huyện, Xã, Phường, Thị trấn, Cơ quan, Đảng bộ, Chi bộ.");
            }
        }

        // Already on the portal, or twice in the file.
        var seen = new List<Line>();
        foreach (var line in lines.Where(l => l.Status == ImportRowStatus.New))
        {
            var s = line.Sheet;
            var key = VietnameseText.SearchKey(s.Name);
            var existing = s.Code is not null
                ? known.FirstOrDefault(u => SameCode(u.Code, s.Code))
                : known.FirstOrDefault(u => u.SearchKey == key && u.Kind == line.Kind && Overlaps(u.ValidFrom, u.ValidTo, s.From, s.To));
            var twin = seen.FirstOrDefault(o => s.Code is not null
                ? SameCode(o.Sheet.Code, s.Code)
                : o.Sheet.Code is null && VietnameseText.SearchKey(o.Sheet.Name) == key && o.Kind == line.Kind && Overlaps(o.Sheet.From, o.Sheet.To, s.From, s.To));
            if (existing is not null)
            {
                line.Status = ImportRowStatus.Exists;
                line.Message = s.Code is not null && VietnameseText.SearchKey(existing.Name) != key
                    ? $"Mã {s.Code} đã có trên hệ thống, là “{existing.Name}”; dòng này được bỏ qua."
                    : "Đã có trên hệ thống; dòng này được bỏ qua.";
            }
            else if (twin is not null)
            {
                line.Fail($"Trùng với dòng {twin.Sheet.RowNumber}.");
                line.IsDuplicate = true;
            }
            else
            {
                seen.Add(line);
            }
        }

        var today = clock.VietnamToday();
        foreach (var line in lines.Where(l => l.Status == ImportRowStatus.New && l.Sheet.Parent is not null))
        {
            ResolveParent(line, lines, known, today);
        }

        // A line under a line in error, or in a loop of lines, cannot be added either.
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines.Where(l => l.Status == ImportRowStatus.New && l.ParentLine is not null))
            {
                if (line.ParentLine!.Status == ImportRowStatus.Error)
                {
                    line.Fail($"Đơn vị cấp trên ở dòng {line.ParentLine.Sheet.RowNumber} bị lỗi.");
                    changed = true;
                }
                else if (InLoop(line))
                {
                    line.Fail("Các dòng ghi đơn vị cấp trên vòng quanh nhau.");
                    changed = true;
                }
            }
        }
        while (changed);

        return lines;
    }

    private static void ResolveParent(Line line, List<Line> lines, List<KnownUnit> known, DateOnly today)
    {
        var text = line.Sheet.Parent!;
        var key = VietnameseText.SearchKey(text);
        var day = line.Sheet.From ?? line.Sheet.To ?? today;

        var units = known.Where(u => SameCode(u.Code, text)).ToList();
        var candidates = lines.Where(l => l != line && l.Status != ImportRowStatus.Exists && !l.IsDuplicate).ToList();
        var rows = candidates.Where(l => SameCode(l.Sheet.Code, text)).ToList();
        if (units.Count + rows.Count == 0)
        {
            units = known.Where(u => u.SearchKey == key).ToList();
            rows = candidates.Where(l => VietnameseText.SearchKey(l.Sheet.Name) == key).ToList();
            if (units.Count > 1)
            {
                // Old and new units may share a name: take the one in force when this unit starts.
                var inForce = units.Where(u => (u.ValidFrom is null || u.ValidFrom <= day) && (u.ValidTo is null || day <= u.ValidTo)).ToList();
                if (inForce.Count > 0)
                {
                    units = inForce;
                }
            }
        }

        if (units.Count + rows.Count == 0)
        {
            line.Fail($"Không tìm thấy đơn vị cấp trên “{text}” trên hệ thống hay trong tệp.");
        }
        else if (units.Count + rows.Count > 1)
        {
            line.Fail($"Có {units.Count + rows.Count} đơn vị cùng tên “{text}”; hãy ghi mã của đơn vị cấp trên.");
        }
        else if (units.Count == 1)
        {
            line.ParentId = units[0].Id;
        }
        else
        {
            line.ParentLine = rows[0];
        }
    }

    private static bool InLoop(Line line)
    {
        var visited = new HashSet<Line>();
        for (var current = line.ParentLine; current is not null; current = current.ParentLine)
        {
            if (current == line)
            {
                return true;
            }

            if (!visited.Add(current))
            {
                return false; // a loop further up; its own lines report it
            }
        }

        return false;
    }

    private static bool SameCode(string? a, string? b) => a is not null && b is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    internal static bool Overlaps(DateOnly? fromA, DateOnly? toA, DateOnly? fromB, DateOnly? toB) =>
        (fromA ?? DateOnly.MinValue) <= (toB ?? DateOnly.MaxValue) && (fromB ?? DateOnly.MinValue) <= (toA ?? DateOnly.MaxValue);

    private static List<UnitImportRow> ToRows(List<Line> lines) => lines
        .Select(l => new UnitImportRow(
            l.Sheet.RowNumber, l.Sheet.Code, l.Sheet.Name,
            l.Status == ImportRowStatus.Error && l.Sheet.KindText is null ? null : l.Sheet.KindText ?? UnitTerms.Display(l.Kind),
            l.Sheet.Parent, l.Sheet.From, l.Sheet.To, l.Status, l.Message))
        .ToList();
}
