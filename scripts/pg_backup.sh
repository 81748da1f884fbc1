#!/usr/bin/env bash
# Back up the PostgreSQL database to one compressed file (pg_dump custom format) with a
# SHA-256 checksum beside it.  Usage: scripts/pg_backup.sh [DATABASE_URL] [OUTFILE]
# DATABASE_URL defaults to the environment's; OUTFILE to backups/ips-<UTC time>.dump
set -euo pipefail
url="${1:-${DATABASE_URL:-}}"
if [[ -z "$url" || "$url" != postgres* ]]; then
  echo "pg_backup: give a postgres:// DATABASE_URL (argument or environment)" >&2
  exit 2
fi
out="${2:-backups/ips-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$out")"
umask 077  # the file holds people's records: readable by the owner only
pg_dump --format=custom --no-owner --no-privileges --file "$out" "$url"
sha256sum "$out" | awk '{print $1}' > "$out.sha256"
echo "pg_backup: wrote $out ($(stat -c %s "$out") bytes), checksum in $out.sha256"
