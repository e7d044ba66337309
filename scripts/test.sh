#!/usr/bin/env bash
# The project's one test command:  bash scripts/test.sh [extra 'dotnet test' arguments]
#
#  1. installs what is missing (Debian's postgresql and chromium; nothing on a warm machine);
#  2. starts a throwaway PostgreSQL cluster on 127.0.0.1 and a free port, stopped and deleted on exit;
#     it and the tests' temporary files (SQLite databases, uploads) live in memory (/dev/shm) when it has room;
#  3. builds the solution once (warnings are errors);
#  4. runs the test projects side by side with 'dotnet test --no-build', a TRX file each, in TestResults/;
#  5. lists failed and skipped tests and ends with the line 'N passed, N failed, N skipped'.
#
# Exits non-zero if the build failed, a test failed, a test run crashed, no test ran, or
# (with CI=true) a test was skipped.
#
# Environment it reads:
#   CI=true                 skipped tests fail the run
#   CONFIGURATION           Debug (default) or Release
#   DT_TEST_POSTGRES        if already set, that server is used and no cluster is started
#   CHROMIUM_PATH           default /usr/bin/chromium
#   DT_RESULTS_DIR          default <repo>/TestResults
#   DT_TEST_SEQUENTIAL=1    run the test projects one after another instead of side by side
#   DT_TEST_SCRATCH         folder for the cluster and the tests' temporary files (default /dev/shm if it
#                           has 2 GiB free, else /tmp)
# Environment it gives the tests:
#   DT_TEST_POSTGRES="Host=127.0.0.1;Port=N;Username=postgres"  (trust auth; tests create their own databases)
#   CHROMIUM_PATH, DT_TEST_ARTIFACTS (screenshots and HTML of failed browser tests; with DT_BROWSER_TRACE=1 also
#                           a Playwright trace of each step, off by default: recording costs a third of their CPU)
#   TMPDIR                  a fresh folder under the scratch folder, deleted on exit
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CONFIGURATION="${CONFIGURATION:-Debug}"
RESULTS_DIR="${DT_RESULTS_DIR:-$ROOT/TestResults}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
export DT_TEST_ARTIFACTS="$RESULTS_DIR/browser-artifacts"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Each in-memory portal would watch its appsettings files for changes: hundreds of hosts exhaust the
# machine's inotify instances (128 by default). Tests never edit those files.
export DOTNET_HOSTBUILDER__RELOADCONFIGONCHANGE=false
export DEBIAN_FRONTEND=noninteractive

START_TIME=$SECONDS
say() { printf '==> %s\n' "$*"; }
elapsed() { printf '%ds' $((SECONDS - $1)); }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo --preserve-env=DEBIAN_FRONTEND "$@"
    else
        echo "Root is needed to run: $*" >&2
        return 1
    fi
}

# Newest /usr/lib/postgresql/<version>/bin that has initdb, or nothing.
pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then echo "$dir"; fi
    done | sort -V | tail -n 1
}

# ---------------------------------------------------------------- 1. prerequisites
missing=()
if [ -z "${DT_TEST_POSTGRES:-}" ] && [ -z "$(pg_bindir)" ]; then
    missing+=(postgresql)
fi
if [ ! -x "$CHROMIUM_PATH" ]; then
    missing+=(chromium)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    say "Installing ${missing[*]} (apt-get)"
    t=$SECONDS
    # Waits for another apt/dpkg to release its lock instead of failing.
    as_root apt-get -o DPkg::Lock::Timeout=1200 -qq update
    as_root apt-get -o DPkg::Lock::Timeout=1200 -qq -y install "${missing[@]}" >/dev/null
    say "Installed ${missing[*]} in $(elapsed "$t")"
fi
if [ ! -x "$CHROMIUM_PATH" ]; then
    echo "Chromium is still missing at $CHROMIUM_PATH" >&2
    exit 1
fi

# ---------------------------------------------------------------- 2. scratch folder, throwaway PostgreSQL
# Every test creates a database and deletes it: ~500 databases of ~530 files each on PostgreSQL, and as many
# SQLite files. On the disk's file system (ext4) creating and deleting that many files cost the cluster ~100 s
# of CPU in the kernel's inode allocator, more than all the tests' queries; in memory (tmpfs) ~20 s.
# Measured in docs/performance.md ("Issue 14 — the test run").
scratch_root() {
    if [ -n "${DT_TEST_SCRATCH:-}" ]; then
        echo "$DT_TEST_SCRATCH"
    elif [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -ge 2097152 ] 2>/dev/null; then
        echo /dev/shm
    else
        echo /tmp
    fi
}
SCRATCH="$(scratch_root)"
TEST_TMP="$(mktemp -d "$SCRATCH/dt-tests.XXXXXX")"
PG_TMP=""
PG_BIN=""

# initdb and postgres refuse to run as root: as root, run them as the 'postgres' user.
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd "$PG_TMP" && runuser -u postgres -- "$@")
    else
        (cd "$PG_TMP" && "$@")
    fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    if [ -n "$PG_TMP" ] && [ -d "$PG_TMP" ]; then
        if [ -f "$PG_TMP/data/postmaster.pid" ]; then
            as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
        fi
        rm -rf "$PG_TMP"
    fi
    rm -rf "$TEST_TMP"
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
    PG_BIN="$(pg_bindir)"
    PG_TMP="$(mktemp -d "$SCRATCH/dt-pg.XXXXXX")"
    chmod 755 "$PG_TMP"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$PG_TMP"
    fi

    if ! as_pg "$PG_BIN/initdb" -D "$PG_TMP/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$PG_TMP/initdb.log" 2>&1; then
        cat "$PG_TMP/initdb.log" >&2
        echo "initdb failed" >&2
        return 1
    fi

    local attempt port
    for attempt in 1 2 3; do
        port="$(free_port)"
        # Throwaway data: durability off for speed.
        as_pg tee "$PG_TMP/data/postgresql.auto.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$PG_TMP'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 256MB
log_min_messages = warning
EOF
        if as_pg "$PG_BIN/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/postgres.log" -w -t 60 start >/dev/null 2>&1; then
            PG_PORT="$port"
            return 0
        fi
        echo "PostgreSQL did not start on port $port (attempt $attempt):" >&2
        tail -n 20 "$PG_TMP/postgres.log" >&2 || true
    done
    return 1
}

if [ -n "${DT_TEST_POSTGRES:-}" ]; then
    say "PostgreSQL: using DT_TEST_POSTGRES from the environment"
else
    t=$SECONDS
    start_postgres
    export DT_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres"
    version="$("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -XAtqc 'show server_version')"
    say "PostgreSQL $version on 127.0.0.1:$PG_PORT ($PG_TMP, started in $(elapsed "$t")): DT_TEST_POSTGRES=$DT_TEST_POSTGRES"
fi
say "Scratch folder: $SCRATCH (the tests' TMPDIR: $TEST_TMP)"
say "Chromium: $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null | head -n 1 || echo 'version unknown'))"

# ---------------------------------------------------------------- 3. build once
case "$RESULTS_DIR" in
    "" | / | "$ROOT" | "$HOME") echo "Refusing to use '$RESULTS_DIR' as the results folder (it is emptied first)" >&2; exit 1 ;;
esac
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"

say "Building DistrictTraining.sln ($CONFIGURATION)"
t=$SECONDS
if ! dotnet build DistrictTraining.sln -c "$CONFIGURATION" -nologo -v quiet -clp:NoSummary 2>&1; then
    echo "Build failed: no test was run."
    echo "0 passed, 0 failed"
    exit 1
fi
say "Built in $(elapsed "$t")"

# ---------------------------------------------------------------- 4. run every test project
projects=()
for proj in tests/*/*.csproj; do
    projects+=("$proj")
done

# One project's run: its output, each line tagged with the project, and its exit code in RESULTS_DIR/<name>.rc.
run_project() {
    local proj="$1" name t rc
    shift
    name="$(basename "$proj" .csproj)"
    t=$SECONDS
    say "Testing $name"
    # stderr joins stdout so the log keeps its order; the blame collector's chatter is dropped.
    set +e
    # DOTNET_TieredPGO=0: test code mostly runs a few times; instrumenting it to re-compile it better cost ~15% of
    # the test processes' CPU (measured: docs/performance.md, "Issue 14 — the test run").
    TMPDIR="$TEST_TMP" DOTNET_TieredPGO=0 dotnet test "$proj" -c "$CONFIGURATION" --no-build --nologo \
        --logger "console;verbosity=minimal" \
        --logger "trx;LogFileName=$name.trx" \
        --results-directory "$RESULTS_DIR/$name" \
        --blame-hang-timeout 10m --blame-hang-dump-type none \
        "$@" 2>&1 | grep --line-buffered -v "^Data collector 'Blame' message" | sed -u "s/^/[$name] /"
    rc=${PIPESTATUS[0]}
    set -e
    echo "$rc" >"$RESULTS_DIR/$name.rc"
    say "$name finished in $(elapsed "$t") (exit code $rc)"
}

# The projects run side by side (DT_TEST_SEQUENTIAL=1: one after another): the browser tests mostly wait on
# Chromium and the portal, the unit tests on the databases, so together they take little more than the longer one.
pids=()
for proj in "${projects[@]}"; do
    if [ "${DT_TEST_SEQUENTIAL:-}" = "1" ]; then
        run_project "$proj" "$@"
    else
        run_project "$proj" "$@" &
        pids+=("$!")
    fi
done
for pid in "${pids[@]}"; do
    wait "$pid" || true
done

runs=()
for proj in "${projects[@]}"; do
    name="$(basename "$proj" .csproj)"
    runs+=("$name=$(cat "$RESULTS_DIR/$name.rc" 2>/dev/null || echo missing)")
    if [ -f "$RESULTS_DIR/$name/$name.trx" ]; then
        mv "$RESULTS_DIR/$name/$name.trx" "$RESULTS_DIR/$name.trx"
    fi
done

if [ -d "$DT_TEST_ARTIFACTS" ]; then
    say "Browser artifacts (screenshots the tests take; for a failure also its HTML, and its trace with DT_BROWSER_TRACE=1): $DT_TEST_ARTIFACTS"
fi
say "Total time $(elapsed "$START_TIME")"
say "SQL Server: offline checks only here (tests/DistrictTraining.Tests/SqlServer); on a real server: DT_TEST_SQLSERVER='<connection string>' bash scripts/test-sqlserver.sh"

# ---------------------------------------------------------------- 5. count from the TRX files
python3 - "$RESULTS_DIR" "${CI:-}" "${runs[@]}" <<'PY'
import os
import sys
import xml.etree.ElementTree as ET

results_dir, ci, runs = sys.argv[1], sys.argv[2].lower() == "true", sys.argv[3:]
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed, failed, skipped = [], [], []

for run in runs:
    project, rc = run.rsplit("=", 1)
    trx = os.path.join(results_dir, project + ".trx")
    results = []
    if os.path.exists(trx):
        results = ET.parse(trx).getroot().findall(".//t:Results/t:UnitTestResult", ns)
    project_failed = 0
    for r in results:
        name, outcome = r.get("testName", "?"), r.get("outcome", "")
        if outcome == "Passed":
            passed.append(name)
        elif outcome == "NotExecuted":
            reason = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            reason = (reason.text or "").strip() if reason is not None else ""
            skipped.append(name + (f"  ({reason})" if reason else ""))
        else:
            failed.append(f"{name}  [{outcome}]")
            project_failed += 1
    # A crashed or hung test host, or a run that never wrote its TRX, fails the run too.
    if rc != "0" and project_failed == 0:
        failed.append(f"{project}: 'dotnet test' exited with code {rc} without a failed test result "
                      "(test host crash, hang or run error; see the log above)")

if failed:
    print("Failed tests:")
    for name in failed:
        print("  - " + name)
if skipped:
    print("Skipped tests:")
    for name in skipped:
        print("  - " + name)

code = 0
if failed:
    code = 1
if not passed and not failed and not skipped:
    print("No test ran.")
    code = 1
if skipped and ci:
    print("CI=true: skipped tests are not allowed.")
    code = 1
print(f"{len(passed)} passed, {len(failed)} failed, {len(skipped)} skipped")
sys.exit(code)
PY
