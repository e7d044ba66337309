using System.Text.RegularExpressions;
using DistrictTraining.BrowserTests.Infrastructure;
using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Data;
using DistrictTraining.Core.Organisation;
using DistrictTraining.Core.Trainees;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DistrictTraining.BrowserTests;

/// <summary>
/// Issue 11's roster entry as a clerk does it: a USB 2D scanner types a CCCD card's QR text into the entry box and
/// presses Enter; a namesake typed by hand is never enrolled by Enter alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RosterKeyboardTests(BrowserFixture browser, ITestOutputHelper output) : BrowserTest(browser, output)
{
    private const string Password = "Dt-Banphim#2026";

    [Fact]
    public async Task A_scanned_CCCD_card_prefills_a_new_person_or_offers_the_person_who_has_it()
    {
        await using var portal = new PortalApp().Start();
        var classId = await ClassWithPeopleAsync(portal);

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync($"/Roster/Index/{classId}");
            await Expect(page.Locator("#roster-keys")).ToContainTextAsync("Ctrl+Enter tạo học viên mới");

            // The scanner types the card's text, then Enter: nobody has this CCCD, so the form opens prefilled.
            await page.Locator("#roster-search").FocusAsync();
            await page.Keyboard.TypeAsync("052189012345||Tôn Nữ Bích Ngọc|12031989|Nữ|Thôn 1, Xã Cát Hanh, Phù Cát, Bình Định|15082021");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#add-new")).ToBeVisibleAsync();
            await Expect(page.Locator("#NewTrainee_FamilyName")).ToHaveValueAsync("Tôn Nữ");
            await Expect(page.Locator("#NewTrainee_MiddleName")).ToHaveValueAsync("Bích");
            await Expect(page.Locator("#NewTrainee_GivenName")).ToHaveValueAsync("Ngọc");
            await Expect(page.Locator("#NewTrainee_Sex")).ToHaveValueAsync("Female");
            await Expect(page.Locator("#NewTrainee_Birth")).ToHaveValueAsync("12/03/1989");
            await Expect(page.Locator("#NewTrainee_Cccd")).ToHaveValueAsync("052189012345");
            await Expect(page.Locator("#NewTrainee_Note")).ToHaveValueAsync("Nơi thường trú (theo thẻ CCCD): Thôn 1, Xã Cát Hanh, Phù Cát, Bình Định");
            await Expect(page.Locator("#NewTrainee_UnitId")).ToBeFocusedAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterKeyboard.card-prefilled", "png") });

            // The clerk picks the unit with the keyboard and confirms with Enter.
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(RosterUrl());
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(1);
            var row = page.Locator("#roster tbody tr", new() { HasText = "Tôn Nữ Bích Ngọc" });
            await Expect(row).ToContainTextAsync("12/03/1989");
            await Expect(row).ToContainTextAsync("Xã Cát Hanh");

            // The next card belongs to someone in the registry: offered, enrolled only on a further Enter.
            await Expect(page.Locator("#roster-search")).ToBeFocusedAsync();
            await page.Keyboard.TypeAsync("052085001234|215000111|LÊ VĂN TÁM|01021985|Nam|Xã Cát Tài|01012021");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#card-found")).ToBeVisibleAsync();
            await Expect(page.Locator("#card-found")).ToContainTextAsync("Lê Văn Tám");
            await Expect(page.Locator("#card-found")).ToContainTextAsync("CCCD …1234");
            await Expect(page.Locator("#card-enrol")).ToBeFocusedAsync();
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(1);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterKeyboard.card-found", "png") });
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(RosterUrl());
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(2);
            await Expect(page.Locator("#roster tbody")).ToContainTextAsync("Lê Văn Tám");
        });

        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Trainees.CountAsync(t => t.Cccd == "052085001234"));
        Assert.Equal("Tôn Nữ", (await db.Trainees.SingleAsync(t => t.Cccd == "052189012345")).FamilyName);
    }

    [Fact]
    public async Task A_namesake_is_entered_safely_Enter_alone_enrols_nobody()
    {
        await using var portal = new PortalApp().Start();
        var classId = await ClassWithPeopleAsync(portal);

        await RunAsync(portal, async page =>
        {
            await PortalSeed.SignInAsync(page, PortalSeed.StaffUserName, Password);
            await page.GotoAsync($"/Roster/Index/{classId}");

            // Typing a name that is in the registry and pressing Enter enrols nobody.
            await page.Locator("#roster-search").FocusAsync();
            await page.Keyboard.TypeAsync("Trần Công An");
            var suggestion = page.Locator("#roster-results li.roster-suggestion", new() { HasText = "Trần Công An" });
            await Expect(suggestion).ToContainTextAsync("sinh 12/03/1985 · Xã Cát Hanh · CCCD …9876");
            await Expect(page.Locator("#roster-results")).Not.ToContainTextAsync("052085009876");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#roster-status")).ToContainTextAsync("Enter không tự thêm ai");
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(0);
            await Expect(page.Locator("#add-new")).ToBeHiddenAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterKeyboard.namesake-enter", "png") });

            // Creating is an explicit choice: Ctrl+Enter opens the form; the same date of birth is warned at once.
            await page.Keyboard.PressAsync("Control+Enter");
            await Expect(page.Locator("#add-new")).ToBeVisibleAsync();
            await Expect(page.Locator("#NewTrainee_FamilyName")).ToHaveValueAsync("Trần");
            await Expect(page.Locator("#NewTrainee_MiddleName")).ToHaveValueAsync("Công");
            await Expect(page.Locator("#NewTrainee_GivenName")).ToHaveValueAsync("An");
            await Expect(page.Locator("#NewTrainee_Sex")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("ArrowDown"); // Nam
            await page.Keyboard.PressAsync("Tab");
            await page.Keyboard.TypeAsync("12/03/1985");
            var warning = page.Locator("#new-warnings");
            await Expect(warning).ToContainTextAsync("Đã có người trùng họ tên và ngày sinh: Trần Công An (sinh 12/03/1985 · Xã Cát Hanh · CCCD …9876)");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("RosterKeyboard.namesake-warning", "png") });

            // A CCCD contradicting sex and birth year is warned while typing too.
            await page.Locator("#NewTrainee_Cccd").FillAsync("052190001111");
            await Expect(warning).ToContainTextAsync("CCCD cho biết giới tính Nữ, nhưng giới tính đã nhập là Nam.");
            await Expect(warning).ToContainTextAsync("CCCD cho biết năm sinh 1990, nhưng năm sinh đã nhập là 1985.");
            await page.Locator("#NewTrainee_Cccd").FillAsync("");

            // It is the same person: use them.
            await warning.GetByRole(AriaRole.Button, new() { Name = "Thêm người này vào lớp" }).ClickAsync();
            await page.WaitForURLAsync(RosterUrl());
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(1);
            await Expect(page.Locator("#roster tbody")).ToContainTextAsync("Trần Công An");

            // The arrows choose a suggestion on purpose: ↓ then Enter enrols Trần Văn Bình.
            await page.Locator("#roster-search").FocusAsync();
            await page.Keyboard.TypeAsync("tran van binh");
            await Expect(page.Locator("#roster-results li.roster-suggestion", new() { HasText = "Trần Văn Bình" })).ToBeVisibleAsync();
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("Enter");
            await page.WaitForURLAsync(RosterUrl());
            await Expect(page.Locator("#roster tbody .trainee-name")).ToHaveCountAsync(2);
        });

        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Trainees.CountAsync(t => t.FullName == "Trần Công An"));
    }

    // A class of the staff's centre with nobody on it, and a registry holding Trần Công An, Lê Văn Tám and Trần Văn Bình.
    private static async Task<int> ClassWithPeopleAsync(PortalApp portal)
    {
        var centreId = await PortalSeed.CentreWithStaffAsync(portal, Password);
        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = new OrganisationUnit { Name = "Xã Cát Hanh", Kind = UnitKind.Commune };
        db.OrganisationUnits.Add(unit);
        var programme = await db.Programmes.SingleAsync(p => p.Code == "NTD");
        var trainingClass = new TrainingClass
        {
            CentreId = centreId, ProgrammeId = programme.Id, Year = 2026, Number = 7,
            StartDate = new DateOnly(2026, 12, 7), EndDate = new DateOnly(2026, 12, 11),
        };
        db.TrainingClasses.Add(trainingClass);
        db.Trainees.AddRange(
            new Trainee { FamilyName = "Trần", MiddleName = "Công", GivenName = "An", Sex = Sex.Male, DateOfBirth = new DateOnly(1985, 3, 12), Cccd = "052085009876", Unit = unit },
            new Trainee { FamilyName = "Lê", MiddleName = "Văn", GivenName = "Tám", Sex = Sex.Male, DateOfBirth = new DateOnly(1985, 2, 1), Cccd = "052085001234" },
            new Trainee { FamilyName = "Trần", MiddleName = "Văn", GivenName = "Bình", Sex = Sex.Male, DateOfBirth = new DateOnly(1979, 5, 5) });
        await db.SaveChangesAsync();
        return trainingClass.Id;
    }

    [GeneratedRegex(@"/Roster/Index/\d+")]
    private static partial Regex RosterUrl();
}
