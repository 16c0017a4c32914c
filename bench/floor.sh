#!/usr/bin/env bash
# uea-screen against the libxml2 floors, in one run: `xmllint --noout` for the commands that do
# not validate, `xmllint --noout --nonet --schema` of the release's main schema for the ones that do.
#   bench/floor.sh            # release build, then every measurement
# Prints wall time (median of repeated runs), instructions (valgrind --tool=callgrind, when
# installed) and peak resident memory (/usr/bin/time), and the ratio of each uea-screen command
# to its floor. Also screens the corpus responses against one xmllint per release, with a 10,000-
# entry list, and a batch of 1,000 submissions with one and with two workers.
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
peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1 || true; }   # exit 1 (findings) is not a failure here
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "-") printf "%.2f", a / b; else printf "-" }'; }

# Each line: a command (run with the files appended) and the floor it is compared with (0: the
# first line, xmllint --noout; 1: the second, xmllint --schema). A command that is a shell
# function (floor_per_release) is given the files too.
targets=()
measure() {  # label, files...
  # The floors and every command take turns run by run (a burst of load on this shared machine
  # then hits them alike); each figure is the median of $runs runs.
  local label="$1"; shift
  printf '\n%s (%s file(s))\n' "$label" "$#"
  printf '  %-58s %10s %8s %16s %8s %10s\n' command "wall ms" ratio instructions ratio "peak MB"
  local samples=() index run
  for index in "${!lines[@]}"; do
    local args=(${lines[$index]})
    "${args[@]}" "$@" >/dev/null 2>&1 || true   # warm-up
    samples[$index]=""
  done
  # The order rotates from run to run: a command started right after another one finished pays
  # for that one's exit (measured here: 1.5-3 ms for the command right after xmllint).
  local count=${#lines[@]} slot
  for run in $(seq "$runs"); do
    for slot in $(seq 0 $((count - 1))); do
      index=$(( (slot + run) % count ))
      local args=(${lines[$index]})
      samples[$index]+="$(elapsed_us "${args[@]}" "$@") "
    done
  done
  local walls=() counts=()
  for index in "${!lines[@]}"; do
    local args=(${lines[$index]})
    local w i peak name floor
    w=$(tr ' ' '\n' <<< "${samples[$index]}" | grep . | median_ms)
    if [ "${args[0]}" = floor_per_release ]; then i="-"; peak="-"; else
      i=$(instructions "${args[@]}" "$@")
      peak=$(( $(peak_kb "${args[@]}" "$@") / 1024 ))
    fi
    walls[$index]=$w; counts[$index]=$i
    floor=${floors[$index]}
    name="${names[$index]}"
    if [ "$index" -lt 2 ]; then
      printf '  %-58s %10s %8s %16s %8s %10s\n' "$name (floor)" "$w" "" "$i" "" "$peak"
    else
      printf '  %-58s %10s %8s %16s %8s %10s\n' "$name" "$w" "$(ratio "$w" "${walls[$floor]}")" "$i" "$(ratio "$i" "${counts[$floor]}")" "$peak"
      targets+=("$label, $name: $(ratio "$w" "${walls[$floor]}")x ${names[$floor]}, peak $peak MB")
    fi
  done
}

# The main schema each file is validated against, as `uea-screen validate` reports it.
schema_of() {
  local report; report=$("$tool" validate --format json "$1" 2>/dev/null || true)   # exit 1: invalid, still reported
  python3 -c 'import json,sys; r=json.load(sys.stdin)[0]["release"]; print("schemas/espd/%s/%s" % (r["set"], r["file"]))' <<< "$report"
}
# The validating floor for many files: one xmllint per release, each over that release's files.
floor_per_release() {
  local file
  declare -A groups=()
  for file in "$@"; do groups[${release_of[$file]}]+="$file "; done
  for schema in "${!groups[@]}"; do xmllint --noout --nonet --schema "$schema" ${groups[$schema]} >/dev/null 2>&1 || true; done
}
declare -A release_of=()

single() {  # label, file
  local schema; schema=$(schema_of "$2")
  lines=("xmllint --noout" "xmllint --noout --nonet --schema $schema" "$tool inspect --format json"
    "$tool screen ${rules[*]} --format json --no-schema-validation" "$tool screen ${rules[*]} --format json")
  names=("xmllint --noout" "xmllint --noout --schema" "uea-screen inspect --format json"
    "uea-screen screen --format json --no-schema-validation" "uea-screen screen --format json")
  floors=(0 1 0 0 1)
  measure "$1" "$2"
}

echo "date: $(date -u +%Y-%m-%d), $(nproc) cores, wall time: median of $runs runs, commands taking turns"
single "largest v2.1.1 response (Extended)" "$corpus/edm-v2.1.1/EXTENDED-ESPDResponse-2.1.1.xml"
single "v4.1.0 response (1.1 MB)" "$corpus/edm-v4.1.0/ESPD-Response.xml"
mapfile -t responses < <(awk -F'\t' 'NR > 1 && $12 == "ok" && ($7 == "QualificationApplicationResponse" || $7 == "ESPDResponse") {print "'"$corpus"'/" $1}' "$corpus/MANIFEST.tsv")
for file in "${responses[@]}"; do release_of[$file]=$(schema_of "$file"); done
# One process over every file: the per-file cost once start-up and rule data are paid; --jobs 1
# is the like-for-like comparison with single-threaded xmllint. The validating floor is one
# xmllint per release over that release's files (each compiles its schemas once, as screen does).
lines=("xmllint --noout" "floor_per_release" "$tool screen ${rules[*]} --format json --no-schema-validation --jobs 1"
  "$tool screen ${rules[*]} --format json --no-schema-validation" "$tool screen ${rules[*]} --format json --jobs 1"
  "$tool screen ${rules[*]} --format json")
names=("xmllint --noout" "xmllint --schema, one per release" "screen --no-schema-validation --jobs 1"
  "screen --no-schema-validation" "screen --jobs 1" "screen")
floors=(0 1 0 0 1 1)
runs=7 measure "every well-formed corpus response" "${responses[@]}"

# The same with a 10,000-entry list (companies with made-up names; its persisted index is used).
lists="$work/watchlists"
awk 'BEGIN { srand(7); print "name,aliases,kind,birth_date,country,programme,listed_on,reference"
  split("Noord Zuid Oost West Flevo Polder Delta Kust Veen Zon Wind Staal Beton Glas Hout", a, " ")
  split("Bouw Techniek Handel Energie Logistiek Installatie Groep Holding Diensten Solar", b, " ")
  split("BV NV VOF Ltd GmbH SA LLC", c, " ")
  for (i = 1; i <= 10000; i++) printf "%s%s %s %d %s,,entity,,NL,TEST,2026-01-01,R%d\n", a[int(rand()*15)+1], b[int(rand()*10)+1], a[int(rand()*15)+1], i, c[int(rand()*7)+1], i }' > "$work/list.csv"
"$tool" watchlist import "$work/list.csv" --name synthetic --date 2026-01-01 --watchlists "$lists" --rules checklists >/dev/null
lines=("xmllint --noout" "floor_per_release" "$tool screen ${rules[*]} --watchlists $lists --format json")
names=("xmllint --noout" "xmllint --schema, one per release" "screen, 10,000-entry list")
floors=(0 1 1)
runs=7 measure "every well-formed corpus response, 10,000-entry list" "${responses[@]}"

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

printf '\nratios against the floors (issue 34: validating single <= 1.0x, corpus <= 0.8x, with a list <= 1.1x; not validating <= 1.2x)\n'
for line in "${targets[@]}"; do printf '  %s\n' "$line"; done
printf '  two workers on 1,000 submissions: %sx the throughput of one (target: near 2x)\n' "$(ratio "$one" "$two")"
