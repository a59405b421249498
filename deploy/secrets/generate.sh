#!/bin/sh
# Creates every secret file docker-compose.kafka.yml reads, with random values, unless it exists.
# Files are readable by their owner only; Compose mounts them read-only into /run/secrets.
set -eu
cd "$(dirname "$0")"
umask 077
for name in postgres_password keycloak_db_password keycloak_admin_password redis_password \
            dashboard_client_secret demo_user_password; do
  if [ ! -s "$name" ]; then
    # 32 random bytes, URL-safe base64 without padding: safe in URLs, JDBC and Redis configs.
    head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' > "$name"
    echo "created deploy/secrets/$name"
  fi
done
