namespace DistrictTraining.BrowserTests.Infrastructure;

/// <summary>Where a failed browser test leaves its screenshot, page HTML and Playwright trace.</summary>
public static class TestArtifacts
{
    /// <summary>
    /// DT_TEST_ARTIFACTS (set by scripts/test.sh to a folder inside its results folder), else
    /// TestResults/browser-artifacts under the current directory.
    /// </summary>
    public static string Directory =>
        Environment.GetEnvironmentVariable("DT_TEST_ARTIFACTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(System.IO.Directory.GetCurrentDirectory(), "TestResults", "browser-artifacts");

    public static string PathFor(string testName, string extension)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var safe = string.Concat(testName.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        return Path.Combine(Directory, $"{safe}.{extension}");
    }
}
