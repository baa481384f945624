#!/usr/bin/env bash
# Renders every shipped and test scenario through every command and format into a folder, so that
# a refactor or an optimisation can be checked to change no byte of any report:
#
#   scripts/render-all.sh /tmp/before          # on the parent commit
#   scripts/render-all.sh /tmp/after           # on the change
#   diff -r /tmp/before /tmp/after
#
# Each file holds the command's stdout, then its stderr and exit code. The table format's timing
# line (threads, seconds, trials/s) and the exact solver's seconds are the one thing that may differ between runs; it is dropped.
# BRINK (default target/release/brink, built first) names the binary to use.
set -uo pipefail
out=${1:?usage: scripts/render-all.sh OUT_DIR}
cd "$(dirname "$0")/.."
if [[ -z "${BRINK:-}" ]]; then
  cargo build --release --quiet || exit 1
  BRINK=$PWD/target/release/brink
fi
mkdir -p "$out"
trials=${TRIALS:-3000}

# One command, one file: stdout, then stderr and the exit code, timing lines removed.
render() {
  local name=$1; shift
  local file="$out/$name"
  mkdir -p "$(dirname "$file")"
  "$BRINK" "$@" >"$file.out" 2>"$file.err"
  local rc=$?
  {
    sed -E 's/(distinct states), [0-9.]+ s/\1, TIME s/' "$file.out" | grep -v 'trials/s'
    echo "--- stderr"
    grep -v 'trials/s' "$file.err"
    echo "--- exit $rc"
  } >"$file"
  rm -f "$file.out" "$file.err"
}

first_event() { grep -A3 '^\[\[events\]\]' "$1" | grep -m1 -o 'id *= *"[a-z0-9_]*"' | sed 's/.*"\(.*\)"/\1/'; }

files=(scenarios/*.toml tests/scenarios/*.toml tests/good/*.toml)
for f in "${files[@]}"; do
  n=${f//\//_}; n=${n%.toml}
  render "$n/check" check "$f"
  render "$n/check.json" check "$f" --format json
  for fmt in table markdown json csv; do
    common=(--trials "$trials" --seed 11 --threads 2 --quiet --format "$fmt")
    render "$n/run.$fmt" run "$f" "${common[@]}"
    render "$n/run_given.$fmt" run "$f" "${common[@]}" --given "step >= 1"
    render "$n/trace.$fmt" trace "$f" --trial 3 --seed 11 --format "$fmt"
    render "$n/exact.$fmt" exact "$f" --format "$fmt" --max-states 20000
    render "$n/sensitivity.$fmt" sensitivity "$f" --trials 500 --seed 11 --threads 2 --quiet --format "$fmt"
    render "$n/compare.$fmt" compare "$f" "$f" --set-b scenario.horizon=2 "${common[@]}"
    ev=$(first_event "$f")
    if [[ -n "$ev" ]]; then
      render "$n/sweep.$fmt" sweep "$f" --vary "events.$ev.probability=0.1:0.6:3" --trials 500 --seed 11 --threads 2 --quiet --format "$fmt"
    fi
  done
  render "$n/test" test "$f" --trials 500 --quiet
  render "$n/graph.dot" graph "$f" --format dot
  render "$n/graph.mermaid" graph "$f" --format mermaid
done
# Bad and warning corpora: the full diagnostics.
for f in tests/bad/*.toml tests/warn/*.toml; do
  n=${f//\//_}; n=${n%.toml}
  render "diag/$n" check "$f"
done
echo "rendered $(find "$out" -type f | wc -l) files into $out"
