// The roster table is one form per page; a line's fields are named after its enrolment ("role.12",
// "reason.12") and the button pressed names the line. Here: a role takes effect when chosen, and Enter in a
// reason field withdraws that line (without this script: the line's "Lưu" and "Rút" buttons).
(function () {
    'use strict';
    var form = document.getElementById('roster-form');
    if (!form) {
        return;
    }

    function submitLine(field, action) {
        var button = document.createElement('button');
        button.type = 'submit';
        button.name = 'enrolmentId';
        button.value = field.name.slice(field.name.indexOf('.') + 1);
        button.hidden = true;
        if (action) {
            button.formAction = action;
        }

        form.appendChild(button);
        if (form.requestSubmit) {
            form.requestSubmit(button);
        } else {
            button.click();
        }
    }

    form.addEventListener('change', function (e) {
        if (e.target.name && e.target.name.indexOf('role.') === 0) {
            submitLine(e.target, form.getAttribute('data-role-action'));
        }
    });

    form.addEventListener('keydown', function (e) {
        if (e.key === 'Enter' && e.target.name && e.target.name.indexOf('reason.') === 0) {
            e.preventDefault();
            submitLine(e.target, null);
        }
    });
})();
