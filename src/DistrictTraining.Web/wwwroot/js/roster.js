// Keyboard-first roster entry (Views/Roster/_Entry.cshtml). One box takes a name (diacritics optional),
// a CCCD, or a CCCD card's QR text typed by a USB scanner (ending with Enter) or decoded by the camera.
// - Suggestions show date of birth, unit and the last digits of the CCCD; none is chosen until ↓/↑ is pressed.
// - Enter adds the suggestion chosen with the arrows; Enter with none chosen never enrols anyone: the server
//   reads the text (card, CCCD or name), and an existing person is only enrolled by a further explicit Enter.
// - Ctrl+Enter (or the last list line) opens the new-person form; the name is split on the server.
// - The new-person form is checked while typing (/Trainees/Check): CCCD against sex and birth year, the owner
//   of the CCCD, people with the same name and date of birth, each offered to be enrolled instead.
(function () {
    'use strict';
    const box = document.getElementById('roster-search');
    const list = document.getElementById('roster-results');
    const addForm = document.getElementById('add-existing');
    const hiddenId = document.getElementById('traineeId');
    const newForm = document.getElementById('add-new');
    const status = document.getElementById('roster-status');
    const found = document.getElementById('card-found');
    const foundText = document.getElementById('card-found-text');
    const enrolButton = document.getElementById('card-enrol');
    const warningsBox = document.getElementById('new-warnings');
    if (!box || !list || !addForm) return;

    const token = addForm.querySelector('input[name="__RequestVerificationToken"]').value;
    // The table shows one page of the roster; its data-enrolled attribute lists every enrolled trainee.
    const rosterTable = document.getElementById('roster');
    const enrolled = new Set(rosterTable && rosterTable.dataset.enrolled ? rosterTable.dataset.enrolled.split(',') : []);
    const SEX = { 1: 'Male', 2: 'Female', Male: 'Male', Female: 'Female' };
    let items = [];
    let active = -1;
    let timer = null;
    let lastQuery = '';
    let pending = null;
    let inflight = null;
    let foundId = null;

    function say(text, kind) {
        status.textContent = text || '';
        status.className = 'small mt-1' + (kind ? ' text-' + kind : '');
    }

    function describe(p) {
        return [p.birth ? 'sinh ' + p.birth : null, p.unitName, p.cccdTail ? 'CCCD ' + p.cccdTail : null].filter(Boolean).join(' · ');
    }

    function showsCreate() { return box.value.trim().length >= 2 && !box.value.includes('|'); }

    function render() {
        list.innerHTML = '';
        items.forEach((item, i) => {
            const li = document.createElement('li');
            li.className = 'list-group-item list-group-item-action py-1 roster-suggestion' + (i === active ? ' active' : '') + (item.enrolled ? ' disabled' : '');
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', i === active ? 'true' : 'false');
            const details = describe(item);
            li.textContent = item.fullName + (details ? ' — ' + details : '') + (item.enrolled ? ' (đã có trong lớp)' : '');
            li.addEventListener('mousedown', e => { e.preventDefault(); choose(i); });
            list.appendChild(li);
        });
        if (showsCreate()) {
            const li = document.createElement('li');
            li.className = 'list-group-item list-group-item-action py-1 fst-italic' + (active === items.length ? ' active' : '');
            li.setAttribute('role', 'option');
            li.textContent = '+ Tạo học viên mới "' + box.value.trim() + '" (Ctrl+Enter)';
            li.addEventListener('mousedown', e => { e.preventDefault(); createNew(); });
            list.appendChild(li);
        }
    }

    function search(q) {
        lastQuery = q;
        // A card's text carries a home address: it is read by POST on Enter, never put in a search URL.
        if (q.length < 2 || q.includes('|')) { items = []; active = -1; render(); inflight = null; return Promise.resolve(); }
        const controller = new AbortController();
        if (pending) pending.abort();
        pending = controller;
        inflight = (async () => {
            try {
                const response = await fetch('/Trainees/Lookup?take=10&q=' + encodeURIComponent(q), { signal: controller.signal, headers: { 'Accept': 'application/json' } });
                if (!response.ok || q !== lastQuery) return;
                const data = await response.json();
                items = data.map(d => ({ ...d, enrolled: enrolled.has(String(d.id)) }));
                active = -1; // nothing is chosen until the arrows choose it
                render();
            } catch (e) {
                if (e.name !== 'AbortError') console.error(e);
            }
        })();
        return inflight;
    }

    async function post(url, fields) {
        const body = new FormData();
        Object.entries(fields).forEach(([k, v]) => { if (v !== null && v !== undefined) body.append(k, v); });
        const response = await fetch(url, { method: 'POST', body, headers: { 'RequestVerificationToken': token, 'Accept': 'application/json' } });
        const data = await response.json().catch(() => ({}));
        if (!response.ok) throw new Error(data.error || 'Không đọc được phản hồi của máy chủ.');
        return data;
    }

    function enrol(id) {
        hiddenId.value = id;
        addForm.submit();
    }

    function choose(i) {
        if (i === items.length) { createNew(); return; }
        const item = items[i];
        if (!item || item.enrolled) return;
        enrol(item.id);
    }

    function closeFound() { found.hidden = true; foundId = null; }

    // An existing person found by the CCCD of a card: enrolled only when the clerk confirms (Enter on the button).
    function offer(person, alreadyEnrolled) {
        items = []; render();
        if (alreadyEnrolled || enrolled.has(String(person.id))) {
            say(person.fullName + ' (' + describe(person) + ') đã có trong danh sách lớp.', 'success');
            box.select();
            return;
        }
        foundId = person.id;
        foundText.textContent = 'Đã có trong sổ học viên: ' + person.fullName + ' — ' + describe(person) + '. Thêm người này vào lớp?';
        found.hidden = false;
        say('');
        enrolButton.focus();
    }

    function field(name) { return newForm.querySelector('[name="NewTrainee.' + name + '"]'); }

    function openNew(person, warnings) {
        if (!newForm) return;
        closeFound();
        ['FamilyName', 'MiddleName', 'GivenName', 'Birth', 'Cccd', 'Note'].forEach(n => {
            const key = n.charAt(0).toLowerCase() + n.slice(1);
            if (field(n)) field(n).value = person[key] || '';
        });
        field('Sex').value = SEX[person.sex] || '';
        newForm.classList.remove('d-none');
        items = []; render();
        say((warnings || []).join(' '), warnings && warnings.length ? 'danger' : null);
        if (person.cccd && person.givenName) {
            field('UnitId').focus(); // from a card: everything but the unit is known; check it, then Enter on the button
        } else if (person.cccd) {
            field('FamilyName').focus();
        } else {
            field('Sex').focus();
        }
        check();
    }

    async function recognise(text) {
        try {
            return await post(addForm.dataset.recogniseUrl, { text });
        } catch (e) {
            say(e.message, 'danger');
            return null;
        }
    }

    async function createNew() {
        const text = box.value.trim();
        const result = text ? await recognise(text) : { newPerson: {} };
        if (!result) return;
        if (result.existing) { offer(result.existing, result.alreadyEnrolled); return; }
        openNew(result.newPerson || {}, result.warnings);
    }

    async function enter() {
        const q = box.value.trim();
        if (!q) return;
        clearTimeout(timer);
        if (q !== lastQuery) await search(q); else if (inflight) await inflight;
        if (active >= 0 && active <= items.length) { choose(active); return; }

        const result = await recognise(q);
        if (!result) return;
        if (result.kind === 'card') { box.value = ''; lastQuery = ''; } // the card's text (with a home address) is not left on screen
        if (result.existing) { offer(result.existing, result.alreadyEnrolled); return; }
        if (result.kind !== 'name') { openNew(result.newPerson, result.warnings); return; }
        const choosable = items.filter(i => !i.enrolled).length;
        if (choosable > 0) {
            say('Có ' + choosable + ' người trong sổ học viên có tên gần giống. Enter không tự thêm ai: chọn người đã có bằng ↓ rồi Enter, '
                + 'hoặc Ctrl+Enter để tạo học viên mới.', 'warning-emphasis');
            return;
        }
        openNew(result.newPerson, result.warnings);
    }

    box.addEventListener('input', () => {
        clearTimeout(timer);
        closeFound();
        say('');
        const q = box.value.trim();
        timer = setTimeout(() => search(q), 150);
    });

    box.addEventListener('keydown', e => {
        const count = items.length + (showsCreate() ? 1 : 0);
        if (e.key === 'ArrowDown') { e.preventDefault(); if (count) { active = (active + 1) % count; render(); } }
        else if (e.key === 'ArrowUp') { e.preventDefault(); if (count) { active = active <= 0 ? count - 1 : active - 1; render(); } }
        else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); createNew(); }
        else if (e.key === 'Enter') { e.preventDefault(); enter(); }
        else if (e.key === 'Escape') { items = []; active = -1; render(); closeFound(); }
    });

    // A card decoded by the camera goes the way a scanner's Enter does.
    box.addEventListener('card-scanned', () => { box.focus(); enter(); });

    box.addEventListener('blur', () => setTimeout(() => { list.innerHTML = ''; }, 150));

    enrolButton.addEventListener('click', () => { if (foundId) enrol(foundId); });
    document.getElementById('card-cancel').addEventListener('click', () => { closeFound(); box.select(); box.focus(); });
    found.addEventListener('keydown', e => { if (e.key === 'Escape') { closeFound(); box.select(); box.focus(); } });

    // The new-person form: checked while typing.
    let checkTimer = null;
    let checkNumber = 0;
    function check() {
        clearTimeout(checkTimer);
        checkTimer = setTimeout(async () => {
            const fields = {};
            ['FamilyName', 'MiddleName', 'GivenName', 'Sex', 'Birth', 'Cccd', 'UnitId'].forEach(n => { fields[n] = field(n).value; });
            const number = ++checkNumber;
            try {
                const result = await post(addForm.dataset.checkUrl, fields);
                if (number === checkNumber) showChecks(result); // an older answer arriving late is dropped
            } catch (e) {
                console.error(e);
            }
        }, 250);
    }

    function showChecks(result) {
        warningsBox.textContent = '';
        const lines = [];
        (result.identityWarnings || []).forEach(w => { const d = document.createElement('div'); d.textContent = w; lines.push(d); });
        const people = [];
        if (result.cccdOwner) people.push({ person: result.cccdOwner, why: 'Số CCCD này đã thuộc về' });
        (result.sameNameAndBirth || []).forEach(p => people.push({ person: p, why: p.sameUnit ? 'Đã có người trùng họ tên, ngày sinh và đơn vị:' : 'Đã có người trùng họ tên và ngày sinh:' }));
        people.forEach(({ person, why }) => {
            const d = document.createElement('div');
            d.className = 'existing-person';
            d.textContent = why + ' ' + person.fullName + ' (' + describe(person) + ')' + (enrolled.has(String(person.id)) ? ', đã có trong lớp. ' : '. ');
            if (!enrolled.has(String(person.id))) {
                const b = document.createElement('button');
                b.type = 'button';
                b.className = 'btn btn-sm btn-outline-primary ms-1 use-existing';
                b.textContent = 'Thêm người này vào lớp';
                b.addEventListener('click', () => enrol(person.id));
                d.appendChild(b);
            }
            lines.push(d);
        });
        lines.forEach(l => warningsBox.appendChild(l));
        warningsBox.hidden = lines.length === 0;
    }

    if (newForm) {
        newForm.addEventListener('input', check);
        newForm.addEventListener('change', check);
        newForm.addEventListener('keydown', e => {
            if (e.key === 'Escape') { newForm.classList.add('d-none'); box.focus(); }
            // A select does not submit on Enter by itself; after a card scan the unit is the field in focus.
            if (e.key === 'Enter' && e.target.tagName === 'SELECT') { e.preventDefault(); newForm.requestSubmit(); }
        });
        // One submit only: the one-time token makes a repeat harmless anyway, the button says it is on its way.
        newForm.addEventListener('submit', () => {
            const button = document.getElementById('add-new-submit');
            setTimeout(() => { button.disabled = true; button.textContent = 'Đang lưu…'; }, 0);
        });
        const cancel = document.getElementById('cancel-new');
        if (cancel) cancel.addEventListener('click', () => { newForm.classList.add('d-none'); box.focus(); });
        if (!newForm.classList.contains('d-none')) {
            const firstEmpty = Array.from(newForm.querySelectorAll('input')).find(i => i.type !== 'hidden' && !i.value);
            (firstEmpty || newForm.querySelector('input:not([type=hidden])')).focus();
            check();
        }
    }
})();
