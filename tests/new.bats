#!/usr/bin/env bats
# hleg-new as a user meets it: the next free id, the skeleton, its check
# against the roster, and the SPEC's day.

load bin
bats_require_minimum_version 1.5.0

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	N=$BIN/hleg-new
	V=$BIN/hleg-validate
	R=$PWD/fixtures/dossier/roster.xml
	T=$BATS_TEST_TMPDIR
	D=$T/dossier
	# Inside the roster's term, 2007-10-05 to 2009-10-04.
	export GIT_AUTHOR_DATE="2008-02-14T10:00:00+01:00"
	export GIT_COMMITTER_DATE="2008-02-14T10:00:00+01:00"
	unset GIT_AUTHOR_EMAIL GIT_COMMITTER_EMAIL
	$BIN/hleg-init --roster "$R" "$D" >/dev/null
}

git_t() {
	git -C "$D" -c user.name=T -c user.email=t@example.org "$@"
}

# write_over FILE: what a member does in $EDITOR: the skeleton's
# placeholder paragraphs written over with the document's own text.
write_over() {
	sed -i 's/Replace this paragraph with /The group writes here /' "$1"
}

# placeholders_only N: $output is N warnings of placeholder text, one a
# line, and nothing else.
placeholders_only() {
	[ "${#lines[@]}" -eq "$1" ]
	for l in "${lines[@]}"; do
		[[ "$l" == "hleg-validate: "*": warning: this paragraph still holds the skeleton's placeholder text"*"[HLEG-R038]" ]]
	done
}

# The text of the document's title element.
title_of() {
	xmllint --xpath 'string(/*/*[local-name()="title"])' "$1"
}

@test "the first proposal of 2008 is HLEG-P-2008-001 and validates" {
	$N -C "$D" --rapporteur m05 --title "Model cybercrime legislation" \
	    --work-area legal-measures --sector ITU-D proposal >"$T/p.xml"
	head -2 "$T/p.xml" | cmp - <(printf '%s\n' \
	    '<?xml version="1.0" encoding="UTF-8"?>' \
	    '<proposal xmlns="urn:hleg:1" id="HLEG-P-2008-001" xml:lang="en">')
	grep -q '^  <date>2008-02-14</date>$' "$T/p.xml"
	grep -q '^  <addressee>ITU Secretary-General</addressee>$' "$T/p.xml"
	grep -q '^  <rapporteur ref="m05"/>$' "$T/p.xml"
	grep -q '^  <sector ref="ITU-D"/>$' "$T/p.xml"
	grep -q '^  <recommendation n="1.1" addressed-to="Governments" consensus="full">$' "$T/p.xml"
	grep -q '^  <workflow state="draft"/>$' "$T/p.xml"
	# Valid, with a warning for each paragraph still to write.
	run $V -q --roster "$R" "$T/p.xml"
	[ "$status" -eq 0 ]
	placeholders_only 2
	write_over "$T/p.xml"
	run $V -q --roster "$R" "$T/p.xml"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "hleg-new says nothing of its own placeholders, which hleg-validate warns of" {
	run --separate-stderr $N -C "$D" --rapporteur m05 --title "Model cybercrime legislation" \
	    --work-area legal-measures --sector ITU-D proposal
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(echo "$output" | grep -c '<p>Replace this paragraph with ')" -eq 2 ]
}

@test "after the first proposal is committed, the next is -002" {
	$N -C "$D" --rapporteur m05 --title "First" --work-area legal-measures \
	    --sector ITU-D proposal >"$T/p.xml"
	cp "$T/p.xml" "$D/documents/HLEG-P-2008-001.xml"
	git_t add documents
	git_t commit -q -m "Draft proposal on model legislation"
	# Out of the work tree too: the committed one still counts.
	rm "$D/documents/HLEG-P-2008-001.xml"
	run $N -C "$D" --rapporteur m05 --title "Second" \
	    --work-area legal-measures --sector ITU-D proposal
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *'id="HLEG-P-2008-002"'* ]]
}

@test "a draft in the work tree, not committed, keeps its id" {
	$N -C "$D" --rapporteur m05 --title "First" --work-area legal-measures \
	    --sector ITU-D proposal >"$D/documents/HLEG-P-2008-001.xml"
	grep -q 'id="HLEG-P-2008-001"' "$D/documents/HLEG-P-2008-001.xml"
	$N -C "$D" --rapporteur m05 --title "Second" --work-area legal-measures \
	    --sector ITU-D proposal >"$D/documents/HLEG-P-2008-002.xml"
	grep -q 'id="HLEG-P-2008-002"' "$D/documents/HLEG-P-2008-002.xml"
	# Reports and other years are numbered apart.
	run $N -C "$D" --rapporteur m05 --title "Report" \
	    --work-area legal-measures report
	[[ "${lines[1]}" == *'id="HLEG-R-2008-001"'* ]]
	run $N -C "$D" --rapporteur m05 --title "Next year" --date 2009-01-10 \
	    --work-area legal-measures --sector ITU-D proposal
	[[ "${lines[1]}" == *'id="HLEG-P-2009-001"'* ]]
}

@test "numbers pass 999 with more digits" {
	touch "$D/documents/HLEG-P-2008-999.xml"
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-D proposal
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == *'id="HLEG-P-2008-1000"'* ]]
}

@test "a report is HLEG-R-2008-001, with a Geneva meeting, and validates" {
	$N -C "$D" --rapporteur m05 --rapporteur m36 --title "Progress report" \
	    --work-area legal-measures --work-area capacity-building \
	    report >"$T/r.xml"
	grep -q '^<report xmlns="urn:hleg:1" id="HLEG-R-2008-001" kind="progress" xml:lang="en">$' "$T/r.xml"
	grep -q '^  <author ref="m05"/>$' "$T/r.xml"
	grep -q '^  <author ref="m36"/>$' "$T/r.xml"
	grep -q '^  <meeting place="Geneva, Switzerland" date="2008-02-14"/>$' "$T/r.xml"
	[ "$(grep -c '^  <section>$' "$T/r.xml")" -eq 2 ]
	[ "$(grep -c '<sector' "$T/r.xml")" -eq 0 ]
	run $V -q --roster "$R" "$T/r.xml"
	[ "$status" -eq 0 ]
	placeholders_only 3
	write_over "$T/r.xml"
	run $V -q --roster "$R" "$T/r.xml"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "several work areas give recommendations 1.1 and 3.1" {
	$N -C "$D" --rapporteur m05 --title "Two areas" \
	    --work-area legal-measures --work-area organizational-structures \
	    --sector ITU-D --sector ITU-T proposal >"$T/p.xml"
	[ "$(grep -o '<recommendation n="[0-9.]*"' "$T/p.xml" | tr '\n' ' ')" = \
	    '<recommendation n="1.1" <recommendation n="3.1" ' ]
	grep -q '^  <work-area ref="organizational-structures"/>$' "$T/p.xml"
	grep -q '^  <sector ref="ITU-T"/>$' "$T/p.xml"
	$V -q --roster "$R" "$T/p.xml"
}

@test "a title with <, & and quotes is escaped and round-trips" {
	title='Safe <script> & "quoted" '\''text'\'' for R&D'
	$N -C "$D" --rapporteur m05 --title "$title" --work-area legal-measures \
	    --sector ITU-D proposal >"$T/p.xml"
	grep -qF '<title>Safe &lt;script&gt; &amp; "quoted" '\''text'\'' for R&amp;D</title>' "$T/p.xml"
	[ "$(title_of "$T/p.xml")" = "$title" ]
	$V -q --roster "$R" "$T/p.xml"
}

@test "a title of more than one line is a usage error" {
	run $N -C "$D" --rapporteur m05 --title "$(printf 'One\nTwo')" \
	    --work-area legal-measures --sector ITU-D proposal
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-new: --title: it has a line break; a title is one line" ]]
	run $N -C "$D" --rapporteur m05 --title "$(printf 'Bell\a')" \
	    --work-area legal-measures --sector ITU-D proposal
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == *"--title: it has a control character"* ]]
	run $N -C "$D" --rapporteur m05 --title "$(printf '%0501d' 0)" \
	    --work-area legal-measures --sector ITU-D proposal
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == *"--title: it is longer than 500 characters"* ]]
}

@test "an unknown work area is a usage error that names it" {
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal \
	    --sector ITU-D proposal
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-new: --work-area legal: not a work area: give legal-measures,"* ]]
	[[ "${lines[1]}" == "usage: hleg-new "* ]]
}

@test "an unknown sector is a usage error that names it" {
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-X proposal
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "hleg-new: --sector ITU-X: not a Sector: give ITU-R, ITU-T or ITU-D" ]
}

@test "a date that is no real day is a usage error" {
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-D --date 2008-02-30 proposal
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "hleg-new: --date 2008-02-30: not a date: give a real day as YYYY-MM-DD" ]
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-D --date 2008-2-3 proposal
	[ "$status" -eq 2 ]
	# 2008 is a leap year.
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-D --date 2008-02-29 proposal
	[ "$status" -eq 0 ]
}

@test "a proposal without a sector, or anything without a work area, is a usage error" {
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    proposal
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-new: --sector is required for a proposal"* ]]
	run $N -C "$D" --rapporteur m05 --title "x" report
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-new: --work-area is required"* ]]
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures memo
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-new: memo: not a kind of document"* ]]
}

@test "a rapporteur not on the roster: exit 1, HLEG-R015, nothing on stdout" {
	$N -C "$D" --rapporteur m99 --title "x" --work-area legal-measures \
	    --sector ITU-D proposal >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q "^hleg-new: documents/HLEG-P-2008-001.xml:[0-9]*:[0-9]*: error: rapporteur 'm99' is not a member of the roster.*\[HLEG-R015\]$" "$T/err"
}

@test "a date outside the roster's term: exit 1, nothing on stdout" {
	$N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-D --date 2010-01-15 proposal >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q 'error: the document is dated 2010-01-15, outside the roster.s term.*\[HLEG-R008\]$' "$T/err"
}

@test "without --rapporteur, the member whose email is git's user.email" {
	email=$(xmllint --xpath 'string(//*[@id="m05"]/*[local-name()="email"])' "$R")
	[ -n "$email" ]
	git -C "$D" config user.email "$email"
	$N -C "$D" --title "x" --work-area legal-measures --sector ITU-D \
	    proposal >"$T/p.xml"
	grep -q '^  <rapporteur ref="m05"/>$' "$T/p.xml"
	[ "$(grep -c '<rapporteur' "$T/p.xml")" -eq 1 ]
}

@test "without --rapporteur and no roster address, the option is required" {
	git -C "$D" config user.email nobody@example.org
	run $N -C "$D" --title "x" --work-area legal-measures --sector ITU-D \
	    proposal
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == *"no member of the roster has the address nobody@example.org"*"give --rapporteur MEMBER" ]]
}

@test "--help prints the synopsis of the man page and exits 0" {
	run $N --help
	[ "$status" -eq 0 ]
	# col -x: the synopsis wraps, and its indentation must not become tabs.
	synopsis=$(man_synopsis_line hleg-new)
	[ "${lines[0]}" = "usage: $synopsis" ]
	run $N -h
	[ "$status" -eq 0 ]
	run $N
	[ "$status" -eq 2 ]
	[ "${lines[0]}" = "usage: $synopsis" ]
}

@test "--version names the program and the toolkit" {
	run $N --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-new (hleg) "* ]]
}

@test "outside a dossier is an error" {
	run $N -C "$T/nowhere" --rapporteur m05 --title "x" \
	    --work-area legal-measures --sector ITU-D proposal
	[ "$status" -eq 2 ]
	[[ "$output" == *"not a dossier"* ]]
}

@test "the SPEC's day: hleg-new > documents/ID.xml && hleg-validate -q documents/*.xml" {
	email=$(xmllint --xpath 'string(//*[@id="m05"]/*[local-name()="email"])' "$R")
	git -C "$D" config user.email "$email"
	cd "$D"
	# $EDITOR writes the document's text over the placeholders.
	export EDITOR="sed -i s/Replace.this.paragraph.with./The.group.writes.here./"
	run bash -c "$N proposal --title 'Model cybercrime legislation' --work-area legal-measures --sector ITU-D > documents/HLEG-P-2008-001.xml && \$EDITOR documents/HLEG-P-2008-001.xml && $V -q documents/*.xml"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	! grep -q 'Replace this paragraph' documents/HLEG-P-2008-001.xml
	grep -q 'id="HLEG-P-2008-001"' documents/HLEG-P-2008-001.xml
	[ "$(title_of documents/HLEG-P-2008-001.xml)" = "Model cybercrime legislation" ]
	git_t add documents
	git_t commit -q -m "Draft proposal on model legislation"
	# The next one, written the same way, takes the next id.
	$N proposal --title "Procedural law" --work-area legal-measures --sector ITU-D > documents/HLEG-P-2008-002.xml 2>"$T/err"
	grep -q 'id="HLEG-P-2008-002"' documents/HLEG-P-2008-002.xml
	[ ! -s "$T/err" ]
	$V -q documents/*.xml
}

@test "a documents/ that is a symbolic link is not followed" {
	mkdir "$T/elsewhere"
	touch "$T/elsewhere/HLEG-P-2008-950.xml"
	rmdir "$D/documents" 2>/dev/null || rm -rf "$D/documents"
	ln -s "$T/elsewhere" "$D/documents"
	run $N -C "$D" --rapporteur m05 --title "x" --work-area legal-measures \
	    --sector ITU-D proposal
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "documents is not a directory: hleg reads only the dossier's own documents/"
}
