# Post-processes the man pages that swift-argument-parser's generate-manual writes (mdoc):
# - no hyphenation (`.nh`, and `.hy` made a no-op: the mdoc macros turn it on again per paragraph):
#   an option or word split across lines ("--no-schema-valida-tion") cannot be typed or searched;
# - the "Examples:" block of a command's help as a literal display, one example per line;
# - the real exit codes instead of `.Ex -std` ("exits 0 on success, and >0 if an error occurs"):
#   the command's own "Exit codes:" line, else the tool's.
#   awk -f scripts/manual.awk uea-screen.screen.1 > fixed.1
BEGIN {
    general = "Exit codes: 0 success, 1 findings that need a jurist (screen, match) or a broken entry (verify), 2 input refused or unreadable, 64 usage error."
}
/^\.Os/ { print; print ".nh"; print ".de hy"; print ".."; next }
/^Exit codes:/ { exitline = $0 }
inexamples && /^\./ { print ".Ed"; inexamples = 0 }
/^Examples:$/ { print; print ".Bd -literal -offset indent"; inexamples = 1; next }
/^\.Ex -std/ { print (exitline != "" ? exitline : general); next }
{ print }
END { if (inexamples) print ".Ed" }
