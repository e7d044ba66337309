#!/usr/bin/env python3
# compare.py USER A_BASE B_BASE URL...: fetch each URL signed in on both portals, diff bodies (tokens and nonces masked)
import sys, re, http.cookiejar, urllib.request, urllib.parse, difflib
user, a, b, *urls = sys.argv[1:]
class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw): return None
def opener(base):
    jar = http.cookiejar.CookieJar()
    op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = op.open(base + '/Account/Login').read().decode()
    tok = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', page).group(1)
    try: op.open(base + '/Account/Login', urllib.parse.urlencode({'__RequestVerificationToken': tok, 'UserName': user, 'Password': 'Bench#2026pass'}).encode())
    except urllib.error.HTTPError as e: assert e.code == 302
    return op
oa, ob = opener(a), opener(b)
def norm(s): 
    s = re.sub(r'value="CfDJ[^"]*"', 'value="TOKEN"', s); s = re.sub(r'nonce="[^"]*"', 'nonce="N"', s)
    s = re.sub(r'(\?v=)[A-Za-z0-9_-]+', r'\1V', s)
    return s
bad = 0
for u in urls:
    x = norm(oa.open(a + u).read().decode()); y = norm(ob.open(b + u).read().decode())
    if x == y: print('same', len(x), u)
    else:
        bad += 1; print('DIFF', u); print(''.join(list(difflib.unified_diff(x.splitlines(1), y.splitlines(1), n=1))[:40]))
sys.exit(1 if bad else 0)
