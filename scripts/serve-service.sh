#!/usr/bin/env bash
# `make serve-service`: riskgate-server with SQLite and the demo seed, serving the example
# host page and the shipped component against itself. Run after `make component` and
# `cargo build -p riskgate-server`.
set -euo pipefail
target="${CARGO_TARGET_DIR:-target}"
site=target/service-site
scripts/service-site.sh "$site" target/component
# The host's secret for the hand-off exchange (POST /api/handoffs/exchange), made once.
secret=target/riskgate-host-secret
[ -s "$secret" ] || { umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secret"; }
port="${PORT:-8081}"
echo "Riskgate service: http://localhost:$port/?backend=/api (the example host page over the service)"
echo "  IT staff (account health and the admin view): http://localhost:$port/console/?backend=/api"
echo "  database target/riskgate-service.db; authenticator codes: http://localhost:$port/api/demo/authenticator/<username>"
echo "  simulated phone: http://localhost:$port/api/demo/phone; host secret for hand-offs: $secret"
exec "$target/debug/riskgate-server" --listen "127.0.0.1:$port" --database sqlite://target/riskgate-service.db \
  --seed demo --static "$site" --host-secret-file "$secret" --demo-tools --origin "http://localhost:$port"
