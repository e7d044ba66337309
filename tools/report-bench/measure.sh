#!/bin/bash
# measure.sh OUT: base (main, :5320 SQLite / :5321 PostgreSQL) against this branch (:5322 / :5323), interleaved
cd /tmp/reports
T='/Dashboard?year=2025 /Dashboard?year=2025&half=1 /Reports/Grades?year=2025 /Reports/Grades?from=2016-01-01&to=2025-12-31 /Reports/Summary?year=2025 /Reports/Summary?from=2016-01-01&to=2025-12-31 /Reports/ByUnit?year=2025 /Reports/ByUnit?from=2016-01-01&to=2025-12-31 /Reports/Cadre?year=2025 /Reports/Lecturers?year=2025 /Reports/SummaryExcel?year=2025 /Reports/GradesExcel?year=2025'
L='/Dashboard?year=2025 /Reports/Grades?year=2025 /Reports/Summary?year=2025 /Reports/ByUnit?year=2025'
for db in "SQLite 5320 5322" "PostgreSQL 5321 5323"; do set -- $db
  echo "### $1, tinh — $(date -u +%H:%M) UTC, uptime: $(uptime | sed 's/.*load/load/')"
  python3 bench.py --user tinh --runs ${RUNS:-10} --warmup 2 --portal base=http://127.0.0.1:$2 --portal new=http://127.0.0.1:$3 $T
  echo "### $1, lanhdao — $(date -u +%H:%M) UTC, uptime: $(uptime | sed 's/.*load/load/')"
  python3 bench.py --user lanhdao --runs ${RUNS:-10} --warmup 2 --portal base=http://127.0.0.1:$2 --portal new=http://127.0.0.1:$3 $L
done
echo "end $(date -u +%H:%M) UTC, uptime: $(uptime | sed 's/.*load/load/')"
