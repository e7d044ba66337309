#!/usr/bin/env bash
# Migrations, one generated set per database (docs/decisions/ADR-004):
#
#   bash scripts/migrations.sh add NAME          adds migration NAME for every provider
#   bash scripts/migrations.sh check             exits non-zero if a provider's model has changes
#                                                that no migration holds, naming the provider
#   bash scripts/migrations.sh script PROVIDER   prints the idempotent SQL of all migrations
#                                                (PROVIDER: Sqlite, PostgreSQL or SqlServer; for
#                                                SQLite, which EF scripts only from empty, the plain one)
#   bash scripts/migrations.sh remove            removes the last migration of every provider
#
# Uses the dotnet-ef tool pinned in dotnet-tools.json (restored on first use). No database is
# opened: each provider's context is made by its design-time factory in ProviderContexts.cs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PROVIDERS=(Sqlite PostgreSQL SqlServer)
CORE=src/DistrictTraining.Core
STARTUP=src/DistrictTraining.Web

context_of() {
    case "$1" in
        Sqlite) echo SqliteAppDbContext ;;
        PostgreSQL) echo PostgreSqlAppDbContext ;;
        SqlServer) echo SqlServerAppDbContext ;;
        *) echo "Unknown provider '$1': use one of ${PROVIDERS[*]}" >&2; return 2 ;;
    esac
}

ef() {
    dotnet tool run dotnet-ef -- "$@" --project "$CORE" --startup-project "$STARTUP" --no-build
}

build() {
    dotnet tool restore >/dev/null
    dotnet build "$STARTUP" -nologo -v quiet -clp:NoSummary >&2
}

# Newest migration id of a provider (its folder's file names start with the id).
newest_id() {
    local f id newest=""
    for f in "$CORE/Data/Migrations/$1"/[0-9]*_*.cs; do
        [ -e "$f" ] || continue
        id="$(basename "$f" .cs)"; id="${id%.Designer}"
        [[ "$id" > "$newest" ]] && newest="$id"
    done
    echo "$newest"
}

# The baseline ids (20261122000000_Initial, 20261205000000_ReportIndexes) were chosen by hand before
# this script existed, and one lies ahead of the clock that made later ones. A migration must sort
# after every older one, so one whose clock-made id does not is renamed to the newest one's time + 1 s.
order_after() { # provider, newest id before the add, migration name
    local dir="$CORE/Data/Migrations/$1" before="$2" name="$3" designer added next
    designer="$(ls "$dir"/[0-9]*_"$name".Designer.cs)"
    added="$(basename "$designer" .Designer.cs)"
    [ -n "$before" ] && [[ ! "$added" > "$before" ]] || return 0
    next="$(python3 -c 'import datetime, sys
t = datetime.datetime.strptime(sys.argv[1][:14], "%Y%m%d%H%M%S") + datetime.timedelta(seconds=1)
print(t.strftime("%Y%m%d%H%M%S"))' "$before")_$name"
    mv "$dir/$added.cs" "$dir/$next.cs"
    mv "$designer" "$dir/$next.Designer.cs"
    sed -i "s/\"$added\"/\"$next\"/" "$dir/$next.Designer.cs"
    echo "$1: renamed $added to $next so that it sorts after $before"
}

usage() {
    sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

verb="${1:-}"
case "$verb" in
    add)
        name="${2:-}"
        [[ "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]] || { echo "add needs a PascalCase NAME" >&2; exit 2; }
        build
        for provider in "${PROVIDERS[@]}"; do
            before="$(newest_id "$provider")"
            ef migrations add "$name" --context "$(context_of "$provider")" --output-dir "Data/Migrations/$provider"
            order_after "$provider" "$before" "$name"
        done
        ;;
    remove)
        build
        for provider in "${PROVIDERS[@]}"; do
            ef migrations remove --context "$(context_of "$provider")" --force
        done
        ;;
    check)
        build
        failed=()
        for provider in "${PROVIDERS[@]}"; do
            if ef migrations has-pending-model-changes --context "$(context_of "$provider")" >/dev/null 2>&1; then
                echo "$provider: no pending model changes"
            else
                echo "$provider: the model has changes that no migration holds (bash scripts/migrations.sh add NAME)"
                failed+=("$provider")
            fi
        done
        [ "${#failed[@]}" -eq 0 ] || exit 1
        ;;
    script)
        context="$(context_of "${2:-}")"
        build
        if [ "$2" = Sqlite ]; then
            # EF cannot make an idempotent script for SQLite: this one applies every migration from an empty file.
            echo "-- SQLite: not idempotent (EF does not support it); for an empty database only"
            ef migrations script --context "$context"
        else
            ef migrations script --idempotent --context "$context"
        fi
        ;;
    *)
        usage
        ;;
esac
