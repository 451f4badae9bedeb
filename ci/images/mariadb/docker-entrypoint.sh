#!/usr/bin/env bash
# First start: create the data directory, the root password, the database and the
# application user from MARIADB_* (or MYSQL_*) variables, then run the files in
# /docker-entrypoint-initdb.d (*.sql piped to the client, *.sh sourced with
# docker_process_sql available), as the official image does. Then run the server.
set -euo pipefail

mysql_note() { printf '[entrypoint] %s\n' "$*"; }
mysql_error() { printf '[entrypoint] ERROR: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" != "mariadbd" ]]; then
  exec "$@"
fi

# Run as the mysql user; the named volume arrives owned by root.
if [[ "$(id -u)" == "0" ]]; then
  chown -R mysql:mysql /var/lib/mysql /run/mysqld
  exec setpriv --reuid=mysql --regid=mysql --init-groups "$0" "$@"
fi

root_password="${MARIADB_ROOT_PASSWORD:-${MYSQL_ROOT_PASSWORD:-}}"
database="${MARIADB_DATABASE:-${MYSQL_DATABASE:-}}"
user="${MARIADB_USER:-${MYSQL_USER:-}}"
password="${MARIADB_PASSWORD:-${MYSQL_PASSWORD:-}}"
socket=/run/mysqld/mysqld.sock

docker_process_sql() {
  local db_args=()
  if [[ -n "${database}" ]]; then db_args=(--database="${database}"); fi
  mariadb --protocol=socket --socket="${socket}" -uroot ${root_password:+-p"${root_password}"} \
    --comments "${db_args[@]}" "$@"
}

sql_escape() { printf '%s' "$1" | sed "s/\\\\/\\\\\\\\/g; s/'/\\\\'/g"; }

initialize() {
  [[ -n "${root_password}" ]] || mysql_error "MARIADB_ROOT_PASSWORD (or MYSQL_ROOT_PASSWORD) must be set"
  mysql_note "initializing the data directory"
  mariadb-install-db --datadir=/var/lib/mysql --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null

  mariadbd --skip-networking --socket="${socket}" &
  local pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --socket="${socket}" -uroot ping --silent 2>/dev/null && break
    sleep 0.5
  done
  mariadb-admin --socket="${socket}" -uroot ping --silent || mysql_error "temporary server did not start"

  local rp
  rp="$(sql_escape "${root_password}")"
  mariadb --protocol=socket --socket="${socket}" -uroot <<SQL
DELETE FROM mysql.user WHERE user = '';
ALTER USER 'root'@'localhost' IDENTIFIED BY '${rp}';
CREATE USER 'root'@'%' IDENTIFIED BY '${rp}';
GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;
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

  local f
  for f in /docker-entrypoint-initdb.d/*; do
    case "${f}" in
      *.sh) mysql_note "running ${f}"; . "${f}" ;;
      *.sql) mysql_note "running ${f}"; docker_process_sql < "${f}" ;;
      *) ;;
    esac
  done

  kill "${pid}"
  wait "${pid}" || true
  mysql_note "initialization finished"
}

if [[ ! -d /var/lib/mysql/mysql ]]; then
  initialize
fi

exec mariadbd --socket="${socket}"
