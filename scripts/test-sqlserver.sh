#!/usr/bin/env bash
# The integration tests on a real SQL Server:  DT_TEST_SQLSERVER='...' bash scripts/test-sqlserver.sh [extra 'dotnet test' arguments]
#
# Runs every test that scripts/test.sh runs on PostgreSQL (the '(provider: PostgreSQL)' cases, pages
# through WebApplicationFactory included) against SQL Server instead, plus the offline SQL Server
# checks. Each test creates its own database on that server (dt_test_<random>) and drops it.
# Left out: ProvinceDatasetTests (the benchmark's bulk writer speaks PostgreSQL COPY and SQLite only).
#
# Environment it reads:
#   DT_TEST_SQLSERVER   required: a connection string to the server, with a login that may create
#                       and drop databases, e.g.
#                       'Server=localhost,1433;User ID=sa;Password=...;TrustServerCertificate=true'
#   CONFIGURATION       Debug (default) or Release
#   DT_RESULTS_DIR      default <repo>/TestResults/sqlserver
# Environment it gives the tests:
#   DT_TEST_SERVER=SqlServer   (tests/DistrictTraining.Tests/Infrastructure/TestDatabase.cs)
#
# No SQL Server runs on the development machines; docker-compose.sqlserver.yml starts one where Docker does.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ -z "${DT_TEST_SQLSERVER:-}" ]; then
    cat >&2 <<'EOF'
DT_TEST_SQLSERVER is not set: this script runs the integration tests on a real SQL Server and needs its
connection string (a login allowed to create and drop databases), for example:

  DT_TEST_SQLSERVER='Server=localhost,1433;User ID=sa;Password=<password>;TrustServerCertificate=true' bash scripts/test-sqlserver.sh

Without a server, 'bash scripts/test.sh' runs the offline SQL Server checks (tests/DistrictTraining.Tests/SqlServer).
EOF
    exit 2
fi

CONFIGURATION="${CONFIGURATION:-Debug}"
RESULTS_DIR="${DT_RESULTS_DIR:-$ROOT/TestResults/sqlserver}"
export DT_TEST_SERVER=SqlServer
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '==> %s\n' "$*"; }

say "Building DistrictTraining.sln ($CONFIGURATION)"
dotnet build DistrictTraining.sln -c "$CONFIGURATION" -nologo -v quiet -clp:NoSummary

FILTER='(DisplayName~provider: PostgreSQL&FullyQualifiedName!~ProvinceDatasetTests)|FullyQualifiedName~DistrictTraining.Tests.SqlServer'
say "Testing on SQL Server (DT_TEST_SERVER=SqlServer): $FILTER"
mkdir -p "$RESULTS_DIR"
dotnet test tests/DistrictTraining.Tests -c "$CONFIGURATION" --no-build --nologo \
    --filter "$FILTER" \
    --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=DistrictTraining.Tests.sqlserver.trx" \
    --results-directory "$RESULTS_DIR" \
    --blame-hang-timeout 10m --blame-hang-dump-type none \
    "$@"
