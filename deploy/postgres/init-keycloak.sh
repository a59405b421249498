#!/bin/sh
# Runs once, when the PostgreSQL volume is first initialised: a database and role for Keycloak,
# separate from Signalyard's, with the password read from its secret file.
set -eu
keycloak_password=$(cat "$KEYCLOAK_DB_PASSWORD_FILE")
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=kc_password="$keycloak_password" <<'SQL'
CREATE ROLE keycloak LOGIN PASSWORD :'kc_password';
CREATE DATABASE keycloak OWNER keycloak;
SQL
