#!/usr/bin/env bash
# Cold run of `qwen-story --corpus DIR timeline --format json` over a generated corpus:
# wall time and peak memory, measured with GNU time (`/usr/bin/time -v`).
#
#   benches/cold_run.sh [RUNS] [DIR]
#
# RUNS (default 5) runs, each with an empty extraction cache (XDG_CACHE_HOME points at a new
# empty folder), so every run extracts every article. Without DIR, 10,000 articles (about
# 28 MB) are generated with `examples/gen_corpus.rs` (seed 42) into a temporary folder.
# Targets (issue 6): under 1.5 s wall time and under 300 MB peak memory.
# GNU time is not installed everywhere: `apt-get install -y time` provides /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

if [[ ! -x /usr/bin/time ]] || ! /usr/bin/time -v true >/dev/null 2>&1; then
    echo "cold_run.sh needs GNU time at /usr/bin/time: install it with 'apt-get install -y time'" >&2
    exit 2
fi

cargo build --release --quiet --bin qwen-story --example gen_corpus
bin=target/release/qwen-story
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [[ $# -ge 2 ]]; then
    corpus=$2
else
    corpus=$work/corpus
    target/release/examples/gen_corpus 10000 "$corpus" --seed 42
fi
export XDG_DATA_HOME="$work/data" HOME="$work"
echo "corpus: $(find "$corpus" -maxdepth 1 -name '*.md' | wc -l) files, $(du -sh "$corpus" | cut -f1); cores: $(nproc)"

worst=0
# CPU seconds (user + system) are printed too: on a busy machine wall time mostly measures
# the other processes, while CPU time is what the run itself costs.
printf '%-5s %9s %9s %11s %6s\n' run "wall (s)" "CPU (s)" "peak (MB)" "CPU"
for ((i = 1; i <= runs; i++)); do
    cache=$(mktemp -d "$work/cache.XXXX") # empty: a cold run
    XDG_CACHE_HOME=$cache /usr/bin/time -v "$bin" --corpus "$corpus" timeline --format json \
        >"$work/out.json" 2>"$work/time.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + p[k]; print s }' "$work/time.txt")
    peak=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$work/time.txt")
    cpu=$(awk -F': ' '/Percent of CPU/ { print $2 }' "$work/time.txt")
    cpu_s=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$work/time.txt")
    printf '%-5s %9.2f %9.2f %11s %6s\n' "$i" "$wall" "$cpu_s" "$peak" "$cpu"
    if awk -v w="$wall" -v m="$peak" 'BEGIN { exit !(w > 1.5 || m > 300) }'; then worst=1; fi
    rm -rf "$cache"
done
echo "milestones: $(grep -o '"kind"' "$work/out.json" | wc -l)"
if ((worst)); then echo "over target (1.5 s wall, 300 MB peak) in at least one run"; fi
exit $worst
