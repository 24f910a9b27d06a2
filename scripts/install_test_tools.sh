#!/usr/bin/env bash
# Installs the system tools that tests use, when they are missing: promtool (Debian's `prometheus`
# package) for the /metrics format check, and Debian's `chromium` for the dashboard's browser test
# (playwright-core drives it; no browser is downloaded). Called by .ci/run; safe to run again.
# Without root or apt (a developer's own machine), it says what is missing and exits 0: the tests
# that need a tool skip, each with a line saying why.
set -uo pipefail

need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -eq 0 ]; then
  echo "install_test_tools: promtool and chromium are installed"
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install_test_tools: ${need[*]} missing and not installable here (needs root and apt-get): those tests skip"
  exit 0
fi
echo "install_test_tools: installing ${need[*]}"
if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"; } >/tmp/install_test_tools.log 2>&1; then
  echo "install_test_tools: apt-get could not install ${need[*]} (see /tmp/install_test_tools.log): those tests skip"
  tail -n 5 /tmp/install_test_tools.log
fi
exit 0
