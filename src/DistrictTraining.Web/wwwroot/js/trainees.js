// The trainee form: checked on the server as one types (/Trainees/Check, the same rules the person page and the
// roster's quick-add use): the CCCD contradicting the sex or birth year, the person who already has the CCCD,
// people with the same name and date of birth (same unit first), each with a link to their record, to use it
// instead. It never blocks: the save decides. Also enables the Party dates only for Party members.
(function () {
    'use strict';
    var form = document.querySelector('form[data-trainee-form]');
    if (!form) {
        return;
    }

    var token = form.querySelector('input[name="__RequestVerificationToken"]');
    var identity = form.querySelector('#identity-warnings');
    var people = form.querySelector('#existing-people');
    var names = ['FamilyName', 'MiddleName', 'GivenName', 'Sex', 'Birth', 'Cccd', 'UnitId'];
    var timer = null;
    var checkNumber = 0;

    function describe(p) {
        return [p.birth ? 'sinh ' + p.birth : null, p.unitName, p.cccdTail ? 'CCCD ' + p.cccdTail : null].filter(Boolean).join(' · ');
    }

    function show(result) {
        identity.textContent = '';
        (result.identityWarnings || []).forEach(function (text) {
            var line = document.createElement('div');
            line.textContent = text;
            identity.appendChild(line);
        });
        identity.hidden = identity.childElementCount === 0;

        people.textContent = '';
        var found = [];
        if (result.cccdOwner) {
            found.push({ p: result.cccdOwner, why: 'Số CCCD này đã thuộc về' });
        }
        (result.sameNameAndBirth || []).forEach(function (p) {
            found.push({ p: p, why: p.sameUnit ? 'Đã có người trùng họ tên, ngày sinh và đơn vị:' : 'Đã có người trùng họ tên và ngày sinh:' });
        });
        found.forEach(function (f) {
            var line = document.createElement('div');
            line.textContent = f.why + ' ' + f.p.fullName + ' (' + describe(f.p) + '). ';
            var link = document.createElement('a');
            link.href = '/Trainees/Details/' + f.p.id;
            link.textContent = 'Dùng hồ sơ này';
            line.appendChild(link);
            people.appendChild(line);
        });
        people.hidden = found.length === 0;
    }

    function check() {
        clearTimeout(timer);
        timer = setTimeout(function () {
            var body = new FormData();
            names.forEach(function (n) {
                var el = form.querySelector('#' + n);
                if (el && el.value) {
                    body.append(n, el.value);
                }
            });
            if (form.dataset.exceptId) {
                body.append('ExceptId', form.dataset.exceptId);
            }
            var number = ++checkNumber;
            fetch(form.dataset.checkUrl, { method: 'POST', body: body, headers: { 'RequestVerificationToken': token.value, 'Accept': 'application/json' } })
                .then(function (r) { return r.ok ? r.json() : null; })
                .then(function (result) {
                    if (result && number === checkNumber) { // an older answer arriving late is dropped
                        show(result);
                    }
                })
                .catch(function (e) { console.error(e); });
        }, 250);
    }

    names.forEach(function (n) {
        var el = form.querySelector('#' + n);
        if (el) {
            el.addEventListener('input', check);
            el.addEventListener('change', check);
        }
    });
    check();

    var party = form.querySelector('#PartyStatus');
    var joined = form.querySelector('#PartyJoinDate');
    var official = form.querySelector('#PartyOfficialDate');

    function partyDates() {
        joined.disabled = party.value === 'NonMember';
        official.disabled = party.value !== 'FullMember';
    }

    party.addEventListener('change', partyDates);
    partyDates();
})();
