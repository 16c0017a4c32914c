#!/usr/bin/env bash
# The dossier store at scale (issue 28, C3): BIDDERS distinct bidders (default 2,000), screened
# once and then VERSIONS times in all (default 4), so the same tender holds BIDDERS and then
# BIDDERS × VERSIONS dossiers. At each size: `dossier export --tender` (every version), `dossier
# verify` of the store and `dossier verify --bundle`, each with its wall time and peak resident
# memory (/usr/bin/time), and export time per dossier. Done when export per dossier at the largest
# size is ≤ 1.3× that at the smallest, and each command stays ≤ 120 MB.
#   bench/export-scale.sh                       # 2,000 bidders, 1 and 4 versions
#   BIDDERS=500 VERSIONS=2 bench/export-scale.sh
# The bidders are the sample's bidder 4 (a 60 kB UEA of 2016) with the name and KvK number of
# each bidder written in; screening skips schema validation (it is not what is measured here).
set -euo pipefail
cd "$(dirname "$0")/.."
bidders="${BIDDERS:-2000}"
versions="${VERSIONS:-4}"
swift build -c release --product uea-screen 2>&1 | tail -1
tool="$PWD/.build/release/uea-screen"
[ -x /usr/bin/time ] || { echo "export-scale: /usr/bin/time is not installed (Debian package time)" >&2; exit 2; }
work="$(mktemp -d)"
# KEEP=1 leaves the folder (store, bundle) for a closer look and prints its path.
if [ -n "${KEEP:-}" ]; then echo "export-scale: working in $work (kept)" >&2; else trap 'rm -rf "$work"' EXIT; fi
export XDG_CONFIG_HOME="$work/config"   # the store's own keys, not the user's
template=samples/zonnepark-lelystad/bidders/4-bouwgroep-de-vries/uea-2016.xml
mkdir -p "$work/bids"
for i in $(seq "$bidders"); do
  sed -e "s/Bouwgroep De Vries Holding B.V./Bouwgroep Schaal $i B.V./" -e "s/>75120466</>$(printf '%08d' $((10000000 + i)))</" \
    "$template" > "$work/bids/bid-$i.xml"
done
printf 'id: PFL-SCALE\nname: Schaaltest\nprocedure: europees\n' > "$work/tender.yaml"
store="$work/store.sqlite"

# One command under /usr/bin/time: "<seconds> <peak MB>". Exit 0 is expected, and 1 from screen
# (a bidder with a finding); anything else stops the benchmark with the command's last line.
measure() {
  local status=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || status=$?
  if [ "$status" -gt 1 ] || { [ "$status" -eq 1 ] && [ "$2" != screen ]; }; then
    echo "export-scale: '$*' exited $status: $(grep -v 'Command exited' "$work/stderr" | tail -1)" >&2
    exit 2
  fi
  tail -1 "$work/time" | awk '{ printf "%s %.0f", $1, $2 / 1024 }'
}

screen_round() {
  measure "$tool" screen "$work/bids" --each-file --jobs 2 --no-schema-validation --tender "$work/tender.yaml" \
    --store "$store" --format json
}

printf '| dossiers | screen round | store verify | export | export per dossier | bundle | bundle verify |\n'
printf '|---|---|---|---|---|---|---|\n'
first_per=""
for round in $(seq "$versions"); do
  read -r screen_s screen_mb <<< "$(screen_round)"
  [ "$round" -eq 1 ] || [ "$round" -eq "$versions" ] || continue
  dossiers=$((bidders * round))
  read -r verify_s verify_mb <<< "$(measure "$tool" dossier verify --store "$store")"
  rm -f "$work/x.tar"
  read -r export_s export_mb <<< "$(measure "$tool" dossier export --tender PFL-SCALE --store "$store" --out "$work/x.tar" --plain)"
  bundle_mb=$(( $(stat -c %s "$work/x.tar") / 1024 / 1024 ))
  read -r bundle_s bundle_verify_mb <<< "$(measure "$tool" dossier verify --bundle "$work/x.tar")"
  per=$(awk -v s="$export_s" -v n="$dossiers" 'BEGIN { printf "%.2f", s * 1000 / n }')
  [ -n "$first_per" ] || first_per="$per"
  printf '| %d | %s s, %s MB | %s s, %s MB | %s s, %s MB | %s ms | %s MB | %s s, %s MB |\n' "$dossiers" "$screen_s" "$screen_mb" \
    "$verify_s" "$verify_mb" "$export_s" "$export_mb" "$per" "$bundle_mb" "$bundle_s" "$bundle_verify_mb"
done
awk -v a="$first_per" -v b="$per" 'BEGIN { printf "export per dossier, largest / smallest: %.2fx (target <= 1.3x)\n", b / a }'
