#!/usr/bin/env bash
# Restore a backup made by pg_backup.sh into a database (created when missing), all or
# nothing.  Usage: scripts/pg_restore.sh BACKUP_FILE TARGET_DATABASE_URL
set -euo pipefail
file="${1:-}"
url="${2:-}"
if [[ -z "$file" || -z "$url" || "$url" != postgres* ]]; then
  echo "pg_restore: usage: scripts/pg_restore.sh BACKUP_FILE postgres://.../DBNAME" >&2
  exit 2
fi
if [[ ! -f "$file" ]]; then
  echo "pg_restore: no backup file at $file" >&2
  exit 2
fi
if [[ -f "$file.sha256" ]] && [[ "$(sha256sum "$file" | awk '{print $1}')" != "$(cat "$file.sha256")" ]]; then
  echo "pg_restore: $file does not match its checksum; not restoring a damaged backup" >&2
  exit 3
fi
dbname="${url##*/}"
dbname="${dbname%%\?*}"
server="${url%/*}/postgres"
exists=$(psql "$server" -tAc "SELECT 1 FROM pg_database WHERE datname = '$dbname'")
if [[ "$exists" != "1" ]]; then
  psql "$server" -qc "CREATE DATABASE \"$dbname\""
fi
pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname "$url" "$file"
echo "pg_restore: restored $file into $dbname"
