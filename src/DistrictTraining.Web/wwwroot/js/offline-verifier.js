// The offline certificate verifier (ADR-013): keeps the public keys (JWKS) and the signed status lists in
// localStorage, and checks a QR payload's ES256 signature in the browser with WebCrypto. Once loaded, it
// needs no network; a service worker keeps the page itself for opening without network.
(function () {
    'use strict';
    var root = document.getElementById('offline-verifier');
    if (!root) { return; }
    var STORE = 'dt.offline-verifier.v1';
    var FORGED = 'Chữ ký không hợp lệ — dữ liệu trong mã QR đã bị sửa hoặc giả mạo';
    var cacheLabel = document.getElementById('offline-cache');
    var result = document.getElementById('offline-result');
    var details = document.getElementById('offline-details');

    function fromB64Url(text) {
        if (!/^[A-Za-z0-9_-]*$/.test(text)) { throw new Error('base64url'); }
        var b64 = text.replace(/-/g, '+').replace(/_/g, '/');
        while (b64.length % 4) { b64 += '='; }
        var raw = atob(b64);
        var bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
        return bytes;
    }

    function utf8(bytes) { return new TextDecoder('utf-8', { fatal: true }).decode(bytes); }

    function parse(token) {
        var parts = token.split('.');
        if (parts.length !== 3) { return null; }
        try {
            var header = JSON.parse(utf8(fromB64Url(parts[0])));
            if (header.alg !== 'ES256' || typeof header.kid !== 'string') { return null; }
            return {
                kid: header.kid,
                payload: JSON.parse(utf8(fromB64Url(parts[1]))),
                signature: fromB64Url(parts[2]),
                signed: new TextEncoder().encode(parts[0] + '.' + parts[1])
            };
        } catch (e) { return null; }
    }

    // The payload from what was pasted: a whole address ("…/Verify/CODE?p=…") or the payload alone.
    function extract(text) {
        text = (text || '').trim();
        var m = /[?&#]p=([A-Za-z0-9_.-]+)/.exec(text);
        return m ? m[1] : text.replace(/\s+/g, '');
    }

    function load() {
        try { return JSON.parse(localStorage.getItem(STORE) || 'null'); } catch (e) { return null; }
    }

    async function verifyWith(jwk, parsed) {
        if (!jwk || parsed.signature.length !== 64) { return false; }
        var key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ext: true },
            { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
        return crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, parsed.signature, parsed.signed);
    }

    function findKey(store, kid) {
        return store && store.keys ? store.keys.filter(function (k) { return k.kid === kid; })[0] : undefined;
    }

    function time(seconds) {
        return new Date(seconds * 1000).toLocaleString('vi-VN');
    }

    function showCache(store) {
        if (!store) {
            cacheLabel.textContent = 'Chưa lưu khóa nào: hãy mở trang khi có mạng rồi bấm “Cập nhật”.';
            return;
        }
        var lists = store.lists || [];
        var stale = lists.some(function (l) { return l.nxt * 1000 < Date.now(); });
        cacheLabel.textContent = 'Đã lưu ' + store.keys.length + ' khóa và ' + lists.length + ' danh sách tình trạng, cập nhật lúc '
            + new Date(store.savedAt).toLocaleString('vi-VN') + (stale ? ' — danh sách đã quá hạn cập nhật, nên cập nhật khi có mạng.' : '.');
        cacheLabel.dataset.keys = String(store.keys.length);
    }

    // Fetches the keys and the status lists; keeps only lists whose signature checks with a key of their centre.
    async function refresh() {
        cacheLabel.textContent = 'Đang tải khóa…';
        try {
            var jwks = await (await fetch(root.dataset.jwks, { cache: 'no-cache' })).json();
            var text = await (await fetch(root.dataset.status, { cache: 'no-cache' })).text();
            var store = { keys: jwks.keys || [], lists: [], savedAt: Date.now() };
            var lines = text.split('\n').filter(function (l) { return l.trim().length > 0; });
            for (var i = 0; i < lines.length; i++) {
                var parsed = parse(lines[i].trim());
                var key = parsed && findKey(store, parsed.kid);
                if (key && key.centre === parsed.payload.c && await verifyWith(key, parsed)) {
                    store.lists.push(parsed.payload);
                }
            }
            localStorage.setItem(STORE, JSON.stringify(store));
            showCache(store);
        } catch (e) {
            var old = load();
            showCache(old);
            cacheLabel.textContent = 'Không tải được khóa mới (không có mạng?). ' + cacheLabel.textContent;
        }
    }

    function say(outcome, css, text) {
        result.className = 'alert ' + css;
        result.dataset.outcome = outcome;
        result.textContent = text;
    }

    function showClaims(claims) {
        var decision = (claims.d || '—') + (claims.dd ? ' ngày ' + claims.dd.split('-').reverse().join('/') : '');
        details.querySelectorAll('[data-claim]').forEach(function (dd) {
            var name = dd.dataset.claim;
            var value = name === 'decision' ? decision : name === 'i' ? String(claims.i).split('-').reverse().join('/') : claims[name];
            dd.textContent = value === undefined || value === null ? '—' : String(value);
        });
        details.classList.remove('d-none');
    }

    async function check(event) {
        event.preventDefault();
        details.classList.add('d-none');
        var store = load();
        var parsed = parse(extract(document.getElementById('offline-payload').value));
        if (!parsed) {
            say('malformed', 'alert-warning', 'Không đọc được dữ liệu ký trong mã QR (mã bị cắt hoặc chép thiếu).');
            return;
        }
        if (!store) {
            say('nokeys', 'alert-warning', 'Chưa có khóa công khai trong trình duyệt: hãy mở trang khi có mạng rồi bấm “Cập nhật”.');
            return;
        }
        var key = findKey(store, parsed.kid);
        if (!key) {
            say('unknown', 'alert-danger', 'Chữ ký không hợp lệ — mã QR được ký bằng khóa chưa có trong danh sách đã lưu (khóa lạ hoặc chưa cập nhật).');
            return;
        }
        var ok = false;
        try { ok = await verifyWith(key, parsed); } catch (e) { ok = false; }
        var claims = parsed.payload;
        if (!ok || key.centre !== claims.c || typeof claims.n !== 'string') {
            say('forged', 'alert-danger', FORGED);
            return;
        }
        showClaims(claims);
        var list = (store.lists || []).filter(function (l) { return l.c === claims.c; })[0];
        var state = list && list.s ? list.s[claims.n] : undefined;
        var asOf = list ? ' (theo danh sách tình trạng lúc ' + time(list.iat) + ')' : '';
        switch (state) {
            case 'v': say('valid', 'alert-success', 'Chữ ký hợp lệ. Giấy chứng nhận có hiệu lực' + asOf + '.'); break;
            case 'r': say('revoked', 'alert-danger', 'Chữ ký hợp lệ, nhưng giấy chứng nhận này đã bị thu hồi' + asOf + '.'); break;
            case 's': say('superseded', 'alert-secondary', 'Chữ ký hợp lệ, nhưng giấy chứng nhận này đã được cấp lại; bản này không còn giá trị' + asOf + '.'); break;
            case 'x': say('expired', 'alert-warning', 'Chữ ký hợp lệ, nhưng giấy chứng nhận đã hết hạn sử dụng' + asOf + '.'); break;
            case 'u': say('review', 'alert-warning', 'Chữ ký hợp lệ, nhưng trung tâm đang xem xét lại giấy chứng nhận này' + asOf + '; chưa thể dùng làm căn cứ.'); break;
            default: say('genuine', 'alert-info', 'Chữ ký hợp lệ. Danh sách tình trạng đã lưu chưa có giấy chứng nhận này; hãy cập nhật khi có mạng để biết tình trạng.');
        }
    }

    document.getElementById('offline-form').addEventListener('submit', check);
    document.getElementById('offline-refresh').addEventListener('click', refresh);
    showCache(load());
    if (navigator.onLine !== false) { refresh(); }
    if ('serviceWorker' in navigator && root.dataset.worker) {
        navigator.serviceWorker.register(root.dataset.worker, { scope: '/Verify/Offline' }).catch(function () { /* offline use then needs this tab kept open */ });
    }
}());
