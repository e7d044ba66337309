// Programme form: the button on a grade-band row empties that row (a band left empty is removed on save).
document.querySelectorAll('[data-clear-row]').forEach(function (button) {
    button.addEventListener('click', function () {
        button.closest('tr').querySelectorAll('input').forEach(function (input) { input.value = ''; });
    });
});
