cd /tmp/reports
for db in "SQLite 5320 5322" "PostgreSQL 5321 5323"; do set -- $db
 for u in tinh lanhdao; do
  echo "### $1, $u — $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
  python3 bench.py --user $u --runs 15 --warmup 2 --portal base=http://127.0.0.1:$2 --portal new=http://127.0.0.1:$3 "/Dashboard?year=2025" "/Reports/Grades?year=2025"
 done
done
echo "end $(date -u +%H:%M) UTC, $(uptime | sed 's/.*load/load/')"
