#!/bin/bash
# golden.sh - run every fixture through hleg-validate and compare standard
# output, standard error and exit status with the golden files beside it:
#
#   fixtures/dossier/...      valid: exit 0, no diagnostics, stdout = input
#   fixtures/invalid/NAME.xml NAME.err (stderr), exit 1, no stdout;
#                             NAME.args gives extra arguments
#   fixtures/hostile/NAME.xml the same
#   fixtures/warnings/NAME.xml valid with warnings: NAME.err, exit 0,
#                             stdout = input
#
# Prints TAP.  HLEG_BIN names the directory of the programs (bin by
# default), so the same goldens run against the sanitizer build;
# HLEG_WRAP is a command the programs run under (make check-valgrind).
cd "$(dirname "$0")/.." || exit 2
bin=${HLEG_BIN:-bin}
read -r -a wrap <<<"${HLEG_WRAP:-}"
limit=10
[ ${#wrap[@]} -gt 0 ] && limit=120
label=${HLEG_LABEL:-}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
n=0

ok() { n=$((n + 1)); echo "ok $n - $label$1"; }
not_ok() {
	n=$((n + 1)); echo "not ok $n - $label$1"
	[ -s "$tmp/why" ] && sed 's/^/# /' "$tmp/why"
}

for f in fixtures/dossier/roster.xml fixtures/dossier/workflow.xml \
    fixtures/dossier/documents/*.xml; do
	"${wrap[@]}" "$bin/hleg-validate" "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	: >"$tmp/why"
	[ "$status" = 0 ] || echo "exit $status, expected 0" >>"$tmp/why"
	[ -s "$tmp/err" ] && cat "$tmp/err" >>"$tmp/why"
	cmp -s "$f" "$tmp/out" || echo "stdout differs from the input" >>"$tmp/why"
	if [ -s "$tmp/why" ]; then not_ok "valid $f"; else ok "valid $f"; fi
done

for f in fixtures/invalid/*.xml fixtures/hostile/*.xml fixtures/warnings/*.xml; do
	base=${f%.xml}
	expected_status=1
	case $f in fixtures/warnings/*) expected_status=0 ;; esac
	args=()
	[ -f "$base.args" ] && read -r -a args <"$base.args"
	timeout "$limit" "${wrap[@]}" "$bin/hleg-validate" "${args[@]}" "$f" >"$tmp/out" 2>"$tmp/err"
	status=$?
	: >"$tmp/why"
	[ "$status" = "$expected_status" ] ||
		echo "exit $status, expected $expected_status" >>"$tmp/why"
	diff -u "$base.err" "$tmp/err" >>"$tmp/why" 2>&1
	if [ "$expected_status" = 0 ]; then
		cmp -s "$f" "$tmp/out" || echo "stdout differs from the input" >>"$tmp/why"
	else
		[ -s "$tmp/out" ] && echo "an invalid document reached stdout" >>"$tmp/why"
	fi
	if [ -s "$tmp/why" ]; then not_ok "$f"; else ok "$f"; fi
done
echo "1..$n"
