#!/usr/bin/env bash
# Times this checkout's engine against an older commit's, side by side in one sitting.
#
#   scripts/side-by-side.sh [-r RUNS] [-n TRIALS] [OLD] [FILE...]
#
# OLD defaults to fcba593 (the engine before the speed work), FILE to
# benches/scenarios/baseline_v1.toml. OLD is built in a git worktree under
# target/side-by-side (kept between calls), this checkout with `cargo build --release`. Each
# scenario then runs RUNS times per build (default 10), the builds alternating (which goes first
# reversed every other round) so that both see the same load, on one thread (TRIALS trials,
# default 300000), timed in user seconds by bash's `time`. Printed per build: the minimum, the
# lower quartile and the median; then the old time over the new (above 1: this checkout is
# faster), of those and round by round (the two runs of a round saw nearly the same load, so a
# load that drifts between rounds cancels out of their ratio). A shared machine's figures move by
# several per cent between hours: compare builds only within one call, and trust the minimum,
# the quartile and the per-round ratios more than the median.
set -euo pipefail

runs=10
trials=300000
while getopts "r:n:" opt; do
    case $opt in
        r) runs=$OPTARG ;;
        n) trials=$OPTARG ;;
        *) sed -n '2,16p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
old=${1:-fcba593}
shift $(($# > 0 ? 1 : 0))
root=$(git rev-parse --show-toplevel)
cd "$root"
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(benches/scenarios/baseline_v1.toml)

commit=$(git rev-parse --short "$old^{commit}")
tree=target/side-by-side/$commit
if [ ! -d "$tree" ]; then
    git worktree prune # a worktree left registered by `cargo clean`
    git worktree add --detach "$tree" "$commit" >/dev/null
fi
echo "building $commit and this checkout..." >&2
(cd "$tree" && cargo build --release --quiet)
cargo build --release --quiet
old_bin=$tree/target/release/brink
new_bin=target/release/brink

# User seconds of one run (a run that fails stops the comparison, saying which).
seconds() {
    local TIMEFORMAT=%3U
    { time "$1" run "$2" --trials "$trials" --threads 1 --format json >/dev/null 2>&1; } 2>&1 ||
        { echo "side-by-side: '$1 run $2' failed; run it alone to see why" >&2; exit 1; }
}

# min, lower quartile and median of the numbers on stdin.
summary() {
    sort -n | awk '{ x[NR] = $1 } END {
        m = (NR % 2) ? x[(NR + 1) / 2] : (x[NR / 2] + x[NR / 2 + 1]) / 2
        printf "%.3f %.3f %.3f\n", x[1], x[int((NR + 3) / 4)], m }'
}

for file in "${files[@]}"; do
    : >"$tree.old" && : >"$tree.new"
    for i in $(seq "$runs"); do
        # Which build runs first is reversed every other round: the second of a pair can find
        # the processor's caches and predictors in another state than the first.
        if ((i % 2)); then
            seconds "$old_bin" "$file" >>"$tree.old"
            seconds "$new_bin" "$file" >>"$tree.new"
        else
            seconds "$new_bin" "$file" >>"$tree.new"
            seconds "$old_bin" "$file" >>"$tree.old"
        fi
    done
    read -r o1 o2 o3 < <(summary <"$tree.old")
    read -r n1 n2 n3 < <(summary <"$tree.new")
    echo "$file: $trials trials, 1 thread, $runs runs each (user seconds: min / quartile / median)"
    printf "  %-10s %s / %s / %s\n" "$commit" "$o1" "$o2" "$o3"
    printf "  %-10s %s / %s / %s\n" "this" "$n1" "$n2" "$n3"
    awk -v a="$o1" -v b="$o2" -v c="$o3" -v x="$n1" -v y="$n2" -v z="$n3" \
        'BEGIN { printf "  old / new: %.2fx / %.2fx / %.2fx\n", a / x, b / y, c / z }'
    # The ratio within each round (its two runs ran back to back, under nearly the same load),
    # then the quartiles of those ratios: a drift of the load between rounds cancels out.
    paste "$tree.old" "$tree.new" | awk '{ print $1 / $2 }' | sort -n | awk '{ r[NR] = $1 } END {
        printf "  per round: %.2fx / %.2fx / %.2fx (lower quartile / median / upper quartile)\n",
            r[int((NR + 3) / 4)], (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2,
            r[NR + 1 - int((NR + 3) / 4)] }'
done
