#!/usr/bin/env bash
# Runs one libFuzzer target for SECONDS on WORK/corpus (grown in place),
# reading the given seed folders too; crashes land in WORK/artifacts/.
# Prints one summary line: executions, corpus size, crash or not.
#   run_fuzzer.sh BINARY SECONDS WORK SEED_DIR...
set -uo pipefail
binary=$1 seconds=$2 work=$3
shift 3
mkdir -p "$work/corpus" "$work/artifacts"
seeds=()
for dir in "$@"; do [ -d "$dir" ] && seeds+=("$dir"); done
log="$work/last-run.log"
# -rss_limit_mb / -malloc_limit_mb: an input that makes ingot allocate more
# than 1 GiB at once is a finding (hostile sizes must be refused first).
"$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -malloc_limit_mb=1024 -print_final_stats=1 \
  -artifact_prefix="$work/artifacts/" "$work/corpus" "${seeds[@]}" >"$log" 2>&1
status=$?
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
name=$(basename "$binary")
if [ $status -ne 0 ]; then
  tail -60 "$log"
  echo "$name: FAILED after ${execs:-?} executions in at most ${seconds}s (exit $status); inputs in $work/artifacts/"
  exit 1
fi
echo "$name: ${execs:-?} executions in ${seconds}s, 0 crashes, corpus $(ls "$work/corpus" | wc -l) files (log: $log)"
