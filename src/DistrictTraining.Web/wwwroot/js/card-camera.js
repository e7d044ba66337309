// Scans a CCCD card's QR code with the phone's or computer's camera (jsQR, wwwroot/lib/jsqr) and hands the text
// to the roster's entry box as a USB scanner would: roster.js reads it on the 'card-scanned' event. No inline
// script or style: the video element is styled by site.css, frames are read on an off-screen canvas.
(function () {
    'use strict';
    const start = document.getElementById('camera-start');
    const stop = document.getElementById('camera-stop');
    const panel = document.getElementById('camera-box');
    const video = document.getElementById('camera-video');
    const status = document.getElementById('camera-status');
    const box = document.getElementById('roster-search');
    if (!start || !video || !box) return;

    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia || typeof window.jsQR !== 'function') {
        start.hidden = true; // no camera API (plain HTTP other than localhost, or an old browser): the USB scanner still works
        return;
    }

    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    let stream = null;
    let frame = 0;

    function halt() {
        cancelAnimationFrame(frame);
        if (stream) stream.getTracks().forEach(t => t.stop());
        stream = null;
        video.srcObject = null;
        panel.hidden = true;
        start.hidden = false;
    }

    function tick() {
        if (!stream) return;
        if (video.readyState === video.HAVE_ENOUGH_DATA && video.videoWidth > 0) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            context.drawImage(video, 0, 0, canvas.width, canvas.height);
            const image = context.getImageData(0, 0, canvas.width, canvas.height);
            const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
            if (code && code.data && code.data.includes('|')) {
                halt();
                box.value = code.data;
                box.dispatchEvent(new CustomEvent('card-scanned'));
                return;
            }
        }
        frame = requestAnimationFrame(tick);
    }

    start.addEventListener('click', async () => {
        try {
            stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        } catch (e) {
            status.textContent = 'Không mở được camera: ' + (e.name === 'NotAllowedError' ? 'trình duyệt chưa được cho phép dùng camera.' : e.message);
            panel.hidden = false;
            return;
        }
        video.srcObject = stream;
        panel.hidden = false;
        start.hidden = true;
        status.textContent = 'Đưa mặt sau thẻ CCCD (có mã QR) vào khung hình.';
        await video.play();
        frame = requestAnimationFrame(tick);
    });

    stop.addEventListener('click', () => { halt(); box.focus(); });
    window.addEventListener('pagehide', halt);
})();
