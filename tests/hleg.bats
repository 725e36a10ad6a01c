#!/usr/bin/env bats
# The hleg dispatcher, the man pages, and the coverage of the rules by
# fixtures.

load bin

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	P=fixtures/dossier/documents/HLEG-P-2008-004.xml
	T=$BATS_TEST_TMPDIR
}

@test "hleg validate is hleg-validate" {
	run $BIN/hleg validate -q fixtures/invalid/R004-number-prefix.xml
	[ "$status" -eq 1 ]
	[[ "$output" == "hleg-validate: fixtures/invalid/R004-number-prefix.xml:18:3: error: "*"[HLEG-R004]" ]]
	$BIN/hleg validate <"$P" | cmp - "$P"
}

@test "hleg finds hleg-VERB beside itself even when it is not on PATH" {
	PATH=/usr/bin:/bin run "$BIN/hleg" validate -q "$P"
	[ "$status" -eq 0 ]
}

@test "hleg finds hleg-VERB on PATH when it is not beside it" {
	mkdir -p "$T/a" "$T/b"
	cp $BIN/hleg "$T/a/"
	printf '#!/bin/sh\necho "from PATH: $*"\n' >"$T/b/hleg-hello"
	chmod +x "$T/b/hleg-hello"
	PATH="$T/b:$PATH" run "$T/a/hleg" hello one two
	[ "$status" -eq 0 ]
	[ "$output" = "from PATH: one two" ]
}

@test "hleg help lists the verbs" {
	run $BIN/hleg help
	[ "$status" -eq 0 ]
	[[ "$output" == *"validate "*"validate documents against the schemas and rules"* ]]
	run $BIN/hleg --help
	[ "$status" -eq 0 ]
}

@test "hleg help VERB prints the verb's usage" {
	run $BIN/hleg help validate
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "usage: hleg-validate "* ]]
}

@test "an unknown verb is exit 2 with a clear message" {
	run $BIN/hleg frobnicate
	[ "$status" -eq 2 ]
	[ "$output" = "hleg: 'frobnicate' is not an hleg verb; see 'hleg help'" ]
}

@test "a verb that is not a word is refused before any lookup" {
	run $BIN/hleg ../../bin/sh
	[ "$status" -eq 2 ]
	[ "$output" = "hleg: '../../bin/sh' is not a verb; see 'hleg help'" ]
	run $BIN/hleg help ../x
	[ "$status" -eq 2 ]
}

@test "hleg without a verb prints its usage, as the man page has it" {
	run $BIN/hleg
	[ "$status" -eq 2 ]
	synopsis=$(man_synopsis hleg)
	[ "${lines[0]}" = "usage: $(echo "$synopsis" | sed -n 1p)" ]
	[ "$(echo "${lines[1]}" | sed 's/^ *//')" = "$(echo "$synopsis" | sed -n 2p)" ]
}

@test "hleg --version" {
	run $BIN/hleg --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg (hleg) "* ]]
}

@test "every man page is clean under mandoc -T lint" {
	run mandoc -T lint -W warning man/*.1
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "every program has a man page and every verb is in hleg(1)" {
	for c in src/hleg-*.c; do
		p=$(basename "$c" .c)
		[ -f "man/$p.1" ] || { echo "no man/$p.1"; return 1; }
		grep -q "^\.Xr $p 1" man/hleg.1 || { echo "$p not in hleg(1)"; return 1; }
		$BIN/hleg help | grep -q "^  ${p#hleg-} " || { echo "$p not in hleg help"; return 1; }
	done
}

@test "every rule of rules.sch has a failing fixture, a golden error and a line in the man page" {
	ids=$(grep -o 'id="HLEG-R[0-9]*"' schemas/rules.sch | sed 's/id="\(.*\)"/\1/' | sort -u)
	[ "$(echo "$ids" | wc -l)" -ge 30 ]
	for id in $ids; do
		grep -l "\[$id\]" fixtures/invalid/*.err fixtures/warnings/*.err >/dev/null ||
		    { echo "no golden diagnostic for $id"; return 1; }
		grep -q "^\.It $id\$" man/hleg-validate.1 ||
		    { echo "$id is not in hleg-validate(1)"; return 1; }
	done
}

@test "every parse and safety rule has a fixture" {
	for id in HLEG-P001 HLEG-P003 HLEG-P004 HLEG-P005 HLEG-P006 HLEG-S001; do
		cat fixtures/invalid/*.err fixtures/hostile/*.err | grep -q "\[$id\]" ||
		    { echo "no fixture for $id"; return 1; }
	done
}
