using DistrictTraining.Core.Common;

namespace DistrictTraining.Core.Import;

/// <summary>The Vietnamese texts of refusals.</summary>
internal static class RosterMessages
{
    public const string NotXlsx =
        "Tệp không phải bảng tính Excel .xlsx. Chỉ nhận tệp .xlsx (Excel 2007 trở lên): hãy mở danh sách bằng Excel "
        + "và chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi tải lên lại.";

    /// <summary>For the roster import, which also reads old .xls lists.</summary>
    public const string NotRosterWorkbook =
        "Tệp không phải bảng tính Excel. Danh sách học viên nhận tệp .xlsx (Excel 2007 trở lên) hoặc .xls (Excel 97–2003): hãy mở "
        + "danh sách bằng Excel và chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi tải lên lại.";

    public const string OldXls =
        "Tệp là định dạng Excel cũ (.xls) hoặc tệp Excel đã đặt mật khẩu. Chỉ nhận tệp .xlsx: hãy mở tệp bằng Excel, "
        + "bỏ mật khẩu nếu có, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi tải lên lại.";

    public const string WordDocument =
        "Tệp là tài liệu Word (.docx), không phải bảng tính Excel. Chỉ nhận tệp .xlsx: hãy chép bảng danh sách sang Excel "
        + "và lưu dưới dạng .xlsx.";

    public const string OtherOfficeDocument =
        "Tệp là tài liệu Office nhưng không phải bảng tính Excel. Chỉ nhận tệp Excel .xlsx.";

    public const string EmptyFile = "Tệp rỗng (0 byte). Hãy chọn lại tệp danh sách .xlsx.";

    public const string Corrupt =
        "Tệp .xlsx bị hỏng hoặc chưa tải lên hết nên không đọc được. Hãy mở tệp bằng Excel để kiểm tra, lưu lại, "
        + "rồi tải lên lần nữa.";

    public const string Unexpected =
        "Không đọc được tệp do một lỗi khi xử lý bảng tính. Hãy mở tệp bằng Excel, lưu lại rồi thử lần nữa; "
        + "nếu vẫn lỗi, hãy báo cho quản trị hệ thống.";

    public const string SuspiciousCompression =
        "Tệp có cấu trúc nén bất thường (giải nén ra dung lượng quá lớn) nên không được mở, để bảo vệ hệ thống. "
        + "Hãy mở tệp bằng Excel, lưu lại thành tệp .xlsx mới rồi tải lên.";

    public const string TooSlow =
        "Tệp mất quá nhiều thời gian để đọc nên đã dừng, để bảo vệ hệ thống. Hãy mở tệp bằng Excel, chỉ giữ trang danh sách, "
        + "lưu lại thành tệp .xlsx mới rồi tải lên.";

    public const string CorruptXls =
        "Tệp Excel cũ (.xls) bị hỏng, đặt mật khẩu hoặc có cấu trúc bất thường nên không đọc được. Hãy mở tệp bằng Excel, bỏ mật khẩu "
        + "nếu có, chọn Lưu thành (Save As) → Sổ làm việc Excel (*.xlsx), rồi tải lên lại.";

    public const string EmptySheet = "Bảng tính trống: tệp không có dữ liệu nào.";

    public static string TooLarge(long maxBytes, long? actualBytes) =>
        actualBytes is { } actual
            ? $"Tệp quá lớn ({Megabytes(actual)}); chỉ nhận tệp đến {Megabytes(maxBytes)}. Hãy chia danh sách thành nhiều tệp."
            : $"Tệp lớn hơn {Megabytes(maxBytes)}; chỉ nhận tệp đến {Megabytes(maxBytes)}. Hãy chia danh sách thành nhiều tệp.";

    public static string TooManyRows(int maxRows, string sheetName) =>
        $"Trang \"{sheetName}\" có hơn {maxRows.ToString("N0", VietnameseText.Culture)} dòng học viên; mỗi lần chỉ nhập "
        + $"tối đa {maxRows.ToString("N0", VietnameseText.Culture)} dòng. Hãy chia danh sách thành nhiều tệp.";

    public static string NoHeader(int searchedRows) =>
        $"Không tìm thấy dòng tiêu đề có cột Họ và tên trong {searchedRows} dòng đầu của bảng tính. Dòng tiêu đề cần có "
        + "cột \"Họ và tên\" (hoặc \"Họ và đệm\" và \"Tên\") cùng ít nhất một cột khác như \"Ngày, tháng, năm sinh\", "
        + "\"Giới tính\", \"Số CCCD\", \"Đơn vị\".";

    public static string NoDataRows(string sheetName, int headerRow) =>
        $"Trang \"{sheetName}\" có dòng tiêu đề ở dòng {headerRow} nhưng không có học viên nào bên dưới.";

    private static string Megabytes(long bytes)
    {
        var mb = bytes / (1024.0 * 1024.0);
        return mb.ToString("0.#", VietnameseText.Culture) + " MB";
    }
}
