#!/usr/bin/env python3
"""bench.py --user tinh --runs 10 --warmup 2 --portal base=http://127.0.0.1:5320 --portal new=http://... URL...
Signs in to every portal, then for each run and URL requests it on each portal in turn (order alternated
per run). Prints median, p90, min, max per (url, portal), and the ratio of medians to the first portal."""
import argparse, http.cookiejar, re, statistics, time, urllib.parse, urllib.request, os
ap = argparse.ArgumentParser()
ap.add_argument('--user', default='tinh'); ap.add_argument('--password', default='Bench#2026pass')
ap.add_argument('--runs', type=int, default=10); ap.add_argument('--warmup', type=int, default=2)
ap.add_argument('--portal', action='append', required=True); ap.add_argument('urls', nargs='+')
a = ap.parse_args()
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw): return None
portals = []
for p in a.portal:
    name, base = p.split('=', 1)
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = op.open(base + '/Account/Login').read().decode()
    tok = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({'__RequestVerificationToken': tok, 'UserName': a.user, 'Password': a.password}).encode()
    try:
        op.open(base + '/Account/Login', data)
        raise SystemExit(f'sign-in to {name} did not redirect')
    except urllib.error.HTTPError as e:
        if e.code != 302: raise
    portals.append((name, base, op))
times = {}
sizes = {}
for run in range(a.warmup + a.runs):
    for url in a.urls:
        order = portals if run % 2 == 0 else portals[::-1]
        for name, base, op in order:
            t = time.perf_counter()
            r = op.open(base + url); body = r.read()
            dt = (time.perf_counter() - t) * 1000
            if r.status != 200: raise SystemExit(f'{name} {url} -> {r.status}')
            if run >= a.warmup: times.setdefault((url, name), []).append(dt); sizes[(url, name)] = len(body)
def p90(xs): xs = sorted(xs); return xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))]
print(f"load average before/after: {os.getloadavg()}")
print(f"{'request':55} {'portal':6} {'median':>7} {'p90':>6} {'min':>6} {'max':>6} {'KB':>6} {'ratio':>6}")
for url in a.urls:
    first = statistics.median(times[(url, portals[0][0])])
    for name, _, _ in portals:
        xs = times[(url, name)]
        m = statistics.median(xs)
        print(f"{url:55} {name:6} {m:7.0f} {p90(xs):6.0f} {min(xs):6.0f} {max(xs):6.0f} {sizes[(url,name)]/1024:6.0f} {m/first:6.2f}")
