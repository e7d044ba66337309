namespace DistrictTraining.BrowserTests;

/// <summary>Small checks shared by browser tests.</summary>
internal static class PageChecks
{
    // Letters that only Vietnamese text carries (lower case): ă â đ ê ô ơ ư and the toned vowels.
    private const string VietnameseLetters =
        "ăâđêôơư" +
        "àảãáạằẳẵắặầẩẫấậ" +
        "èẻẽéẹềểễếệ" +
        "ìỉĩíị" +
        "òỏõóọồổỗốộờởỡớợ" +
        "ùủũúụừửữứự" +
        "ỳỷỹýỵ";

    public static bool HasVietnameseLetters(string text) =>
        text.Normalize(System.Text.NormalizationForm.FormC).ToLowerInvariant().Any(c => VietnameseLetters.Contains(c, StringComparison.Ordinal));

    /// <summary>The path of a page URL ("/Account/Login" for "http://127.0.0.1:5000/Account/Login?ReturnUrl=%2F").</summary>
    public static string PathOf(string url) => new Uri(url).AbsolutePath;

    public static bool IsPath(string url, string path) =>
        string.Equals(PathOf(url).TrimEnd('/'), path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
