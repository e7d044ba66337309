using System.Net;
using DistrictTraining.Core.Certificates;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Documents;
using DistrictTraining.Core.Identity;
using DistrictTraining.Tests.Certificates;
using DistrictTraining.Tests.Infrastructure;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Documents;

/// <summary>The class documents in the Party's layout: valid WordprocessingML, A4, Times New Roman, and the records' own words.</summary>
public class ClassDocumentTests
{
    /// <summary>Opens the package with the Open XML validator (Office 2007 schemas and later) and returns its text, paragraph by paragraph.</summary>
    private static List<string> ValidatedText(byte[] bytes)
    {
        using var package = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator().Validate(package).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        var body = package.MainDocumentPart!.Document.Body!;
        var section = body.Elements<SectionProperties>().Single();
        Assert.Equal((11906U, 16838U), (section.GetFirstChild<PageSize>()!.Width!.Value, section.GetFirstChild<PageSize>()!.Height!.Value));
        var fonts = package.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!.RunFonts!;
        Assert.Equal("Times New Roman", fonts.Ascii!.Value);
        return body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
    }

    private static async Task<(int ClassId, int SessionId, int CentreId)> DecidedClassWithCertificatesAsync(AppDbContext db)
    {
        var centre = await CertificateTestData.CentreAsync(db);
        var c = await CertificateTestData.ClassAsync(db, centre.Id, completed: 2, notCompleted: 1, tag: "D");
        var completed = await db.Enrolments.Where(e => e.ClassId == c.Id && e.Result!.Completed == true).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        var serial = 0;
        foreach (var enrolmentId in completed)
        {
            serial++;
            db.Certificates.Add(new Certificate
            {
                CentreId = centre.Id, EnrolmentId = enrolmentId, Year = 2026, SerialNumber = serial, RegisterNumber = 100 + serial,
                IssueDate = new DateOnly(2026, 3, 20), SignerName = "Nguyễn Văn Giám", VerificationCode = $"DOC{serial:D8}",
            });
        }

        var session = new Core.Classes.ClassSession { ClassId = c.Id, Date = new DateOnly(2026, 3, 3), Part = Core.Classes.DayPart.Morning, Topic = "Chuyên đề 1: Chủ nghĩa Mác – Lênin", Periods = 4 };
        db.ClassSessions.Add(session);
        await db.SaveChangesAsync();
        return (c.Id, session.Id, centre.Id);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Each_document_is_valid_Word_in_the_Party_layout_with_the_records_words(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var (classId, sessionId, centreId) = await DecidedClassWithCertificatesAsync(db);
        var service = new ClassDocumentService(db, new FixedUserScope(centreId));

        var opening = ValidatedText((await service.OpeningDecisionAsync(classId))!.Content);
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", opening);
        Assert.Contains("ĐẢNG ỦY XÃ CÁT HANH", opening);
        Assert.Contains("QUYẾT ĐỊNH", opening);
        Assert.Contains(opening, p => p.StartsWith("về việc mở lớp bồi dưỡng", StringComparison.Ordinal));
        Assert.Contains(opening, p => p.StartsWith("Điều 2. Triệu tập 3 đồng chí", StringComparison.Ordinal));
        Assert.Contains("Nguyễn Văn Giám", opening);
        Assert.Contains("Nguyễn Văn D000", opening);

        var completion = (await service.CompletionDecisionAsync(classId))!;
        var text = ValidatedText(completion.Content);
        Assert.Contains("Số: 1-QĐ/TTCT", text);
        Assert.Contains("Cát Hanh, ngày 10 tháng 03 năm 2026", text);
        Assert.Contains(text, p => p.StartsWith("Điều 1. Công nhận 2/3 học viên", StringComparison.Ordinal));
        Assert.Contains("Không hoàn thành", text);
        Assert.Equal(2, text.Count(p => p == "Hoàn thành"));
        Assert.Equal(2, text.Count(p => p == "Khá"));
        Assert.EndsWith(".docx", completion.FileName, StringComparison.Ordinal);

        var certificates = ValidatedText((await service.CertificateListAsync(classId))!.Content);
        Assert.Contains(CertificateRules.SerialLabel(2026, 1), certificates);
        Assert.Contains(CertificateRules.RegisterLabel(2026, 102), certificates);
        Assert.Contains("20/03/2026", certificates);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]; // the service only places the picture it is given
        int? qrFor = null;
        var sheetDocument = (await service.SignInSheetAsync(sessionId, id => { qrFor = id; return png; }))!;
        var sheet = ValidatedText(sheetDocument.Content);
        Assert.Equal(classId, qrFor);
        using (var package = WordprocessingDocument.Open(new MemoryStream(sheetDocument.Content), false))
        {
            var image = Assert.Single(package.MainDocumentPart!.ImageParts);
            Assert.Equal("image/png", image.ContentType);
            Assert.Single(package.MainDocumentPart.Document.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Blip>(), b => b.Embed == package.MainDocumentPart.GetIdOfPart(image));
        }

        Assert.Contains("Quét mã để mở trang điểm danh của lớp", sheet);
        Assert.Contains("Buổi sáng ngày 03/03/2026", sheet);
        Assert.Contains(sheet, p => p.Contains("Chuyên đề 1: Chủ nghĩa Mác – Lênin", StringComparison.Ordinal));
        Assert.Equal(3, sheet.Count(p => p.StartsWith("Nguyễn Văn D", StringComparison.Ordinal)));

        // Another centre's staff get nothing.
        var stranger = new ClassDocumentService(db, new FixedUserScope(centreId + 100));
        Assert.Null(await stranger.CompletionDecisionAsync(classId));
        Assert.Null(await stranger.SignInSheetAsync(sessionId));
    }

    [Fact]
    public async Task Staff_download_a_document_and_a_committee_official_may_not()
    {
        await using var database = await TestDatabase.Create(Provider.Sqlite).MigrateAsync();
        await using var factory = new PortalFactory(database);
        await factory.CreateUserAsync("giaovu", Roles.CentreStaff);
        await factory.CreateUserAsync("lanhdao", Roles.CommitteeOfficial);
        int classId;
        await using (var db = database.CreateContext())
        {
            classId = (await DecidedClassWithCertificatesAsync(db)).ClassId;
        }

        var staff = await factory.SignInAsync("giaovu");
        var details = await staff.GetDocumentAsync($"/Classes/Details/{classId}");
        var link = details.QuerySelector("#completion-decision")!.GetAttribute("href")!;
        Assert.Null(details.QuerySelector("#add-session")); // a decided class's timetable is not offered for change
        var response = await staff.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PartyDocument.ContentType, response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(ValidatedText(await response.Content.ReadAsByteArrayAsync()), p => p.StartsWith("Điều 1. Công nhận 2/3", StringComparison.Ordinal));

        // The sign-in sheet of a session carries a real PNG QR code (made by the portal) in its package.
        var sessionId = await WithDbAsync(database, db => db.ClassSessions.Where(x => x.ClassId == classId).Select(x => x.Id).FirstAsync());
        var sheet = await staff.GetAsync($"/Documents/SignInSheet/{sessionId}");
        Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
        var sheetBytes = await sheet.Content.ReadAsByteArrayAsync();
        Assert.Contains("Quét mã để mở trang điểm danh của lớp", ValidatedText(sheetBytes));
        using (var package = WordprocessingDocument.Open(new MemoryStream(sheetBytes), false))
        {
            using var image = Assert.Single(package.MainDocumentPart!.ImageParts).GetStream();
            var head = new byte[8];
            Assert.Equal(8, await image.ReadAsync(head));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, head);
        }

        var official = await factory.SignInAsync("lanhdao");
        var refused = await official.GetAsync(link);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
    }

    private static async Task<T> WithDbAsync<T>(TestDatabase database, Func<AppDbContext, Task<T>> query)
    {
        await using var db = database.CreateContext();
        return await query(db);
    }
}
