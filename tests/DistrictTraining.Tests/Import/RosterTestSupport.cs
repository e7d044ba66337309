using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;

namespace DistrictTraining.Tests.Import;

internal static class RosterTestSupport
{
    public static RosterReadResult Read(byte[] bytes, RosterReadLimits? limits = null)
    {
        using var stream = new MemoryStream(bytes);
        return RosterWorkbookReader.Read(stream, TimeProvider.System.VietnamToday(), bytes.Length, limits);
    }

    /// <summary>Reads and asserts the workbook was not refused.</summary>
    public static RosterReadResult ReadOk(byte[] bytes, RosterReadLimits? limits = null)
    {
        var result = Read(bytes, limits);
        Assert.False(result.IsRefused, result.RefusalMessage);
        return result;
    }

    /// <summary>
    /// The shared samples folder: repo root is the folder holding DistrictTraining.sln; samples live
    /// in shared/samples beside the repository (for a worktree, beside one of its parents).
    /// </summary>
    public static string SamplePath(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DistrictTraining.sln")))
        {
            dir = dir.Parent;
        }

        Assert.True(dir is not null, "Repository root (DistrictTraining.sln) not found above " + AppContext.BaseDirectory);
        for (var parent = dir!.Parent; parent is not null; parent = parent.Parent)
        {
            var candidate = Path.Combine(parent.FullName, "shared", "samples", fileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"Sample {fileName} not found in ../shared/samples relative to {dir.FullName} or its parents.");
        return string.Empty;
    }
}
