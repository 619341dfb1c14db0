#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build/fuzz and runs each for
# SECONDS (default 20) on a scratch copy of its committed seed corpus, so that the
# committed corpus never grows. Fails on any crash, leak, timeout or out-of-memory.
# A long run: tests/fuzz/run.sh 3600. Findings are left in build/fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
jobs=$(nproc)
build=build/fuzz
targets=(usersig_fuzz query_string_fuzz fixture_loader_fuzz api_request_fuzz)

echo "== fuzz: configure and build ($build)"
CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DTRTC_BUILD_FUZZ=ON -DTRTC_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$jobs" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:strict_string_checks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
findings=$build/findings
rm -rf "$findings" && mkdir -p "$findings"
failed=0
for target in "${targets[@]}"; do
  work=$build/corpus/$target
  rm -rf "$work" && mkdir -p "$work"
  cp tests/fuzz/corpus/$target/* "$work"/
  flags=(-max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048
         -max_len=65536 -artifact_prefix="$findings/$target-")
  [ -f tests/fuzz/$target.dict ] && flags+=(-dict=tests/fuzz/$target.dict)
  log=$build/$target.log
  echo "== fuzz: $target for ${seconds}s"
  if "$build/tests/fuzz/$target" "${flags[@]}" "$work" >"$log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "   $target: ${execs:-?} executions, no findings"
  else
    failed=1
    echo "!! $target failed: see $log and $findings"
    grep -E 'ERROR|FUZZ_CHECK|runtime error|SUMMARY' "$log" | head -20 || true
  fi
done
if [ "$failed" -ne 0 ]; then
  echo "== fuzz: FAILED"
  exit 1
fi
echo "== fuzz: all targets ran clean"
