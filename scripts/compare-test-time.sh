#!/usr/bin/env bash
# Compares the wall time of `npm test` in two checkouts on this machine, like for like: runs them
# in interleaved pairs (base, new, base, new, ...) so that a change in the machine's load hits both
# alike, then prints each pair's ratio and the medians.
#
#   scripts/compare-test-time.sh [base checkout] [pairs] [new checkout]
#
# base checkout  default ../wt-base (make one with `git worktree add ../wt-base <commit>` and a
#                node_modules symlink; each checkout builds itself through its own `npm test`)
# pairs          default 5
# new checkout   default this one (a snapshot worktree keeps edits made meanwhile out of the runs)
# Run `npm test` once in a fresh checkout first: its first run pulls the test fixtures and has no
# test times to order the groups by. Every run's output is kept in $OUT (default a temporary
# folder); the table is also written to $OUT/times.tsv. A failing run is marked, its time counted.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
base="$(cd "${1:-$here/../wt-base}" && pwd)"
pairs="${2:-5}"
new="$(cd "${3:-$here}" && pwd)"
out="${OUT:-$(mktemp -d /tmp/skyql-compare-XXXXXX)}"
mkdir -p "$out"

# one run: prints "wall user sys exit" (seconds) and keeps the output in $out/<name>-<i>.log
run() {
  local dir="$1" name="$2" i="$3" start end code
  start=$(date +%s.%N)
  set +e
  (cd "$dir" && /usr/bin/time -f '%U %S' -o "$out/$name-$i.cpu" npm test >"$out/$name-$i.log" 2>&1)
  code=$?
  set -e
  end=$(date +%s.%N)
  echo "$(echo "$end - $start" | bc) $(tail -1 "$out/$name-$i.cpu") $code"
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

printf 'pair\tload\tbase_s\tnew_s\tratio\tbase_cpu_s\tnew_cpu_s\tbase_exit\tnew_exit\n' | tee "$out/times.tsv"
for i in $(seq 1 "$pairs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r bw bu bs bc <<<"$(run "$base" base "$i")"
  read -r nw nu ns nc <<<"$(run "$new" new "$i")"
  printf '%s\t%s\t%.1f\t%.1f\t%.2f\t%.1f\t%.1f\t%s\t%s\n' "$i" "$load" "$bw" "$nw" \
    "$(echo "$nw / $bw" | bc -l)" "$(echo "$bu + $bs" | bc)" "$(echo "$nu + $ns" | bc)" "$bc" "$nc" |
    tee -a "$out/times.tsv"
done

col() { tail -n +2 "$out/times.tsv" | cut -f"$1" | median; }
echo "median: base $(col 3) s, new $(col 4) s, ratio of medians $(echo "$(col 4) / $(col 3)" | bc -l | cut -c1-4), median of pair ratios $(col 5); cpu base $(col 6) s, new $(col 7) s"
echo "runs kept in $out"
