using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Lecturers;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// Teaching quality and cadres: staff open a survey and print its slips, a trainee answers on a phone with a code,
/// the lecturer's page shows the result; staff record a cadre's completed course and the cadre report counts it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class QualityFlowTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Ks-Trungtam#2026";

    [Fact]
    public async Task A_trainee_answers_the_survey_on_a_phone_with_a_code_and_the_lecturer_page_shows_it()
    {
        await using var portal = new PortalApp().Start();
        var (classId, lecturerId) = await SeedClassAsync(portal);

        await RunAsync(portal, async page =>
        {
            // --- Staff open the survey from the class and get the slips: one code per trainee, the short link and QR code.
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync($"/Classes/Details/{classId}");
            await page.ClickAsync("#surveys-link");
            await page.ClickAsync("#open-survey-button");
            await Expect(page.Locator(".slip")).ToHaveCountAsync(3);
            await Expect(page.Locator(".slip-qr").First).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/svg\\+xml"));
            var url = await page.Locator(".slip-url").First.InnerTextAsync();
            var codes = await page.Locator(".slip-code").AllInnerTextsAsync();
            Assert.Matches("/ks/[A-Z2-9]{8}$", url);
            await page.Context.ClearCookiesAsync();

            // --- A trainee, signed out, on a phone-sized screen: the link, their code, five taps per question.
            await page.SetViewportSizeAsync(360, 740);
            await page.GotoAsync(url);
            await Expect(page.Locator(".survey-target")).ToHaveCountAsync(1);
            await Expect(page.Locator(".survey-target legend")).ToContainTextAsync("Phạm Văn Hùng");
            await page.FillAsync("#code", codes[0].ToLowerInvariant());
            var groups = page.Locator(".survey-target .btn-group");
            await Expect(groups).ToHaveCountAsync(4);
            int[] scores = [5, 4, 4, 5];
            for (var i = 0; i < 4; i++)
            {
                await groups.Nth(i).GetByText(scores[i].ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Exact = true }).ClickAsync();
            }

            await page.Locator(".survey-target textarea").FillAsync("Bài giảng gần gũi, dễ hiểu.");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 360, $"The answering page is {width}px wide on a 360px phone.");
            await page.ClickAsync("#survey-submit");
            await Expect(page.Locator("#survey-thanks")).ToBeVisibleAsync();

            // --- The same code a second time is refused, and what was typed stays.
            await page.GotoAsync(url);
            await page.FillAsync("#code", codes[0]);
            for (var i = 0; i < 4; i++)
            {
                await groups.Nth(i).GetByText("1", new() { Exact = true }).ClickAsync();
            }

            await page.ClickAsync("#survey-submit");
            await Expect(page.Locator("#survey-error")).ToContainTextAsync("đã được dùng");

            // --- Back at the centre: the lecturer's page shows one answer, average 4,50, and the comment.
            await page.SetViewportSizeAsync(1280, 900);
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync($"/Lecturers/Profile/{lecturerId}");
            var row = page.Locator("#survey-results tbody tr[data-lecturer]");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator(".responses")).ToHaveTextAsync("1");
            await Expect(row.Locator(".overall")).ToHaveTextAsync("4,50");
            await Expect(page.Locator("#survey-results")).ToContainTextAsync("Bài giảng gần gũi, dễ hiểu.");
            await Expect(page.Locator("#teaching .year-total .periods")).ToHaveTextAsync("4");
        });

        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.SurveyAnswers.CountAsync());
        Assert.Equal(1, await db.SurveyCodes.CountAsync(c => c.Used));
    }

    [Fact]
    public async Task Staff_record_a_cadres_completed_course_and_the_cadre_report_counts_it()
    {
        await using var portal = new PortalApp().Start();
        var traineeId = await SeedCadreAsync(portal);

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync($"/Trainees/Details/{traineeId}");
            await page.ClickAsync("#cadre-training-link");
            await Expect(page.Locator("#theory-level")).ToHaveTextAsync("Sơ cấp");
            await page.ClickAsync("#add-course");
            await page.SelectOptionAsync("#Level", "Intermediate");
            await page.FillAsync("#Institution", "Trường Chính trị tỉnh Bình Định");
            await page.FillAsync("#StartDate", "2024-09-05");
            await page.FillAsync("#DecisionNumber", "125-QĐ/HU");
            await page.SelectOptionAsync("#Outcome", "Completed");
            await page.ClickAsync("#save-course");
            await Expect(page.Locator("#EndDate + .text-danger, span[data-valmsg-for=EndDate]")).ToContainTextAsync("cần có ngày kết thúc");
            await page.FillAsync("#EndDate", "2025-06-30");
            await page.ClickAsync("#save-course");
            await Expect(page.Locator("main")).ToContainTextAsync("đã được nâng");
            await Expect(page.Locator("#theory-level")).ToHaveTextAsync("Trung cấp");
            await Expect(page.Locator("#courses tbody tr .outcome")).ToHaveTextAsync("Hoàn thành");

            await page.GotoAsync("/Reports/Cadre?year=2024");
            await Expect(page.Locator("#cadre-total .sent-intermediate")).ToHaveTextAsync("1");
            await page.GotoAsync("/Reports/Cadre?year=2025");
            await Expect(page.Locator("#cadre-total .completed")).ToHaveTextAsync("1");
            await Expect(page.Locator("#cadre-total .sent-intermediate")).ToHaveTextAsync("0");
        });
    }

    private static async Task<(int ClassId, int LecturerId)> SeedClassAsync(PortalApp portal)
    {
        var centreId = await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hung = new Lecturer { CentreId = centreId, FamilyName = "Phạm", MiddleName = "Văn", GivenName = "Hùng", Kind = LecturerKind.FullTime };
        db.Lecturers.Add(hung);
        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var today = VietnamTime.DateOfUtc(DateTime.UtcNow);
        var cls = new TrainingClass { CentreId = centreId, ProgrammeId = programme.Id, Year = today.Year, Number = 1, StartDate = today.AddDays(-3), EndDate = today };
        db.TrainingClasses.Add(cls);
        var people = new[] { ("Nguyễn", "Văn", "An"), ("Trần", "Thị", "Bình"), ("Lê", "Minh", "Cường") }
            .Select(n => new Trainee { FamilyName = n.Item1, MiddleName = n.Item2, GivenName = n.Item3, DateOfBirth = new DateOnly(1990, 5, 1) }).ToList();
        db.Trainees.AddRange(people);
        await db.SaveChangesAsync();
        db.Enrolments.AddRange(people.Select(p => new Enrolment { ClassId = cls.Id, TraineeId = p.Id, EnrolledAt = DateTime.UtcNow }));
        db.ClassSessions.Add(new ClassSession { ClassId = cls.Id, Date = today.AddDays(-3), Part = DayPart.Morning, Topic = "Chủ nghĩa Mác – Lênin", Periods = 4, LecturerId = hung.Id });
        await db.SaveChangesAsync();
        return (cls.Id, hung.Id);
    }

    private static async Task<int> SeedCadreAsync(PortalApp portal)
    {
        var centreId = await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
        db.OrganisationUnits.Add(commune);
        await db.SaveChangesAsync();
        db.CentreServedUnits.Add(new CentreServedUnit { CentreId = centreId, UnitId = commune.Id });
        var person = new Trainee
        {
            FamilyName = "Nguyễn", MiddleName = "Văn", GivenName = "Tâm", DateOfBirth = new DateOnly(1982, 2, 3), UnitId = commune.Id,
            TheoryLevel = TheoryLevel.Elementary, CommitteeRole = CommitteeRole.CommitteeMember, PartyStatus = PartyStatus.FullMember,
        };
        db.Trainees.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }
}
