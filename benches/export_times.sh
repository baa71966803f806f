#!/usr/bin/env bash
# Whole-process wall time of `qwen-story export` (every view in every format) and
# `qwen-story chart` (every series, svg and png) on the bundled corpus, release build.
#
#   benches/export_times.sh [RUNS]      (default 20 runs per command)
#
# Targets (issue 4): export under 50 ms, chart under 100 ms. The extraction cache is
# warmed by one untimed run, as it is for a user after the first start; the data folder
# is empty so only the bundled corpus is read. Uses only bash, date and awk (no hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}

cargo build --release --quiet
bin=target/release/qwen-story
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" HOME="$work"
unset NO_COLOR

# Prints "mean min max" in milliseconds of $runs runs of the command.
time_runs() {
    "$@" >/dev/null # warm-up: fills the cache, pages the binary in
    local total=0 min=999999999 max=0 start end t
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$@" >/dev/null
        end=$(date +%s%N)
        t=$(((end - start) / 1000))
        total=$((total + t))
        if ((t < min)); then min=$t; fi
        if ((t > max)); then max=$t; fi
    done
    awk -v t="$total" -v n="$runs" -v lo="$min" -v hi="$max" 'BEGIN { printf "%6.1f %6.1f %6.1f", t / n / 1000, lo / 1000, hi / 1000 }'
}

worst=0
report() { # label limit_ms command...
    local label=$1 limit=$2
    shift 2
    local figures
    figures=$(time_runs "$@")
    local mean min max
    read -r mean min max <<<"$figures"
    local flag=ok
    if awk -v m="$mean" -v l="$limit" 'BEGIN { exit !(m > l) }'; then flag="OVER ${limit} ms"; worst=1; fi
    printf '%-34s %s   %s\n' "$label" "$figures" "$flag"
}

echo "runs per command: $runs; times in ms: mean min max"
for view in dashboard charts timeline sources; do
    for format in txt ansi svg html json png; do
        report "export $view $format" 50 "$bin" export --view "$view" --format "$format" --size 120x40 -o "$work/out.$format"
    done
done
for series in downloads derivatives share-price investment; do
    for format in svg png; do
        report "chart $series $format" 100 "$bin" chart "$series" --format "$format" -o "$work/chart.$format"
    done
done
exit $worst
