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

# Microseconds since the epoch: bash 5's clock without a fork, else date(1).
now_us() {
    if [[ -n ${EPOCHREALTIME:-} ]]; then
        local t=${EPOCHREALTIME/[.,]/}
        echo "${t#0}"
    else
        echo $(($(date +%s%N) / 1000))
    fi
}

# Sets cpu_us to the CPU time (user + system) of all finished children of this shell, in
# microseconds, from the `times` builtin. Called directly, not in $(...): a subshell's
# `times` would count only its own children.
children_cpu_us() {
    times >"$work/times"
    cpu_us=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]);
                   printf "%.0f", ((u[1] * 60 + u[2]) + (s[1] * 60 + s[2])) * 1000000 }' "$work/times")
}

# Prints "mean min max cpu" in milliseconds of $runs runs of the command: wall-clock
# mean, min and max, and mean CPU time (which a busy machine inflates much less).
time_runs() {
    "$@" >/dev/null # warm-up: fills the cache, pages the binary in
    local total=0 min=999999999 max=0 start end t cpu0 cpu1
    children_cpu_us
    cpu0=$cpu_us
    for ((i = 0; i < runs; i++)); do
        start=$(now_us)
        "$@" >/dev/null
        end=$(now_us)
        t=$((end - start))
        total=$((total + t))
        if ((t < min)); then min=$t; fi
        if ((t > max)); then max=$t; fi
    done
    children_cpu_us
    cpu1=$cpu_us
    awk -v t="$total" -v n="$runs" -v lo="$min" -v hi="$max" -v c="$((cpu1 - cpu0))" \
        'BEGIN { printf "%6.1f %6.1f %6.1f %6.1f", t / n / 1000, lo / 1000, hi / 1000, c / n / 1000 }'
}

worst=0
report() { # label limit_ms command...
    local label=$1 limit=$2
    shift 2
    local figures
    figures=$(time_runs "$@")
    local mean min max cpu
    read -r mean min max cpu <<<"$figures"
    local flag=ok
    if awk -v m="$mean" -v l="$limit" 'BEGIN { exit !(m > l) }'; then flag="OVER ${limit} ms"; worst=1; fi
    printf '%-34s %s   %s\n' "$label" "$figures" "$flag"
}

echo "runs per command: $runs; load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "times in ms: wall mean, min, max; cpu mean (user + sys); the target is on the wall mean"
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
