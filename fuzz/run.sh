#!/usr/bin/env bash
# Builds the libFuzzer targets with AddressSanitizer and runs each for a bounded time.
#   fuzz/run.sh [SECONDS_PER_TARGET]     (default 60)
# Seeds: every XML of ../shared/corpus/espd, the samples, the hostile test files (XML and ESPD) and
# fuzz/seeds/; fuzz/espd.dict holds the tokens of the ESPD evasion classes.
# A crash stops the run with exit 1 and leaves the input in fuzz/crashes/; fix the bug and move the
# input to fuzz/regressions/<target>/ (the tests replay those).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scratch=.build-fuzz
swift build --scratch-path "$scratch" --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING \
  --product fuzz-espd 2>&1 | tail -1
swift build --scratch-path "$scratch" --sanitize fuzzer --sanitize address -Xswiftc -DFUZZING \
  --product fuzz-inputs 2>&1 | tail -1
bin="$(swift build --scratch-path "$scratch" --show-bin-path)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p fuzz/crashes "$work/espd" "$work/inputs"

# Seed corpora (copies: libFuzzer adds new inputs to the first corpus folder).
find ../shared/corpus/espd -name '*.xml' -size -400k -exec cp {} "$work/espd/" \; 2>/dev/null || true
cp samples/zonnepark-lelystad/bidders/*/*.xml Tests/SafeXMLTests/Hostile/*.xml Tests/ESPDTests/Hostile/*.xml "$work/espd/" 2>/dev/null || true
cp fuzz/regressions/espd/* "$work/espd/" 2>/dev/null || true
cp samples/zonnepark-lelystad/bidders/*/*.csv samples/zonnepark-lelystad/bidders/*/*.yaml samples/zonnepark-lelystad/tender.yaml \
   samples/lists/* fuzz/seeds/inputs/* "$work/inputs/" 2>/dev/null || true
cp fuzz/regressions/inputs/* "$work/inputs/" 2>/dev/null || true

status=0
for target in espd inputs; do
  echo "fuzz-$target: ${seconds}s"
  # detect_leaks=0: Foundation keeps caches alive for the life of the process by design.
  dict=(); [ "$target" = espd ] && dict=(-dict=fuzz/espd.dict)
  if ! ASAN_OPTIONS=detect_leaks=0 "$bin/fuzz-$target" "$work/$target" "${dict[@]}" -max_total_time="$seconds" -max_len=200000 \
       -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 -artifact_prefix="fuzz/crashes/$target-" 2> "$work/$target.log"; then
    status=1
    tail -40 "$work/$target.log"
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs" "$work/$target.log" || tail -3 "$work/$target.log"
done
if [ "$status" -ne 0 ]; then echo "fuzzing found a crash: see fuzz/crashes/"; else echo "fuzzing: no findings"; fi
exit "$status"
