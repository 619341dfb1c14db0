#!/usr/bin/env bash
# The whole test suite: builds trtc-emulator three times — RelWithDebInfo, ASan+UBSan and
# TSan — and runs every unit and integration test (ctest) against each build, then runs
# each libFuzzer target for 20 seconds (tests/fuzz/run.sh). This is what CI runs.
#
# tests/run.sh --quick: the RelWithDebInfo build (build/test) and every unit and
# integration test on it; no sanitizer builds, no fuzzing.
#
# Needs the dependencies of .ci/install-deps.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: tests/run.sh [--quick]" >&2; exit 2 ;;
esac

if [ ! -d tests/node/node_modules/tls-sig-api-v2 ] || [ ! -d tests/node/node_modules/puppeteer-core ]; then
  (cd tests/node && npm install --no-audit --no-fund --loglevel=error)
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_suite() {
  local dir=$1; shift
  local start=$SECONDS
  echo "== $dir: configure and build"
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
  echo "== $dir: built in $((SECONDS - start)) s; tests"
  start=$SECONDS
  ctest --test-dir "$dir" --output-on-failure -j"$jobs"
  echo "== $dir: tests took $((SECONDS - start)) s"
}

run_suite build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo
if [ "$quick" -eq 1 ]; then
  echo "== quick suite passed (the full suite, with sanitizers and fuzzing: tests/run.sh)"
  exit 0
fi
# The sanitizer builds keep line tables only (-g1): their reports still name file and
# line, and full debug info costs ~15% of their compile time.
run_suite build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTRTC_SANITIZE=ON
TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1} \
  run_suite build/tsan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DTRTC_TSAN=ON
bash tests/fuzz/run.sh 20
echo "== all test suites passed"
