// Behaviour the pages ask for with data- attributes; the content security policy allows no inline handlers.
//   data-confirm="question" on a form, or on the button that submits it: asks before submitting.
//   data-submit-on-change on a field: submits its form when the choice changes.
//   data-print on a button: prints the page.
document.addEventListener('submit', function (event) {
    var button = event.submitter;
    var question = (button && button.getAttribute('data-confirm')) || (event.target.getAttribute && event.target.getAttribute('data-confirm'));
    if (question && !window.confirm(question)) {
        event.preventDefault();
    }
});

document.addEventListener('change', function (event) {
    var field = event.target;
    if (field.hasAttribute && field.hasAttribute('data-submit-on-change') && field.form) {
        field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
});

document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('[data-print]');
    if (button) {
        window.print();
    }
});
