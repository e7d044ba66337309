// The attendance grid, keyboard first: arrows move between cells, C/P/K or 1/2/3 mark a cell and move
// down, Delete clears it, Tab reaches the cell's note. "Mark all present" fills only empty cells, here in
// the browser (nothing is written until "Lưu điểm danh"). Without this script the grid is a plain form.
(function () {
    'use strict';
    var table = document.getElementById('attendance');
    var form = document.getElementById('grid-form');
    if (!table || !form) {
        return;
    }

    var letters = { c: 'C', '1': 'C', p: 'P', '2': 'P', k: 'K', '3': 'K' };
    var status = document.getElementById('grid-status');
    var dirty = false;

    function paint(input) {
        var cell = input.parentElement;
        cell.classList.remove('att-C', 'att-P', 'att-K');
        if (input.value) {
            cell.classList.add('att-' + input.value);
        }
    }

    function changed() {
        dirty = true;
        if (status) {
            status.textContent = 'Có thay đổi chưa lưu.';
        }
    }

    function set(input, value) {
        if (input.value !== value) {
            input.value = value;
            paint(input);
            changed();
        }
    }

    // The next editable cell from (row, column) in a direction, skipping the columns the user may not mark.
    function neighbour(input, dRow, dCol) {
        var row = input.closest('tr').sectionRowIndex;
        var col = input.parentElement.cellIndex;
        var rows = table.tBodies[0].rows;
        for (;;) {
            row += dRow;
            col += dCol;
            if (row < 0 || row >= rows.length || col < 0 || col >= rows[row].cells.length) {
                return null;
            }

            var next = rows[row].cells[col].querySelector('input.att');
            if (next) {
                return next;
            }
        }
    }

    function go(input, dRow, dCol) {
        var next = neighbour(input, dRow, dCol);
        if (next) {
            next.focus();
        }
    }

    table.addEventListener('keydown', function (e) {
        var input = e.target;
        if (!input.classList.contains('att') || e.ctrlKey || e.altKey || e.metaKey) {
            return;
        }

        var key = e.key;
        var lower = key.length === 1 ? key.toLowerCase() : key;
        if (key === 'ArrowUp') {
            go(input, -1, 0);
        } else if (key === 'ArrowDown' || key === 'Enter') {
            go(input, 1, 0);
        } else if (key === 'ArrowLeft') {
            go(input, 0, -1);
        } else if (key === 'ArrowRight') {
            go(input, 0, 1);
        } else if (Object.prototype.hasOwnProperty.call(letters, lower)) {
            set(input, letters[lower]);
            go(input, 1, 0);
        } else if (key === 'Delete' || key === 'Backspace') {
            set(input, '');
        } else if (key.length !== 1) {
            return; // Tab, Home, F5…: the browser's own
        }

        e.preventDefault(); // any other character is not a mark
    });

    table.addEventListener('focusin', function (e) {
        if (e.target.classList.contains('att')) {
            e.target.select();
        }
    });

    // Pasted text or a note typed.
    table.addEventListener('input', function (e) {
        var input = e.target;
        if (input.classList.contains('att')) {
            var typed = input.value.trim().toLowerCase();
            input.value = Object.prototype.hasOwnProperty.call(letters, typed) ? letters[typed] : input.value.trim().toUpperCase();
            paint(input);
        } else if (input.classList.contains('att-note')) {
            input.parentElement.classList.toggle('has-note', input.value.trim() !== '');
        }

        changed();
    });

    // Fill only the empty cells, of every session that has taken place or of one. A grid of several pages
    // (a big class) is filled on the server instead, every page at once: the form then simply posts.
    var fill = document.getElementById('fill-form');
    if (fill && fill.getAttribute('data-pages') === '1') {
        fill.addEventListener('submit', function (e) {
            e.preventDefault();
            var only = e.submitter && e.submitter.name === 'sessionId' ? e.submitter.value : null;
            var heads = table.tHead.rows[0].cells;
            var filled = 0;
            table.querySelectorAll('input.att').forEach(function (input) {
                var head = heads[input.parentElement.cellIndex];
                if (input.value === '' && head.dataset.past === '1' && (only === null || head.dataset.session === only)) {
                    set(input, 'C');
                    filled++;
                }
            });
            if (status) {
                status.textContent = filled === 0
                    ? 'Không còn ô trống nào của các buổi đã diễn ra.'
                    : 'Đã điền "Có mặt" vào ' + filled + ' ô còn trống (ô đã điểm danh giữ nguyên). Bấm "Lưu điểm danh" để ghi.';
            }
        });
    }

    form.addEventListener('submit', function () {
        dirty = false;
    });

    window.addEventListener('beforeunload', function (e) {
        if (dirty) {
            e.preventDefault();
            e.returnValue = '';
        }
    });
})();
