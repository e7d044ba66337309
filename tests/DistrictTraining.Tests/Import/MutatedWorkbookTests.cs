using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Import;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace DistrictTraining.Tests.Import;

/// <summary>
/// A committed generator of broken workbooks beside the named hostile kinds: a real commune list mutated at
/// random (fixed seeds, so a failure is reproducible by its number) in its zip bytes and inside its XML parts.
/// Every import either reads each one or refuses it with a Vietnamese message; no other exception, no hang,
/// and nothing written beyond a pending preview.
/// </summary>
public class MutatedWorkbookTests(ITestOutputHelper output)
{
    public const int Count = 150;

    private static readonly string[] Garbage = ["<", ">", "&", "\"", "<x>", "</row>", "<c r=\"ZZZ99999999\">", "<v>1e308</v>", "<v>-1</v>", "t=\"s\"", "<is>", "\u0001", "\uFFFE", "&#0;", "&#x1;", "]]>", "<!DOCTYPE a>", "\uD800"];

    /// <summary>Mutant number <paramref name="seed"/> of <paramref name="original"/>.</summary>
    public static byte[] Mutant(byte[] original, int seed)
    {
        var random = new Random(seed);
        if (seed % 5 == 0)
        {
            // The zip itself: flipped bytes, or cut short.
            var bytes = (byte[])original.Clone();
            if (seed % 10 == 0)
            {
                return bytes[..random.Next(1, bytes.Length)];
            }

            for (var i = 0; i < 1 + random.Next(20); i++)
            {
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
            }

            return bytes;
        }

        // One XML part rewritten: cut, garbage inserted, a slice repeated or removed.
        using var input = new ZipArchive(new MemoryStream(original), ZipArchiveMode.Read);
        var parts = input.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal) || e.FullName.EndsWith(".rels", StringComparison.Ordinal)).ToList();
        var victim = parts[random.Next(parts.Count)].FullName;
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                var text = reader.ReadToEnd();
                if (entry.FullName == victim)
                {
                    text = MutateText(text, random);
                }

                using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
                writer.Write(text);
            }
        }

        return output.ToArray();
    }

    private static string MutateText(string text, Random random)
    {
        var at = random.Next(text.Length);
        var length = Math.Min(text.Length - at, random.Next(1, 400));
        return random.Next(4) switch
        {
            0 => text[..at],
            1 => text.Insert(at, Garbage[random.Next(Garbage.Length)]),
            2 => text.Insert(at, string.Concat(Enumerable.Repeat(text.Substring(at, length), 1 + random.Next(50)))),
            _ => text.Remove(at, length),
        };
    }

    [Fact]
    public async Task Every_import_reads_or_refuses_each_of_150_mutants_of_its_own_list_and_never_fails_otherwise()
    {
        // Each import gets mutants of a list it would read: the commune roster sample, a score sheet, a unit list.
        var roster = await File.ReadAllBytesAsync(RosterTestSupport.SamplePath("danh-sach-hoc-vien-cat-hanh.xlsx"));
        var scores = XlsxBuilder.FromGrid(["STT", "Họ và tên", "Ngày sinh", "Điểm", "Điểm thi lại"],
            ["1", "Nguyễn Văn An", "01/02/1980", "7,5", null], ["2", "Trần Thị Bình", "03/04/1985", "4", "6"]);
        var units = Organisation.TestWorkbook.Build(["Mã", "Tên đơn vị", "Loại", "Đơn vị cấp trên", "Hiệu lực đến"],
            ["21610", "Xã Cát Hanh", "Xã", null, "30/06/2025"], ["21613", "Xã Cát Hiệp", "Xã", null, null]);
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await ClassTestData.CreateAsync(db, trainees: 2, sessions: 1, status: ClassStatus.Open);
        var scope = new FixedUserScope(c.CentreId, IsAdministrator: true, UserId: "quantri");
        var rosterImport = new RosterImportService(db, scope, TimeProvider.System);
        var scoreImport = new ScoreImportService(db, scope, new ResultsService(db, scope), TimeProvider.System);
        var unitImport = new UnitImportService(db, scope, TimeProvider.System);
        var outcomes = new Dictionary<string, int>();
        var slowest = TimeSpan.Zero;

        for (var seed = 1; seed <= Count; seed++)
        {
            var (r, s, u) = (Mutant(roster, seed), Mutant(scores, seed), Mutant(units, seed));
            var imports = new (string Name, Func<Task> Run)[]
            {
                ("roster", () => rosterImport.PreviewAsync(c.ClassId, new MemoryStream(r), r.Length, "danh-sach.xlsx")),
                ("scores", () => scoreImport.PreviewAsync(c.ClassId, new MemoryStream(s), s.Length, "diem.xlsx")),
                ("units", () => unitImport.UploadAsync(new MemoryStream(u), "don-vi.xlsx")),
            };
            foreach (var (name, run) in imports)
            {
                var clock = Stopwatch.StartNew();
                try
                {
                    await run();
                    outcomes[name + " read"] = outcomes.GetValueOrDefault(name + " read") + 1;
                }
                catch (DomainException refusal)
                {
                    Assert.False(string.IsNullOrWhiteSpace(refusal.Message), $"mutant {seed}, {name}: an empty refusal");
                    Assert.DoesNotContain("Exception", refusal.Message);
                    outcomes[name + " refused"] = outcomes.GetValueOrDefault(name + " refused") + 1;
                }
                catch (Exception other)
                {
                    Assert.Fail($"mutant {seed}, {name}: {other.GetType().Name}: {other.Message}");
                }

                slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
                db.ChangeTracker.Clear();
            }
        }

        var summary = string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}"));
        output.WriteLine($"{Count} mutants per import: {summary}; slowest {slowest.TotalMilliseconds:N0} ms");

        // Both outcomes happen for every import (the generator is neither all-broken nor all-harmless), no
        // import hung, and the mutants changed no one: previews write only pending uploads.
        foreach (var name in new[] { "roster", "scores", "units" })
        {
            Assert.True(outcomes.GetValueOrDefault(name + " read") > 0 && outcomes.GetValueOrDefault(name + " refused") > 0, summary);
        }

        Assert.True(slowest < TimeSpan.FromSeconds(30), $"the slowest import took {slowest}");
        Assert.Equal(2, await db.Trainees.CountAsync());
        Assert.Equal(0, await db.AssessmentResults.CountAsync());
        Assert.Equal(0, await db.OrganisationUnits.CountAsync(u => u.Name.Contains("Cát")));
    }
}
