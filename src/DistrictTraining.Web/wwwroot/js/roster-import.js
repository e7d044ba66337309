// The import preview: while a confirmation is being written (a list of thousands of rows takes a few seconds),
// the buttons are disabled, so it is not sent twice, and the page says how many rows are being saved and asks
// the clerk not to close it. The count is what the confirmation will write: the new and known people, plus the
// possible matches decided as someone (not skipped) and the bad-date rows ticked to be taken.
(function () {
    'use strict';
    var form = document.getElementById('confirm-form');
    var progress = document.getElementById('confirm-progress');
    if (!form || !progress) {
        return;
    }

    function rowsToSave() {
        var rows = parseInt(form.getAttribute('data-rows'), 10) || 0;
        form.querySelectorAll('input[type=radio][name^="decisions["]:checked').forEach(function (radio) {
            if (radio.value !== 'skip') {
                rows++;
            }
        });
        return rows + form.querySelectorAll('input[name=takeWithoutDates]:checked').length;
    }

    form.addEventListener('submit', function (e) {
        if (!e.submitter || e.submitter.id !== 'confirm' || e.defaultPrevented) {
            return;
        }

        var rows = rowsToSave();
        document.getElementById('confirm-progress-text').textContent = 'Đang lưu ' + rows.toLocaleString('vi-VN')
            + ' dòng vào danh sách lớp… Vui lòng không đóng hoặc tải lại trang cho đến khi xong.';
        progress.classList.remove('d-none');
        // After the browser has taken the form's data: a disabled button is left out of it.
        window.setTimeout(function () {
            document.querySelectorAll('#confirm, #reload, #cancel').forEach(function (button) {
                button.disabled = true;
            });
        }, 0);
    });

    // Back to this page from the browser's cache: the buttons work again.
    window.addEventListener('pageshow', function (e) {
        if (e.persisted) {
            progress.classList.add('d-none');
            document.querySelectorAll('#confirm, #reload, #cancel').forEach(function (button) {
                button.disabled = false;
            });
        }
    });
})();
