#!/usr/bin/env bash
# CI's stand-in for the official mariadb image's entrypoint. It follows the parts of
# that contract the stack could rely on, so CI fails where a laptop would (checked
# against MariaDB/mariadb-docker 11.8/docker-entrypoint.sh):
# - arguments that start with "-" are options for the server: `mariadbd` is put in
#   front; every server argument reaches the first-start temporary server and the
#   real one;
# - first start only (no /var/lib/mysql/mysql): root with MARIADB_ROOT_PASSWORD (or
#   MYSQL_ROOT_PASSWORD) for localhost and MARIADB_ROOT_HOST (default %), the optional
#   MARIADB_DATABASE / MARIADB_USER / MARIADB_PASSWORD (or MYSQL_*), then the files in
#   /docker-entrypoint-initdb.d in name order: *.sql piped to the client, a *.sh
#   *executed* when it tests executable ([ -x ]) and *sourced* otherwise — so a script
#   that needs the entrypoint's docker_process_sql fails when the host's file modes
#   make it executable, as it does with the official image.
set -euo pipefail

mysql_note() { printf '[entrypoint] %s\n' "$*"; }
mysql_error() { printf '[entrypoint] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" == -* ]]; then
  set -- mariadbd "$@"
fi
if [[ "${1:-}" != "mariadbd" && "${1:-}" != "mysqld" ]]; then
  exec "$@"
fi
shift
server_args=("$@")

# Run as the mysql user; the named volume arrives owned by root.
if [[ "$(id -u)" == "0" ]]; then
  chown -R mysql:mysql /var/lib/mysql /run/mysqld
  exec setpriv --reuid=mysql --regid=mysql --init-groups "$0" mariadbd "${server_args[@]}"
fi

root_password="${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}"
root_host="${MARIADB_ROOT_HOST:-${MYSQL_ROOT_HOST:-%}}"
database="${MARIADB_DATABASE:-${MYSQL_DATABASE:-}}"
user="${MARIADB_USER:-${MYSQL_USER:-}}"
password="${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}"
socket=/run/mysqld/mysqld.sock

# Deliberately not exported: like the official helper, only sourced scripts see it.
docker_process_sql() {
  local db_args=()
  if [[ -n "${database}" ]]; then db_args=(--database="${database}"); fi
  mariadb --protocol=socket --socket="${socket}" -uroot ${root_password:+-p"${root_password}"} \
    --comments "${db_args[@]}" "$@"
}

sql_escape() { printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }

run_init_files() {
  local f
  for f in /docker-entrypoint-initdb.d/*; do
    [[ -e "${f}" ]] || continue
    case "${f}" in
      *.sh)
        if [[ -x "${f}" ]]; then
          mysql_note "running ${f}"
          "${f}"
        else
          mysql_note "sourcing ${f}"
          # shellcheck disable=SC1090
          . "${f}"
        fi
        ;;
      *.sql) mysql_note "running ${f}"; docker_process_sql < "${f}" ;;
      *) mysql_note "ignoring ${f}" ;;
    esac
  done
}

initialize() {
  [[ -n "${root_password}" ]] || mysql_error "MARIADB_ROOT_PASSWORD (or MYSQL_ROOT_PASSWORD) must be set"
  mysql_note "initializing the data directory"
  mariadb-install-db --datadir=/var/lib/mysql --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null

  mariadbd "${server_args[@]}" --skip-networking --socket="${socket}" &
  local pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --socket="${socket}" -uroot ping --silent 2>/dev/null && break
    sleep 0.5
  done
  mariadb-admin --socket="${socket}" -uroot ping --silent || mysql_error "temporary server did not start"

  local rp root_at_host=""
  rp="$(sql_escape "${root_password}")"
  if [[ "${root_host}" != "localhost" ]]; then
    root_at_host="CREATE USER 'root'@'$(sql_escape "${root_host}")' IDENTIFIED BY '${rp}';
GRANT ALL ON *.* TO 'root'@'$(sql_escape "${root_host}")' WITH GRANT OPTION;"
  fi
  mariadb --protocol=socket --socket="${socket}" -uroot <<SQL
DELETE FROM mysql.user WHERE user = '';
ALTER USER 'root'@'localhost' IDENTIFIED BY '${rp}';
${root_at_host}
FLUSH PRIVILEGES;
SQL
  if [[ -n "${database}" ]]; then
    docker_process_sql --database=mysql <<<"CREATE DATABASE IF NOT EXISTS \`${database}\`;"
  fi
  if [[ -n "${user}" && -n "${password}" ]]; then
    docker_process_sql --database=mysql <<SQL
CREATE USER '$(sql_escape "${user}")'@'%' IDENTIFIED BY '$(sql_escape "${password}")';
${database:+GRANT ALL ON \`${database}\`.* TO '$(sql_escape "${user}")'@'%';}
SQL
  fi

  run_init_files

  kill "${pid}"
  wait "${pid}" || true
  mysql_note "initialization finished"
}

if [[ ! -d /var/lib/mysql/mysql ]]; then
  initialize
fi

exec mariadbd "${server_args[@]}" --socket="${socket}"
