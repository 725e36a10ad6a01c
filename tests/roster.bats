#!/usr/bin/env bats
# hleg-roster: the composition of a roster by category, region, work area
# and official, as text and as XML.

load bin

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	R=$BIN/hleg-roster
	D=fixtures/dossier/roster.xml
	W=fixtures/warnings/roster-R020-R021-seats-short.xml
	T=$BATS_TEST_TMPDIR
}

@test "the embedded roster: every category and region ok, as the golden file" {
	$R "$D" >"$T/out" 2>"$T/err"
	diff -u fixtures/roster/dossier.txt "$T/out"
	[ ! -s "$T/err" ]
	grep -Eq '^member-state +10 +10  ok$' "$T/out"
	[ "$(grep -cE '^[A-E] .* 2 +2  ok ' "$T/out")" -eq 5 ]
}

@test "seats short: missing 1 for member-state, industry and region E, exit 0" {
	$R "$W" >"$T/out" 2>"$T/err"
	grep -Eq '^member-state +10 +9  missing 1$' "$T/out"
	grep -Eq '^industry +20 +19  missing 1$' "$T/out"
	grep -Eq '^E +Asia and Australasia +2 +1  missing 1  MY$' "$T/out"
	grep -Eq '^academia +5 +5  ok$' "$T/out"
	grep -q '^total: 48 members of 50 seats, missing 2$' "$T/out"
	grep -q "^hleg-roster: $W:3:1: warning: .*region(s) E have fewer.*\[HLEG-R020\]$" "$T/err"
	grep -q "^hleg-roster: $W:3:1: warning: seats are unfilled: member-state 9 of 10; industry 19 of 20 \[HLEG-R021\]$" "$T/err"
	[ "$(wc -l <"$T/err")" -eq 2 ]
}

@test "a category over its seats: over 1, the table still shown, exit 1" {
	f=fixtures/invalid/roster-R028-category-over.xml
	$R "$f" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	grep -Eq '^academia +5 +6  over 1$' "$T/out"
	grep -q "^hleg-roster: $f:277:3: error: 'm40' exceeds the 5 seats of category academia \[HLEG-R028\]$" "$T/err"
}

@test "a Sector without a liaison is flagged" {
	$R fixtures/invalid/roster-R031-two-liaisons.xml >"$T/out" 2>/dev/null || status=$?
	[ "$status" -eq 1 ]
	grep -Eq '^liaison +ITU-T +- +missing: this Sector has no liaison$' "$T/out"
	[ "$(grep -c '^liaison  *ITU-R ' "$T/out")" -eq 2 ]
}

@test "standard input, with or without -, gives the same table" {
	$R <"$D" >"$T/a"
	$R - <"$D" >"$T/b"
	diff -u fixtures/roster/dossier.txt "$T/a"
	diff -u fixtures/roster/dossier.txt "$T/b"
	run $R - <fixtures/invalid/roster-R028-category-over.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"hleg-roster: <stdin>:277:3: error: "*"[HLEG-R028]"* ]]
}

@test "--xml is well-formed and holds 6 categories and 5 regions" {
	$R --xml "$D" >"$T/out"
	xmllint --noout - <"$T/out"
	[ "$(grep -c '<category ' "$T/out")" -eq 6 ]
	[ "$(grep -c '<region ' "$T/out")" -eq 5 ]
	[ "$(grep -c '<work-area ' "$T/out")" -eq 5 ]
	[ "$(grep -c '<official ' "$T/out")" -eq 4 ]
	grep -q '<composition xmlns="urn:hleg:1" term-start="2007-10-05" term-end="2009-10-04" seats="50" members="50" status="ok">' "$T/out"
	grep -q '<region code="A" name="Americas" seats="2" members="2" status="ok" countries="BR CA"/>' "$T/out"
}

@test "--xml says what is missing and over" {
	$R --xml "$W" 2>/dev/null | xmllint --noout -
	$R --xml "$W" 2>/dev/null >"$T/out"
	grep -q '<category name="industry" seats="20" members="19" status="missing 1"/>' "$T/out"
	grep -q '<region code="E" .* members="1" status="missing 1" countries="MY"/>' "$T/out"
	run $R --xml fixtures/invalid/roster-R031-two-liaisons.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *'<official role="liaison" sector="ITU-T" status="missing"/>'* ]]
}

@test "a proposal is not a roster: exit 1, nothing on stdout" {
	$R fixtures/dossier/documents/HLEG-P-2008-001.xml >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q 'HLEG-P-2008-001.xml:2:1: error: this proposal is not a roster: give a roster \[HLEG-P006\]' "$T/err"
}

@test "a document that is not XML or not hleg is refused" {
	run $R fixtures/invalid/not-well-formed.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-P001]" ]]
	run $R fixtures/invalid/not-hleg-root.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"is not an hleg document"*"[HLEG-P006]" ]]
	run timeout 5 $R fixtures/hostile/billion-laughs.xml
	[ "$status" -eq 1 ]
}

@test "a missing file is a system error" {
	run $R "$T/none.xml"
	[ "$status" -eq 2 ]
	[ "$output" = "hleg-roster: $T/none.xml: No such file or directory" ]
}

@test "an unknown option or a second file is a usage error" {
	run $R --frobnicate
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: hleg-roster [-h] [-C dir] [--xml] [file]"* ]]
	run $R "$D" "$D"
	[ "$status" -eq 2 ]
	[ "$output" = "usage: hleg-roster [-h] [-C dir] [--xml] [file]" ]
}

@test "--help prints the synopsis of the man page and exits 0" {
	run $R --help
	[ "$status" -eq 0 ]
	synopsis=$(man_synopsis_line hleg-roster)
	[ "${lines[0]}" = "usage: $synopsis" ]
	run $R -h
	[ "$status" -eq 0 ]
}

@test "--version names the program and the toolkit" {
	run $R --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-roster (hleg) "* ]]
}

@test "a full disk is an error, not silent loss" {
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c "$R $D >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"stdout: No space left on device"* ]]
	run bash -c "$R --xml $D >/dev/full"
	[ "$status" -eq 2 ]
}

@test "-C reads the roster of a dossier at the tip of main, not the work tree" {
	D=$BATS_TEST_TMPDIR/d
	GIT_AUTHOR_DATE=2008-01-10T10:00:00Z GIT_COMMITTER_DATE=2008-01-10T10:00:00Z \
	    $BIN/hleg-init --roster fixtures/dossier/roster.xml "$D" >/dev/null
	echo garbage >"$D/roster.xml"
	run $BIN/hleg-roster -C "$D"
	[ "$status" -eq 0 ]
	diff <($BIN/hleg-roster fixtures/dossier/roster.xml) <(echo "$output")
	run $BIN/hleg-roster -C "$BATS_TEST_TMPDIR/none"
	[ "$status" -eq 2 ]
	run $BIN/hleg-roster -C "$D" fixtures/dossier/roster.xml
	[ "$status" -eq 2 ]
}

# on_terminal COMMAND: COMMAND run by script(1) with a terminal on its
# standard input and output; what it wrote, less the terminal's \r.
on_terminal() {
	timeout 20 script -qec "$1" /dev/null </dev/null | tr -d '\r'
	return "${PIPESTATUS[0]}"
}

@test "no file and a terminal: the roster of the dossier around, at main, from any of its directories" {
	D=$BATS_TEST_TMPDIR/d
	GIT_AUTHOR_DATE=2008-01-10T10:00:00Z GIT_COMMITTER_DATE=2008-01-10T10:00:00Z \
	    $BIN/hleg-init --roster fixtures/dossier/roster.xml "$D" >/dev/null
	$R fixtures/dossier/roster.xml >"$T/want"
	echo garbage >"$D/roster.xml"
	cd "$D/documents"
	run on_terminal "$R"
	[ "$status" -eq 0 ]
	diff "$T/want" <(echo "$output")
	run on_terminal "$BIN/hleg roster"
	[ "$status" -eq 0 ]
	diff "$T/want" <(echo "$output")
	run on_terminal "$R --xml"
	[ "$status" -eq 0 ]
	[[ "$output" == *"<composition "* ]]
}

@test "no file, a terminal and no dossier around: exit 2 at once, saying what it wants" {
	mkdir "$T/plain"
	cd "$T/plain"
	run on_terminal "$R"
	[ "$status" -eq 2 ]
	[ "$output" = "hleg-roster: no roster named, standard input is a terminal, and no dossier is around the current directory: name a roster file, give one on standard input, or name a dossier with -C DIR" ]
	# A repository that is not a dossier is named, with what to do.
	git init -q -b main .
	git -c user.name=T -c user.email=t@example.org commit -q --allow-empty -m empty
	run on_terminal "$R"
	[ "$status" -eq 2 ]
	[ "$output" = "hleg-roster: $T/plain/: not a dossier: no roster.xml on main: name a roster file, or give one on standard input" ]
}

@test "in a dossier, a roster on standard input is still the one read" {
	D=$BATS_TEST_TMPDIR/d
	GIT_AUTHOR_DATE=2008-01-10T10:00:00Z GIT_COMMITTER_DATE=2008-01-10T10:00:00Z \
	    $BIN/hleg-init --roster fixtures/dossier/roster.xml "$D" >/dev/null
	W=$PWD/$W
	cd "$D"
	run $R <"$W"
	[ "$status" -eq 0 ]
	[[ "$output" == *"member-state                   10        9  missing 1"* ]]
}
