// Keeps the offline verifier page (/Verify/Offline) and its files, so that it opens without network (ADR-013).
// Network first, the cached copy when the network fails. Keys and status lists live in the page's localStorage.
'use strict';
var CACHE = 'dt-offline-verifier-v1';

self.addEventListener('install', function (event) {
    event.waitUntil(caches.open(CACHE).then(function (cache) {
        return fetch('/Verify/Offline').then(function (response) {
            var copy = response.clone();
            return response.text().then(function (html) {
                var files = [];
                html.replace(/(?:src|href)="(\/[^"]+\.(?:js|css)(?:\?[^"]*)?)"/g, function (_, url) { files.push(url.replace(/&amp;/g, '&')); return _; });
                return cache.put('/Verify/Offline', copy).then(function () { return cache.addAll(files); });
            });
        });
    }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
    event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', function (event) {
    if (event.request.method !== 'GET' || new URL(event.request.url).origin !== self.location.origin) { return; }
    event.respondWith(fetch(event.request).then(function (response) {
        if (response.ok) {
            var copy = response.clone();
            caches.open(CACHE).then(function (cache) { cache.put(event.request, copy); });
        }
        return response;
    }).catch(function () {
        return caches.match(event.request, { ignoreSearch: true });
    }));
});
