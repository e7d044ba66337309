// Keyboard-first roster entry: type a name (diacritics optional), ↑/↓ to choose, Enter to add;
// Enter with nothing chosen opens the new-person form prefilled from what was typed; Esc closes it.
(function () {
    const box = document.getElementById('roster-search');
    const list = document.getElementById('roster-results');
    const addForm = document.getElementById('add-existing');
    const hiddenId = document.getElementById('traineeId');
    const newForm = document.getElementById('add-new');
    if (!box || !list || !addForm) return;

    // The table shows one page of the roster; its data-enrolled attribute lists every enrolled trainee.
    const rosterTable = document.getElementById('roster');
    const enrolled = new Set(rosterTable && rosterTable.dataset.enrolled ? rosterTable.dataset.enrolled.split(',') : []);
    let items = [];
    let active = -1;
    let timer = null;
    let lastQuery = '';
    let pending = null;

    function render() {
        list.innerHTML = '';
        items.forEach((item, i) => {
            const li = document.createElement('li');
            li.className = 'list-group-item list-group-item-action py-1' + (i === active ? ' active' : '') + (item.enrolled ? ' disabled' : '');
            li.setAttribute('role', 'option');
            li.setAttribute('aria-selected', i === active ? 'true' : 'false');
            const details = [item.birth, item.cccd, item.unitName].filter(Boolean).join(' · ');
            li.textContent = item.fullName + (details ? ' — ' + details : '') + (item.enrolled ? ' (đã có trong lớp)' : '');
            li.addEventListener('mousedown', e => { e.preventDefault(); choose(i); });
            list.appendChild(li);
        });
        if (box.value.trim().length >= 2) {
            const li = document.createElement('li');
            li.className = 'list-group-item list-group-item-action py-1 fst-italic' + (active === items.length ? ' active' : '');
            li.setAttribute('role', 'option');
            li.textContent = '+ Tạo học viên mới "' + box.value.trim() + '"';
            li.addEventListener('mousedown', e => { e.preventDefault(); openNew(); });
            list.appendChild(li);
        }
    }

    async function search(q) {
        lastQuery = q;
        if (q.length < 2) { items = []; active = -1; render(); return; }
        const controller = new AbortController();
        if (pending) pending.abort();
        pending = controller;
        try {
            const response = await fetch('/Trainees/Lookup?take=10&q=' + encodeURIComponent(q), { signal: controller.signal, headers: { 'Accept': 'application/json' } });
            if (!response.ok || q !== lastQuery) return;
            const data = await response.json();
            items = data.map(d => ({ ...d, enrolled: enrolled.has(String(d.id)) }));
            active = items.findIndex(i => !i.enrolled);
            if (active < 0) active = items.length;
            render();
        } catch (e) {
            if (e.name !== 'AbortError') console.error(e);
        }
    }

    function choose(i) {
        if (i === items.length) { openNew(); return; }
        const item = items[i];
        if (!item || item.enrolled) return;
        hiddenId.value = item.id;
        addForm.submit();
    }

    function splitName(full) {
        const parts = full.trim().split(/\s+/);
        if (parts.length === 1) return ['', '', parts[0]];
        if (parts.length === 2) return [parts[0], '', parts[1]];
        return [parts[0], parts.slice(1, -1).join(' '), parts[parts.length - 1]];
    }

    function openNew() {
        if (!newForm) return;
        const [family, middle, given] = splitName(box.value);
        newForm.querySelector('[name="NewTrainee.FamilyName"]').value = family;
        newForm.querySelector('[name="NewTrainee.MiddleName"]').value = middle;
        newForm.querySelector('[name="NewTrainee.GivenName"]').value = given;
        newForm.classList.remove('d-none');
        items = []; render();
        newForm.querySelector('[name="NewTrainee.Sex"]').focus();
    }

    box.addEventListener('input', () => {
        clearTimeout(timer);
        const q = box.value.trim();
        timer = setTimeout(() => search(q), 150);
    });

    box.addEventListener('keydown', async e => {
        const count = items.length + (box.value.trim().length >= 2 ? 1 : 0);
        if (e.key === 'ArrowDown') { e.preventDefault(); if (count) { active = (active + 1) % count; render(); } }
        else if (e.key === 'ArrowUp') { e.preventDefault(); if (count) { active = (active - 1 + count) % count; render(); } }
        else if (e.key === 'Enter') {
            e.preventDefault();
            const q = box.value.trim();
            if (q !== lastQuery) { clearTimeout(timer); await search(q); }
            if (active >= 0 && active <= items.length) choose(active); else if (q.length >= 2) openNew();
        }
        else if (e.key === 'Escape') { items = []; active = -1; render(); }
    });

    box.addEventListener('blur', () => setTimeout(() => { list.innerHTML = ''; }, 150));

    if (newForm) {
        newForm.addEventListener('keydown', e => {
            if (e.key === 'Escape') { newForm.classList.add('d-none'); box.focus(); }
        });
        const cancel = document.getElementById('cancel-new');
        if (cancel) cancel.addEventListener('click', () => { newForm.classList.add('d-none'); box.focus(); });
        if (!newForm.classList.contains('d-none')) {
            const firstEmpty = Array.from(newForm.querySelectorAll('input')).find(i => i.type !== 'hidden' && !i.value);
            (firstEmpty || newForm.querySelector('input:not([type=hidden])')).focus();
        }
    }
})();
