using DistrictTraining.Core.Classes;
using DistrictTraining.Core.Common;
using DistrictTraining.Core.Trainees;
using DistrictTraining.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DistrictTraining.Tests.Trainees;

/// <summary>
/// Entering people by hand and by CCCD card (issue 11): warnings while typing, a repeated submit that
/// saves once, an edit after a conflict that writes only what the user changed, the card's text read
/// into the roster's entry box.
/// </summary>
public class TraineeEntryTests
{
    private static readonly IUserScope Staff = new FixedUserScope(CentreId: null);

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task The_check_while_typing_warns_of_the_CCCD_rule_its_owner_and_namesakes_of_the_same_unit_first(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var unit = await TestData.UnitAsync(db, "Xã Cát Hanh");
        var other = await TestData.UnitAsync(db, "Xã Cát Tài");
        var service = new TraineeService(db, Staff, TimeProvider.System);
        var elsewhere = (await service.CreateAsync(Input("Trần", "Công", "An", "12/03/1985", null) with { UnitId = other.Id }, false)).Saved!;
        var sameUnit = (await service.CreateAsync(Input("Trần", "Công", "An", "12/03/1985", null) with { UnitId = unit.Id }, true)).Saved!;
        var owner = (await service.CreateAsync(Input("Lê", "Văn", "Tám", "1985", "052085001234"), false)).Saved!;

        // A CCCD saying "female, 1990" for a man born in 1985, owned by Lê Văn Tám.
        var check = await service.CheckAsync(new TraineeCheckInput("Tran", "Cong", "An", Sex.Male, "12/03/1985", "052 190 001 234", unit.Id));
        Assert.Equal(["CCCD cho biết giới tính Nữ, nhưng giới tính đã nhập là Nam.", "CCCD cho biết năm sinh 1990, nhưng năm sinh đã nhập là 1985."], check.IdentityWarnings);
        Assert.Null(check.CccdOwner);
        Assert.Equal([(sameUnit.Id, true), (elsewhere.Id, false)], check.SameNameAndBirth.Select(m => (m.Id, m.SameUnit)));
        Assert.Equal(("12/03/1985", "Xã Cát Hanh"), (check.SameNameAndBirth[0].Birth, check.SameNameAndBirth[0].UnitName));

        var taken = await service.CheckAsync(new TraineeCheckInput("Phạm", null, "Hùng", Sex.Male, "1985", "052085001234", null));
        Assert.Equal(owner.Id, taken.CccdOwner!.Id);
        Assert.Equal("…1234", taken.CccdOwner.CccdTail);
        Assert.Empty(taken.IdentityWarnings);

        // Editing the owner: their own CCCD is not a warning; half-typed input is simply not checked.
        Assert.Null((await service.CheckAsync(new TraineeCheckInput("Lê", "Văn", "Tám", Sex.Male, "1985", "052085001234", null, owner.Id))).CccdOwner);
        var half = await service.CheckAsync(new TraineeCheckInput("Trần", "Công", "An", null, "12/03/19", "0520", null));
        Assert.Equal((0, null, 0), (half.IdentityWarnings.Count, half.CccdOwner, half.SameNameAndBirth.Count));

        // The suggestions never carry the whole CCCD.
        Assert.Equal("…1234", Assert.Single(await service.LookupAsync("le van tam")).CccdTail);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_parallel_submits_of_one_quick_add_form_create_one_person_and_one_enrolment(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int classId, centreId;
        await using (var db = database.CreateContext())
        {
            var c = await TestData.ClassAsync(db);
            (classId, centreId) = (c.Id, c.CentreId);
        }

        var token = Guid.NewGuid();
        var input = new NewTraineeInput("Hồ", "Thị", "Xuân", Sex.Female, "01/02/1990", null, null, null);
        async Task<string> SubmitAsync()
        {
            await using var db = database.CreateContext();
            return await new RosterService(db, new FixedUserScope(centreId), TimeProvider.System).AddNewAsync(classId, input, token);
        }

        var names = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SubmitAsync)));
        Assert.All(names, n => Assert.Equal("Hồ Thị Xuân", n));

        // Later, the browser's resend of the same form.
        Assert.Equal("Hồ Thị Xuân", await SubmitAsync());

        await using (var check = database.CreateContext())
        {
            Assert.Equal(1, await check.Trainees.CountAsync());
            Assert.Equal(1, await check.Enrolments.CountAsync());
            Assert.Equal(1, await check.SubmissionTokens.CountAsync());
        }

        // With a CCCD, a repeat may also meet its own first copy's CCCD: still one person, no refusal.
        var withCccd = Guid.NewGuid();
        var card = new NewTraineeInput("Tôn Nữ", "Bích", "Ngọc", Sex.Female, "12/03/1989", "052189012345", null, null);
        async Task<string> SubmitCardAsync()
        {
            await using var db = database.CreateContext();
            return await new RosterService(db, new FixedUserScope(centreId), TimeProvider.System).AddNewAsync(classId, card, withCccd);
        }

        Assert.All(await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(SubmitCardAsync))), n => Assert.Equal("Tôn Nữ Bích Ngọc", n));
        await using (var cards = database.CreateContext())
        {
            Assert.Equal(1, await cards.Trainees.CountAsync(t => t.Cccd == "052189012345"));
            Assert.Equal(2, await cards.Enrolments.CountAsync());
        }

        // A new form (a new token) for the same person stops at the namesake instead.
        await using var again = database.CreateContext();
        var stop = await Assert.ThrowsAsync<PossibleDuplicatesException>(() =>
            new RosterService(again, new FixedUserScope(centreId), TimeProvider.System).AddNewAsync(classId, input, Guid.NewGuid()));
        Assert.Equal("Hồ Thị Xuân", Assert.Single(stop.Candidates).FullName);
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Two_parallel_submits_of_the_trainee_form_create_one_person_and_a_double_click_on_enrol_one_enrolment(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int classId, centreId, existingId;
        await using (var db = database.CreateContext())
        {
            var c = await TestData.ClassAsync(db);
            (classId, centreId) = (c.Id, c.CentreId);
            existingId = (await TestData.TraineeAsync(db, "Đặng", "Thị", "Ánh")).Id;
        }

        var token = Guid.NewGuid();
        async Task<TraineeSaved> CreateAsync()
        {
            await using var db = database.CreateContext();
            return (await new TraineeService(db, Staff, TimeProvider.System).CreateAsync(Input("Vũ", "Văn", "Nam", "1979", "052079001111"), false, token)).Saved!;
        }

        var created = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(CreateAsync)));
        Assert.Single(created.Select(s => s.Id).Distinct());

        var enrol = Guid.NewGuid();
        async Task<string> EnrolAsync()
        {
            await using var db = database.CreateContext();
            return await new RosterService(db, new FixedUserScope(centreId), TimeProvider.System).AddExistingAsync(classId, existingId, enrol);
        }

        var enrolled = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(EnrolAsync)));
        Assert.All(enrolled, n => Assert.Equal("Đặng Thị Ánh", n));

        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Trainees.CountAsync());
        Assert.Equal(1, await check.Trainees.CountAsync(t => t.GivenName == "Nam"));
        Assert.Equal(1, await check.Enrolments.CountAsync());
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task Saving_again_after_a_conflict_keeps_the_fields_the_other_person_changed(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        int id;
        await using (var db = database.CreateContext())
        {
            id = (await new TraineeService(db, Staff, TimeProvider.System).CreateAsync(Input("Nguyễn", "Văn", "An", "1985", null) with { Phone = "0905 000 001" }, false)).Saved!.Id;
        }

        await using var mine = database.CreateContext();
        var service = new TraineeService(mine, Staff, TimeProvider.System);
        var form = (await service.GetForEditAsync(id))!;

        // Someone else changes the phone and the position.
        await using (var db = database.CreateContext())
        {
            var theirs = new TraineeService(db, Staff, TimeProvider.System);
            var their = (await theirs.GetForEditAsync(id))!;
            await theirs.UpdateAsync(id, their.Input with { Phone = "0912 345 678", Position = "Bí thư chi bộ" }, their.Version, their.HistoryMark, their.Input);
        }

        // This user changed the note and the position, and still has the old phone in the form.
        var edited = form.Input with { Note = "Chuyển từ xã Cát Tài", Position = "Chi ủy viên" };
        var conflict = await Assert.ThrowsAsync<TraineeEditConflictException>(() =>
            service.UpdateAsync(id, edited, form.Version, form.HistoryMark, form.Input));
        Assert.Contains("Chức vụ: “Bí thư chi bộ” → bản của bạn: “Chi ủy viên”", conflict.Changes);
        Assert.Contains("Điện thoại: “0912 345 678” (bạn không sửa trường này: giữ giá trị của họ)", conflict.Changes);
        Assert.Equal("0912 345 678", conflict.Current!.Phone);

        // Saving again on purpose, with the form still holding the old phone and the original values it was opened with.
        await service.UpdateAsync(id, edited, conflict.CurrentVersion, conflict.HistoryMark, form.Input);
        await using var check = database.CreateContext();
        var stored = await check.Trainees.SingleAsync();
        Assert.Equal(("0912 345 678", "Chi ủy viên", "Chuyển từ xã Cát Tài"), (stored.Phone, stored.Position, stored.Note));

        // The form rebased the way the page does it: what the user changed on top of the record as it is now.
        var rebased = TraineeMerge.Apply(conflict.Current, edited, form.Input, new DateOnly(2026, 11, 22));
        Assert.Equal(("0912 345 678", "Chi ủy viên", "Chuyển từ xã Cát Tài"), (rebased.Phone, rebased.Position, rebased.Note));
        Assert.Equal(["Position", "Note"], TraineeMerge.ChangedFields(edited, form.Input, new DateOnly(2026, 11, 22)));
        Assert.Empty(TraineeMerge.ChangedFields(form.Input with { Birth = " 1985 " }, form.Input, new DateOnly(2026, 11, 22)));
    }

    [Theory]
    [InlineData(Provider.Sqlite)]
    [InlineData(Provider.PostgreSQL)]
    public async Task A_scanned_card_finds_the_person_by_CCCD_or_prefills_the_new_person_form(Provider provider)
    {
        await using var database = await TestDatabase.Create(provider).MigrateAsync();
        await using var db = database.CreateContext();
        var c = await TestData.ClassAsync(db);
        var roster = new RosterService(db, new FixedUserScope(c.CentreId), TimeProvider.System);
        var known = await TestData.TraineeAsync(db, "Lê", "Văn", "Tám", cccd: "052085001234");

        var found = await roster.RecogniseAsync(c.Id, "052085001234|215000111|LÊ VĂN TÁM|01021985|Nam|Xã Cát Hanh|01012021\r");
        Assert.Equal(("card", known.Id, "…1234", false), (found.Kind, found.Existing!.Id, found.Existing.CccdTail, found.AlreadyEnrolled));
        Assert.Null(found.NewPerson);

        await roster.AddExistingAsync(c.Id, known.Id);
        Assert.True((await roster.RecogniseAsync(c.Id, "052085001234")).AlreadyEnrolled);

        var card = await roster.RecogniseAsync(c.Id, "052189012345||Tôn Nữ Bích Ngọc|12031989|Nữ|Thôn 1, Xã Cát Hanh|15082021");
        Assert.Equal("card", card.Kind);
        Assert.Null(card.Existing);
        Assert.Equal(new RosterEntryPerson("Tôn Nữ", "Bích", "Ngọc", Sex.Female, "12/03/1989", "052189012345", "Nơi thường trú (theo thẻ CCCD): Thôn 1, Xã Cát Hanh"), card.NewPerson);

        var name = await roster.RecogniseAsync(c.Id, "Công Tằng Tôn Nữ Thị Phương");
        Assert.Equal(("name", "Công Tằng Tôn Nữ", "Thị", "Phương"), (name.Kind, name.NewPerson!.FamilyName, name.NewPerson.MiddleName, name.NewPerson.GivenName));

        // The prefilled person is created and enrolled, the address kept in the note.
        var p = card.NewPerson!;
        await roster.AddNewAsync(c.Id, new NewTraineeInput(p.FamilyName, p.MiddleName, p.GivenName, p.Sex, p.Birth, p.Cccd, null, null, p.Note), Guid.NewGuid());
        var stored = await db.Trainees.AsNoTracking().SingleAsync(t => t.Cccd == "052189012345");
        Assert.Equal(("Tôn Nữ Bích Ngọc", "Tôn Nữ", new DateOnly(1989, 3, 12), "Nơi thường trú (theo thẻ CCCD): Thôn 1, Xã Cát Hanh"), (stored.FullName, stored.FamilyName, stored.DateOfBirth, stored.Note));
        Assert.Equal(2, await db.Enrolments.CountAsync());
    }

    private static TraineeInput Input(string family, string? middle, string given, string? birth, string? cccd) =>
        new() { FamilyName = family, MiddleName = middle, GivenName = given, Birth = birth, Cccd = cccd };
}
