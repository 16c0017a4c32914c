#!/usr/bin/env bash
# Browser test of the auditors' export: screens the sample tender into a fresh store, exports it as
# HTML, renders the pages in headless Chromium and checks what a person sees: the text of a blocker
# finding in the rendered report (printed to PDF and read back with pdftotext), the bidders and the
# verification status on the index page, and the tender overview after a jurist's decisions (printed
# to PDF: title, outcomes after review, who decided, page numbers, tender on every page, signature
# block) and a reviewed dossier (outcome after review, who decided). Screenshots and the overview
# PDF are kept in artifacts/browser/.
# Not part of `swift test` (it needs Chromium); .ci/run runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null
}
swift build --product uea-screen 2>&1 | tail -1
bin="$(swift build --show-bin-path)/uea-screen"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
artifacts=artifacts/browser
mkdir -p "$artifacts"

"$bin" screen samples/zonnepark-lelystad --store "$work/store.sqlite" --lang en >/dev/null 2>&1 || true
"$bin" dossier export --store "$work/store.sqlite" --tender PFL-2026-017 --html "$work/html" --lang en --plain
report=$(grep -l "Sunrise PV Trading GmbH" "$work"/html/reports/*.html | head -1)
# The jurist's review and the tender overview for the award advice, printed to PDF as a person would.
sunrise=$("$bin" dossier list --store "$work/store.sqlite" --bidder "Sunrise PV Trading" | cut -c1-8)
devries=$("$bin" dossier list --store "$work/store.sqlite" --bidder "Bouwgroep De Vries" | cut -c1-8)
# The decider is a registered person (the account running the tool), signing with their own key.
"$bin" team init --name "A. Jurist" --role jurist --store "$work/store.sqlite" >/dev/null
# Name-match hits are cleared one by one: the asset-freeze hit (the blocker), by its fingerprint.
hit=$("$bin" review "$sunrise" --store "$work/store.sqlite" --lang en | awk '$2 == "blocker" && $3 ~ /^sanctions\.listed-party/ {print $1}')
# A clearance states the identity evidence; an exclusion its proportionality and the day the bidder was heard.
"$bin" review "$sunrise" "$hit" --decision not-the-listed-party --reason "another entity: other registration number" \
  --registration "KvK 87654321; the listed party: OGRN 1022402646178" --store "$work/store.sqlite" >/dev/null
"$bin" review "$devries" exclusion.conflict-unexplained --decision ground-confirmed --reason "involved in preparing the tender" \
  --proportionality "the advantage cannot be removed otherwise" --heard 2026-01-05 --store "$work/store.sqlite" >/dev/null
"$bin" overview PFL-2026-017 --store "$work/store.sqlite" --lang en --out "$work/overview" >/dev/null
"$bin" review "$sunrise" --store "$work/store.sqlite" --lang en --format html > "$work/reviewed.html"

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars)
"${chrome[@]}" --print-to-pdf="$work/report.pdf" "file://$report" 2>/dev/null
pdftotext -layout "$work/report.pdf" "$work/report.txt"
"${chrome[@]}" --window-size=1280,1800 --screenshot="$artifacts/report.png" "file://$report" 2>/dev/null
"${chrome[@]}" --window-size=1280,900 --screenshot="$artifacts/index.png" "file://$work/html/index.html" 2>/dev/null
"${chrome[@]}" --dump-dom "file://$work/html/index.html" 2>/dev/null > "$work/index.dom"
"${chrome[@]}" --print-to-pdf="$work/overview.pdf" "file://$work/overview/overview.html" 2>/dev/null
cp "$work/overview.pdf" "$artifacts/overview.pdf"
pdftotext -layout "$work/overview.pdf" "$work/overview.txt"
"${chrome[@]}" --window-size=1280,1400 --screenshot="$artifacts/overview.png" "file://$work/overview/overview.html" 2>/dev/null
"${chrome[@]}" --print-to-pdf="$work/reviewed.pdf" "file://$work/reviewed.html" 2>/dev/null
pdftotext -layout "$work/reviewed.pdf" "$work/reviewed.txt"
"${chrome[@]}" --dump-dom "file://$work/reviewed.html" 2>/dev/null > "$work/reviewed.dom"

passed=0; failed=0
check() {  # description, file, text
  if tr -s ' \n' ' ' < "$2" | grep -qF -- "$3"; then passed=$((passed + 1)); echo "ok: $1"
  else failed=$((failed + 1)); echo "FAILED: $1 (no \"$3\" in $2)"; fi
}
check "the report shows the blocker heading" "$work/report.txt" "Blocker (1)"
check "the report shows the asset-freeze blocker finding" "$work/report.txt" "No funds or economic resources may be made available"
check "the report shows the Xinjiang finding" "$work/report.txt" "is located in Xinjiang"
check "the report shows the legal basis of a finding" "$work/report.txt" "Council Regulation (EU) No 269/2014 art. 2"
check "the index lists the bidders" "$work/index.dom" "Bouwgroep De Vries Holding B.V."
check "the index shows the verification status" "$work/index.dom" "chain verified at export: 5 entries"
check "the report does not print an absent KvK number" "$work/report.txt" "Sunrise PV Trading GmbH DE"
check "the overview has its title" "$work/overview.txt" "Screening overview for the award advice"
check "the overview shows an excluded bidder after review" "$work/overview.txt" "excluded"
check "the overview names who decided" "$work/overview.txt" "A. Jurist"
check "the printed overview has page numbers" "$work/overview.txt" "Page 1 of"
check "the printed overview has the tender on every page" "$work/overview.txt" "Tender PFL-2026-017"
check "the overview has a signature block" "$work/overview.txt" "Signature"
check "the overview names the authority" "$work/overview.txt" "Contracting authority: Provincie Flevoland"
check "the overview gives the reference date" "$work/overview.txt" "Reference date (for the age of evidence and exclusion periods): 2026-10-15"
check "the overview has two signatories" "$work/overview.txt" "Adopted by (with the mandate)"
check "the overview states the AVG basis" "$work/overview.txt" "GDPR art. 10, UAVG art. 33"
# One person's clearance of a blocker is a proposal: the blocker stays until a second person confirms it.
check "the reviewed dossier keeps the blocker of an unconfirmed decision" "$work/reviewed.txt" "After review: blocker"
check "the reviewed dossier shows the decision and who proposed it" "$work/reviewed.dom" "not the listed party (proposed by A. Jurist"
check "the reviewed dossier says the decision awaits a second person" "$work/reviewed.dom" "proposal, not yet confirmed by a second person"
check "the reviewed dossier shows the identity evidence the clearance states" "$work/reviewed.dom" "registration number: KvK 87654321"
for png in "$artifacts/report.png" "$artifacts/index.png" "$artifacts/overview.png"; do
  if [ -s "$png" ]; then passed=$((passed + 1)); echo "ok: screenshot $png"; else failed=$((failed + 1)); echo "FAILED: no screenshot $png"; fi
done
echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
