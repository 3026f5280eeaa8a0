#!/usr/bin/env bash
# Runs Aldrin's black-box conformance tester (aldrin-conformance-tester, from the public Aldrin
# project) against a broker host, at every protocol version 1.14-1.20: first its built-in tests,
# then this project's own cases (modules/aldrin-broker/conformance, the tester's JSON format);
# prints a row per version and suite; exits 1 if any test failed. The tester is built once and
# cached: $LOOMBUS_CACHE (default ${XDG_CACHE_HOME:-~/.cache}/loombus)/aldrin-conformance-tester
# Usage: aldrin-conformance.sh [--broker PATH] [--tester PATH | --build SRC REGISTRY]
#                              [--defaults] [-j N] [-t TESTS | --builtin-only | --own-only]
#   --broker PATH     the host to test (default: the image's bin/loombus-aldrin-test-host)
#   --tester PATH     put an already built tester into the cache (and use it)
#   --build SRC REGISTRY
#                     build the tester from an Aldrin source tree SRC with cargo, offline, taking
#                     crates from REGISTRY, a cargo directory source (see docs/aldrin.md)
#   --defaults        the tester's own timeouts (1 s each) instead of 5 s start-up, 3 s per test
#                     and 3 s shut-down
#   -j N              tests in parallel (default 2)
#   -t TESTS          only TESTS, a JSON test file or directory of them, instead of both suites
#   --builtin-only    only the tester's built-in tests
#   --own-only        only the project's own cases
set -euo pipefail
cd "$(dirname "$0")/.."

cache=${LOOMBUS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/loombus}
tester=$cache/aldrin-conformance-tester
broker=$PWD/jlink/target/loombus/bin/loombus-aldrin-test-host
own=$PWD/modules/aldrin-broker/conformance
timeouts=(--startup-timeout 5000 --timeout 3000 --shutdown-timeout 3000)
jobs=2
suites=(built-in "$own")
while [ $# -gt 0 ]; do
  case $1 in
    --broker) broker=$(readlink -f "$2"); shift 2 ;;
    --tester)
      mkdir -p "$cache"
      cp "$2" "$tester.new" && mv "$tester.new" "$tester"
      shift 2 ;;
    --build)
      [ $# -ge 3 ] || { echo "aldrin-conformance: --build needs SRC and REGISTRY" >&2; exit 2; }
      src=$(readlink -f "$2"); registry=$(readlink -f "$3"); shift 3
      command -v cargo >/dev/null || { echo "aldrin-conformance: cargo is not installed (apt-get install cargo)" >&2; exit 1; }
      work=$(mktemp -d)
      trap 'rm -rf "$work"' EXIT
      tar -C "$src" --exclude=./target -cf - . | tar -C "$work" -xf -
      mkdir -p "$work/.cargo"
      # crates.io is replaced by the local directory source: the build needs no network.
      printf '[source.crates-io]\nreplace-with = "local"\n[source.local]\ndirectory = "%s"\n[net]\noffline = true\n' \
        "$registry" > "$work/.cargo/config.toml"
      (cd "$work" && nice -n 19 cargo build --release -p aldrin-conformance-tester)
      mkdir -p "$cache"
      cp "$work/target/release/aldrin-conformance-tester" "$tester" ;;
    --defaults) timeouts=(); shift ;;
    -j) jobs=$2; shift 2 ;;
    -t) suites=("$(readlink -f "$2")"); shift 2 ;;
    --builtin-only) suites=(built-in); shift ;;
    --own-only) suites=("$own"); shift ;;
    *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done

if [ ! -x "$tester" ]; then
  echo "aldrin-conformance: no tester in $cache; build it once with --build SRC REGISTRY or give one with --tester PATH (docs/aldrin.md)" >&2
  exit 1
fi
[ -x "$broker" ] || { echo "aldrin-conformance: no broker host at $broker" >&2; exit 1; }

logs=$(mktemp -d)
failed=0
printf '%-6s %-9s %7s %7s %7s\n' "-p" suite passed failed total
for suite in "${suites[@]}"; do
  if [ "$suite" = built-in ]; then
    tests=(); name=built-in
  else
    tests=(-t "$suite"); name=$(basename "$suite")
    [ "$suite" = "$own" ] && name=own
  fi
  for v in 1.14 1.15 1.16 1.17 1.18 1.19 1.20; do
    log=$logs/$name-$v.log
    status=0
    "$tester" --color never "${tests[@]}" run -j "$jobs" -p "$v" "${timeouts[@]}" "$broker" \
      > "$log" 2>&1 || status=$?
    if grep -q '^No test was selected' "$log"; then
      printf '%-6s %-9s %7s %7s %7s\n' "$v" "$name" 0 0 0  # none needs at most this version
      continue
    fi
    count() { sed -n "s/^| $1: *\([0-9]*\) test.*/\1/p" "$log"; }
    printf '%-6s %-9s %7s %7s %7s\n' "$v" "$name" "$(count passed)" "$(count failed)" "$(count total)"
    if [ "$status" -ne 0 ]; then
      failed=1
      grep -i 'fail' "$log" | grep -v '^| failed' | head -20 | sed 's/^/    /'
    fi
  done
done
echo "logs: $logs"
exit "$failed"
