// The trainee form: warns as one types when the CCCD contradicts the sex or birth year beside it
// (the same rule as Cccd.CrossCheck on the server, which warns again after saving; it never blocks),
// and enables the Party dates only for Party members.
(function () {
    'use strict';
    var form = document.querySelector('form[data-trainee-form]');
    if (!form) {
        return;
    }

    var cccd = form.querySelector('#Cccd');
    var sex = form.querySelector('#Sex');
    var birth = form.querySelector('#Birth');
    var box = form.querySelector('#identity-warnings');

    function warnings() {
        var digits = cccd.value.replace(/[\s.\-]/g, '');
        if (!/^\d{12}$/.test(digits)) {
            return [];
        }

        // Digit 4: century and sex (0/1 = 1900s male/female, 2/3 = 2000s); digits 5-6: the year.
        var code = Number(digits.charAt(3));
        if (code > 3) {
            return ['Chữ số thứ 4 của CCCD không mã hóa giới tính và thế kỷ hợp lệ.'];
        }

        var list = [];
        var cccdSex = code % 2 === 0 ? 'Male' : 'Female';
        var cccdYear = (code < 2 ? 1900 : 2000) + Number(digits.substring(4, 6));
        if (sex.value && sex.value !== cccdSex) {
            list.push(cccdSex === 'Male'
                ? 'CCCD cho biết giới tính Nam, nhưng giới tính đã nhập là Nữ.'
                : 'CCCD cho biết giới tính Nữ, nhưng giới tính đã nhập là Nam.');
        }

        var year = /(\d{4})\s*$/.exec(birth.value);
        if (year && Number(year[1]) !== cccdYear) {
            list.push('CCCD cho biết năm sinh ' + cccdYear + ', nhưng năm sinh đã nhập là ' + Number(year[1]) + '.');
        }

        return list;
    }

    function showWarnings() {
        var list = warnings();
        box.textContent = '';
        list.forEach(function (text) {
            var line = document.createElement('div');
            line.textContent = text;
            box.appendChild(line);
        });
        box.hidden = list.length === 0;
    }

    [cccd, sex, birth].forEach(function (el) {
        el.addEventListener('input', showWarnings);
        el.addEventListener('change', showWarnings);
    });
    showWarnings();

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
