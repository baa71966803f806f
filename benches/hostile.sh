#!/usr/bin/env bash
# Time and peak memory of `timeline --format json` on one hostile article of 1, 2, 4 and 8 MB
# for each worst shape found (issue 11): the time must grow linearly with the size.
#
#   benches/hostile.sh [SHAPE...]
#
# Shapes: numbers (four-digit numbers, spaces), clauses (", " between them: one sentence of
# many clauses), lines ("7\n" lines), controls (BEL/ESC), format (figures with zero-width
# characters inside), names (title-case words between numbers), dates (ISO dates between numbers).
# Each run has an empty cache, so the article is extracted. Needs GNU time (/usr/bin/time).
# The release binary is used as built: run `cargo build --release` first.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-target/release/qwen-story}
[[ -x $bin ]] || { echo "build first: cargo build --release" >&2; exit 2; }
shapes=("$@")
[[ ${#shapes[@]} -gt 0 ]] || shapes=(numbers clauses lines controls format names dates)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes an article of about $2 MB of shape $1 to $3.
make_article() {
    python3 - "$1" "$2" "$3" <<'PY'
import sys
shape, mb, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
unit = {
    "numbers": "{n} ",
    "clauses": "{n}, ",
    "lines": "7\n",
    "controls": "\a\x1b",
    "format": "7\u200b00\u200f millones ",
    "names": "Berlin {n} ",
    "dates": "2025-03-13 {n} ",
}[shape]
size = mb * 1024 * 1024
parts, total, n = [], 0, 0
while total < size:
    piece = unit.format(n=1000 + n % 9000)
    parts.append(piece)
    total += len(piece.encode())
    n += 1
body = "Alibaba's Qwen downloads " + "".join(parts) + "\n"
with open(path, "w") as f:
    f.write('+++\nid = "hostile"\nlang = "es"\npublished = "2026-01-16"\n+++\n' + body)
PY
}

printf '%-9s %4s %9s %10s %8s\n' shape MB seconds peak_MB MB/MB
for shape in "${shapes[@]}"; do
    for mb in 1 2 4 8; do
        dir=$work/$shape-$mb
        mkdir -p "$dir"
        make_article "$shape" "$mb" "$dir/a.md"
        rm -rf "$work/cache"
        XDG_CACHE_HOME=$work/cache XDG_DATA_HOME=$work/data \
            /usr/bin/time -f '%e %M' -o "$work/time" \
            "$bin" --corpus "$dir" timeline --format json >/dev/null 2>&1 || true
        read -r secs kb <"$work/time"
        awk -v s="$shape" -v m="$mb" -v t="$secs" -v k="$kb" \
            'BEGIN { printf "%-9s %4d %9.2f %10.1f %8.1f\n", s, m, t, k / 1024, k / 1024 / m }'
        rm -rf "$dir"
    done
done
