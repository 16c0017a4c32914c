#!/usr/bin/env bash
# uea-screen against the libxml2 floor (xmllint --noout on the same files), in one run.
#   bench/floor.sh            # release build, then every measurement
# Prints wall time (mean of repeated runs), instructions (valgrind --tool=callgrind, when installed)
# and peak resident memory (/usr/bin/time), and the ratio of each uea-screen command to the floor.
# Also screens a batch of 1,000 submissions with one and with two workers.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=../shared/corpus/espd
runs="${RUNS:-10}"
# The build the README recommends for use: the Swift runtime and Foundation linked in
# (--static-swift-stdlib saves ~6 ms of shared-library loading per start), and type metadata by
# direct accessors in the dependencies too (Package.swift sets it for our own modules; see the
# comment there). Its own build folder, so the debug/test builds in .build are left alone.
swift build -c release --product uea-screen --static-swift-stdlib --build-path .build-static \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors 2>&1 | tail -1
bin=.build-static/release/uea-screen
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$bin" "$work/uea-screen" && strip "$work/uea-screen"   # callgrind cannot read the toolchain's DWARF
tool="$work/uea-screen"
rules=(--rules checklists --templates templates)

elapsed_us() {  # wall time of one run of "$@" in microseconds (output discarded)
  local start end
  start=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  end=$(date +%s%N)
  echo $(( (end - start) / 1000 ))
}
median_ms() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }
wall_ms() {  # median wall time in ms of "$@" over $runs runs, after one warm-up run
  "$@" >/dev/null 2>&1 || true
  for _ in $(seq "$runs"); do elapsed_us "$@"; done | median_ms
}
instructions() {
  command -v valgrind >/dev/null || { echo "-"; return; }
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$@" >/dev/null 2>&1 || true
  awk '/^summary:/ {print $2}' "$work/cg.out"
}
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "-") printf "%.2f", a / b; else printf "-" }'; }

commands=("inspect --format json" "screen --format json")
targets=()
measure() {  # label, files...
  # The floor and every command take turns run by run (a burst of load on this shared machine
  # then hits them alike); each figure is the median of $runs runs.
  local label="$1"; shift
  printf '\n%s (%s file(s))\n' "$label" "$#"
  printf '  %-42s %10s %8s %16s %8s %10s\n' command "wall ms" ratio instructions ratio "peak MB"
  local lines=("xmllint --noout")
  for cmd in "${commands[@]}"; do lines+=("$tool $cmd"); done
  local samples=() index run
  for index in "${!lines[@]}"; do
    local args=(${lines[$index]}); [ "${args[1]:-}" = screen ] && args+=("${rules[@]}")
    "${args[@]}" "$@" >/dev/null 2>&1 || true   # warm-up
    samples[$index]=""
  done
  # The order rotates from run to run: a command started right after another one finished pays
  # for that one's exit (measured here: 1.5-3 ms for the command right after xmllint).
  local count=${#lines[@]} slot
  for run in $(seq "$runs"); do
    for slot in $(seq 0 $((count - 1))); do
      index=$(( (slot + run) % count ))
      local args=(${lines[$index]}); [ "${args[1]:-}" = screen ] && args+=("${rules[@]}")
      samples[$index]+="$(elapsed_us "${args[@]}" "$@") "
    done
  done
  local floor_wall floor_instructions
  for index in "${!lines[@]}"; do
    local args=(${lines[$index]}); [ "${args[1]:-}" = screen ] && args+=("${rules[@]}")
    local w i name
    w=$(tr ' ' '\n' <<< "${samples[$index]}" | grep . | median_ms)
    i=$(instructions "${args[@]}" "$@")
    if [ "$index" = 0 ]; then floor_wall=$w; floor_instructions=$i; name="xmllint --noout (floor)"; else name="uea-screen ${commands[$((index - 1))]}"; fi
    local peak=$(( $(peak_kb "${args[@]}" "$@") / 1024 ))
    printf '  %-42s %10s %8s %16s %8s %10s\n' "$name" "$w" "$(ratio "$w" "$floor_wall")" "$i" "$(ratio "$i" "$floor_instructions")" "$peak"
    case "$name" in
      "uea-screen screen --format json") targets+=("screen, $label: $(ratio "$w" "$floor_wall")x the floor (target 1.5x), peak $peak MB (target 50 MB)") ;;
      "uea-screen screen --format json --jobs 1") targets+=("screen --jobs 1, $label: $(ratio "$w" "$floor_wall")x the floor per file (target 1.5x)") ;;
    esac
  done
}

echo "date: $(date -u +%Y-%m-%d), $(nproc) cores, wall time: median of $runs runs, commands taking turns"
measure "largest v2.1.1 response (Extended)" "$corpus/edm-v2.1.1/EXTENDED-ESPDResponse-2.1.1.xml"
measure "v4.1.0 response (1.1 MB)" "$corpus/edm-v4.1.0/ESPD-Response.xml"
mapfile -t responses < <(awk -F'\t' 'NR > 1 && $12 == "ok" && ($7 == "QualificationApplicationResponse" || $7 == "ESPDResponse") {print "'"$corpus"'/" $1}' "$corpus/MANIFEST.tsv")
# One process over every file: the per-file cost once start-up and rule data are paid; --jobs 1
# is the like-for-like comparison with single-threaded xmllint.
commands=("inspect --format json" "screen --format json --jobs 1" "screen --format json")
runs=7 measure "every well-formed corpus response" "${responses[@]}"

# 1,000 submissions: one folder per bidder, cycling through the corpus responses.
batch="$work/batch"
for i in $(seq 1000); do
  mkdir -p "$batch/bidder-$i"
  cp "${responses[$(( i % ${#responses[@]} ))]}" "$batch/bidder-$i/espd.xml"   # a copy: screen refuses symbolic links
done
printf '\nbatch of 1,000 submissions (screen, text summary; median of 5 alternating runs)\n'
batch_one="" batch_two=""
for _ in $(seq 5); do
  batch_one+="$(elapsed_us "$tool" screen "${rules[@]}" --jobs 1 "$batch") "
  batch_two+="$(elapsed_us "$tool" screen "${rules[@]}" --jobs 2 "$batch") "
done
one=$(tr ' ' '\n' <<< "$batch_one" | grep . | median_ms)
two=$(tr ' ' '\n' <<< "$batch_two" | grep . | median_ms)
printf '  --jobs 1: %s ms (%s bidders/s)   --jobs 2: %s ms (%s bidders/s)   speed-up %s\n' \
  "$one" "$(awk -v t="$one" 'BEGIN{printf "%.0f", 1000000/t}')" "$two" "$(awk -v t="$two" 'BEGIN{printf "%.0f", 1000000/t}')" "$(ratio "$one" "$two")"
printf '  peak MB with --jobs 2: %s\n' "$(( $(peak_kb "$tool" screen "${rules[@]}" --jobs 2 "$batch") / 1024 ))"

printf '\ntargets (issue 6)\n'
for line in "${targets[@]}"; do printf '  %s\n' "$line"; done
printf '  two workers on 1,000 submissions: %sx the throughput of one (target: near 2x)\n' "$(ratio "$one" "$two")"
