// The class form: proposes the next class number when the programme or the year changes, and shows
// the number as it will be written ("lớp thứ 3/2025"). Without script the proposed number of the
// page as loaded stays, and the user can still correct it by hand.
(function () {
    const form = document.getElementById('class-form');
    if (!form) {
        return;
    }

    const programme = form.querySelector('#ProgrammeId');
    const year = form.querySelector('#Year');
    const number = form.querySelector('#Number');
    const label = form.querySelector('#number-label');
    const original = form.dataset;

    function showLabel() {
        label.textContent = number.value && year.value ? 'lớp thứ ' + number.value + '/' + year.value : '';
    }

    async function propose() {
        if (!programme.value || !/^\d{4}$/.test(year.value)) {
            return;
        }

        // Back to the class's own programme and year: its own number again.
        if (original.originalProgramme && programme.value === original.originalProgramme && year.value === original.originalYear) {
            number.value = original.originalNumber;
            showLabel();
            return;
        }

        const url = original.proposeUrl + '?programmeId=' + encodeURIComponent(programme.value) + '&year=' + encodeURIComponent(year.value);
        const response = await fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
        if (response.ok) {
            const proposal = await response.json();
            number.value = proposal.number;
            showLabel();
        }
    }

    programme.addEventListener('change', propose);
    year.addEventListener('change', propose);
    number.addEventListener('input', showLabel);
    year.addEventListener('input', showLabel);
})();
