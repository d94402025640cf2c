#!/usr/bin/env bash
# SPDX-License-Identifier: MPL-2.0
# Audit the locked dependencies for known vulnerabilities (pip-audit, PyPA's advisory database via
# PyPI, or OSV). Fails on a known vulnerability. When no vulnerability service can be reached (CI
# reaches only the package registries, and a registry mirror may not serve PyPI's per-version JSON),
# it says so plainly and does not fail, unless FOREBYG_PIP_AUDIT_STRICT=1.
#   .ci/pip-audit.sh                 # uses .venv/bin/pip-audit and requirements.lock
set -uo pipefail
cd "$(dirname "$0")/.."
AUDIT=${PIP_AUDIT:-.venv/bin/pip-audit}
LOCK=${1:-requirements.lock}
out=$(mktemp)
for service in pypi osv; do
  "$AUDIT" -r "$LOCK" --no-deps --disable-pip --progress-spinner off -s "$service" --format columns >"$out" 2>&1
  rc=$?
  total=$(grep -cE '^[A-Za-z0-9]' "$LOCK" || true)
  unaudited=$(grep -c "could not be audited" "$out" || true)
  if grep -qiE "ConnectionError|Name or service not known|Max retries exceeded|Failed to resolve" "$out"; then
    echo "pip-audit: the $service vulnerability service cannot be reached from here."
    continue
  fi
  if [ "$rc" -ne 0 ] && ! grep -q "could not be audited" "$out"; then
    cat "$out"
    echo "pip-audit: known vulnerabilities in the locked dependencies (service: $service)." >&2
    exit 1
  fi
  if [ "$unaudited" -ge "$total" ] && [ "$total" -gt 0 ]; then
    echo "pip-audit: the $service service answered for none of the $total locked packages (a registry mirror without PyPI's JSON API?)."
    continue
  fi
  cat "$out"
  if [ "$rc" -ne 0 ]; then
    echo "pip-audit: known vulnerabilities in the locked dependencies (service: $service)." >&2
    exit 1
  fi
  echo "pip-audit: no known vulnerabilities ($service; $unaudited of $total packages could not be audited)."
  exit 0
done
echo "pip-audit: NOT AUDITED - no vulnerability service was reachable. Run .ci/pip-audit.sh where PyPI or OSV is reachable."
if [ "${FOREBYG_PIP_AUDIT_STRICT:-0}" = "1" ]; then exit 2; fi
exit 0
