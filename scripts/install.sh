#!/usr/bin/env bash
# Installs uea-screen: the release binary in PREFIX/bin, the rule data and report templates in
# PREFIX/share/uea-screen (where the binary looks for them), shell completions and a man page.
#   scripts/install.sh [PREFIX]          (default /usr/local; `make install PREFIX=…` calls this)
#   UEA_SCREEN_BINARY=path scripts/install.sh PREFIX   installs that binary instead of building one
# Works as root and as a user who owns PREFIX; no sudo inside.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${1:-${PREFIX:-/usr/local}}"
binary="${UEA_SCREEN_BINARY:-}"
if [ -z "$binary" ]; then
  # The build the README recommends: the Swift runtime linked in, direct type-metadata accessors.
  swift build -c release --product uea-screen --static-swift-stdlib \
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors 2>&1 | tail -1
  binary="$(swift build -c release --show-bin-path)/uea-screen"
fi
share="$prefix/share/uea-screen"
mkdir -p "$prefix/bin" "$share" "$prefix/share/man/man1" \
  "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 0755 "$binary" "$prefix/bin/uea-screen"
rm -rf "$share/checklists" "$share/templates" "$share/schemas"
cp -R checklists templates schemas "$share/"
chmod -R u=rwX,go=rX "$share"
"$prefix/bin/uea-screen" --generate-completion-script bash > "$prefix/share/bash-completion/completions/uea-screen"
"$prefix/bin/uea-screen" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_uea-screen"
"$prefix/bin/uea-screen" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/uea-screen.fish"
# The man pages from the commands' own help (swift-argument-parser's generate-manual plugin; it
# writes to .build/plugins/GenerateManual/outputs/).
if [ -z "${UEA_SCREEN_NO_MANUAL:-}" ]; then
  if swift package generate-manual --multi-page --configuration debug >/dev/null 2>&1; then
    # Real exit codes, no hyphenated options, examples one per line (scripts/manual.awk).
    for page in .build/plugins/GenerateManual/outputs/uea-screen/*.1; do
      awk -f scripts/manual.awk "$page" > "$prefix/share/man/man1/$(basename "$page")"
    done
  else
    echo "install: the man pages could not be generated (swift package generate-manual); everything else is installed" >&2
  fi
fi
echo "installed $("$prefix/bin/uea-screen" --version) in $prefix (rule data and templates in $share)"
# What a user adds to the shell's profile when PREFIX is not on PATH and MANPATH already.
cat <<EOF
To call it by name and read its manual, add to ~/.profile (or your shell's start file):
  export PATH="$prefix/bin:\$PATH"
  export MANPATH="$prefix/share/man:\$MANPATH"
Completions: bash reads $prefix/share/bash-completion/completions/uea-screen (or: source it from ~/.bashrc);
  zsh: fpath=($prefix/share/zsh/site-functions \$fpath) before compinit; fish reads $prefix/share/fish/vendor_completions.d.
Then: uea-screen init aanbestedingen/MIJN-AANBESTEDING   (see README, "First tender")
EOF
