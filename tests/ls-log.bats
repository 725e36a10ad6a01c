#!/usr/bin/env bats
# hleg-ls and hleg-log on real dossiers: what the documents say at a
# revision, and what the commits say happened to them.

load bin

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	LS=$BIN/hleg-ls
	LOG=$BIN/hleg-log
	F=fixtures/dossier/documents
	D=$BATS_TEST_TMPDIR/d
	T=$BATS_TEST_TMPDIR
	P=HLEG-P-2008-004	# Sector ITU-D only; rapporteurs m17 and m35
}

# at DATE COMMAND...: runs COMMAND with git's dates set to DATE.
at() {
	local date=$1
	shift
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date "$@"
}

# commit ARGS...: git commit in the dossier, as a member would.
commit() {
	git -C "$D" -c user.name=T -c user.email=t@example.org commit -q "$@"
}

# make_dossier: a dossier at $D with the 13 fixture documents as drafts.
make_dossier() {
	$BIN/hleg-init --roster fixtures/dossier/roster.xml "$D" >/dev/null
	cp "$F"/*.xml "$D/documents/"
	git -C "$D" add documents
	at 2008-04-10T10:00:00Z commit -m "Draft the documents"
}

# event DATE ID EVENT ARGS...: records an event with hleg-transition.
event() {
	local date=$1
	shift
	at "$date" $BIN/hleg-transition -C "$D" "$@" >/dev/null
}

# make_history: the whole workflow of $P, and a withdrawal.
make_history() {
	event 2008-04-11T10:00:00Z $P endorse --as m12
	event 2008-04-12T10:00:00Z $P endorse --as m30
	event 2008-04-13T10:00:00Z $P submit --as m01
	event 2008-04-14T10:00:00Z $P return --as s01 --note "Annex B is missing.

The summary must name the Sectors."
	event 2008-04-15T10:00:00Z $P submit --as m01
	event 2008-04-16T10:00:00Z $P consider --sector ITU-D --outcome refine --as s04
	event 2008-04-17T10:00:00Z HLEG-P-2008-001 withdraw --as m01
}

# ids FILE...: the document ids of fixture files, in order.
ids() {
	for f in "$@"; do
		basename "$f" .xml
	done
}

# state ID: the state hleg-ls shows for ID.
state() {
	$LS -C "$D" | awk -F '\t' -v id="$1" '$1 == id { print $3 }'
}

@test "hleg-ls lists the 13 documents as sorted TSV lines, all drafts" {
	make_dossier
	run $LS -C "$D"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 13 ]
	[ "$(printf '%s\n' "$output" | cut -f 1)" = "$(ids "$F"/*.xml)" ]
	printf '%s\n' "$output" | LC_ALL=C sort -c
	printf '%s\n' "$output" | awk -F '\t' 'NF != 4 { exit 1 }'
	[ "$(printf '%s\n' "$output" | cut -f 3 | sort -u)" = draft ]
	[ "${lines[3]}" = "$P	proposal	draft	Establish national incident response teams" ]
	[ "$(printf '%s\n' "$output" | grep -c '	report	')" -eq 1 ]
}

@test "hleg-ls: the states follow the events" {
	make_dossier
	event 2008-04-11T10:00:00Z $P endorse --as m12
	[ "$(state $P)" = draft ]
	event 2008-04-12T10:00:00Z $P endorse --as m30
	event 2008-04-13T10:00:00Z $P submit --as m01
	[ "$(state $P)" = submitted ]
	event 2008-04-14T10:00:00Z $P consider --sector ITU-D --outcome refine --as s04
	[ "$(state $P)" = considered ]
	event 2008-04-15T10:00:00Z HLEG-P-2008-001 withdraw --as m01
	[ "$(state HLEG-P-2008-001)" = withdrawn ]
	[ "$(state HLEG-P-2008-002)" = draft ]
}

@test "hleg-ls: each filter gives its subset" {
	make_dossier
	make_history
	run $LS -C "$D" --kind report
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | cut -f 1)" = "$(ids $(grep -l '^<report ' "$F"/*.xml))" ]
	run $LS -C "$D" --kind proposal
	[ "$(printf '%s\n' "$output" | cut -f 1)" = "$(ids $(grep -l '^<proposal ' "$F"/*.xml))" ]
	run $LS -C "$D" --sector ITU-R
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -ge 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 1)" = "$(ids $(grep -l '<sector ref="ITU-R"/>' "$F"/*.xml))" ]
	run $LS -C "$D" --work-area legal-measures
	[ "${#lines[@]}" -ge 1 ]
	[ "$(printf '%s\n' "$output" | cut -f 1)" = "$(ids $(grep -l '<work-area ref="legal-measures"/>' "$F"/*.xml))" ]
	run $LS -C "$D" --state considered
	[ "$output" = "$P	proposal	considered	Establish national incident response teams" ]
	run $LS -C "$D" --state withdrawn --work-area legal-measures
	[ "$(printf '%s\n' "$output" | cut -f 1)" = HLEG-P-2008-001 ]
	run $LS -C "$D" --state draft
	[ "${#lines[@]}" -eq 11 ]
	# All filters must match.
	run $LS -C "$D" --state considered --sector ITU-R
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "hleg-ls -r shows the documents at an earlier revision" {
	make_dossier
	event 2008-04-11T10:00:00Z $P endorse --as m12
	event 2008-04-12T10:00:00Z $P endorse --as m30
	event 2008-04-13T10:00:00Z $P submit --as m01
	[ "$(state $P)" = submitted ]
	run $LS -C "$D" -r HEAD~1
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | awk -F '\t' -v id=$P '$1 == id { print $3 }')" = draft ]
	run $LS -C "$D" -r "$(git -C "$D" rev-parse HEAD~3)" --state submitted
	[ -z "$output" ]
	run $LS -C "$D" -r no-such-revision
	[ "$status" -eq 2 ]
}

@test "hleg-ls reads the commit, not the work tree" {
	make_dossier
	sed -i 's#<title>Establish national incident response teams</title>#<title>Edited, not committed</title>#' \
	    "$D/documents/$P.xml"
	echo '<broken' >"$D/documents/HLEG-P-2008-098.xml"
	grep -q 'Edited, not committed' "$D/documents/$P.xml"
	run $LS -C "$D"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 13 ]
	[ "${lines[3]}" = "$P	proposal	draft	Establish national incident response teams" ]
	# From inside the dossier, without -C.
	cd "$D/documents"
	run "$LS" --state draft
	[ "${#lines[@]}" -eq 13 ]
}

@test "hleg-ls --xml is well-formed, one document element each, with refs" {
	make_dossier
	make_history
	$LS -C "$D" --xml >"$T/out.xml"
	xmllint --noout - <"$T/out.xml"
	[ "$(grep -c '<document ' "$T/out.xml")" -eq 13 ]
	grep -q "<documents xmlns=\"urn:hleg:1\" revision=\"$(git -C "$D" rev-parse main)\">" "$T/out.xml"
	grep -q "<document id=\"$P\" kind=\"proposal\" state=\"considered\" title=\"Establish national incident response teams\">" "$T/out.xml"
	[ "$(xmllint --xpath 'count(//*[local-name()="document"][@id="'$P'"]/*[local-name()="sector"])' "$T/out.xml")" -eq 1 ]
	[ "$(xmllint --xpath 'string(//*[local-name()="document"][@id="'$P'"]/*[local-name()="sector"]/@ref)' "$T/out.xml")" = ITU-D ]
	[ "$(xmllint --xpath 'count(//*[local-name()="document"][@id="'$P'"]/*[local-name()="work-area"])' "$T/out.xml")" -eq 2 ]
	# Filters apply to --xml too.
	run $LS -C "$D" --xml --kind report
	[ "$(printf '%s\n' "$output" | grep -c '<document ')" -eq 1 ]
}

@test "hleg-ls: a title cannot break the TSV" {
	make_dossier
	sed 's#<title>Establish national incident response teams</title>#<title>\tTabs\&\#9;and\n   new\&\#10;lines\&\#x85;  \&\#13;here </title>#' \
	    "$F/$P.xml" >"$D/documents/$P.xml"
	git -C "$D" add documents
	at 2008-04-11T10:00:00Z commit -m "Edit a title"
	run $LS -C "$D"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 13 ]
	[ "${lines[3]}" = "$P	proposal	draft	Tabs and new lines here" ]
	$LS -C "$D" --xml | xmllint --noout -
}

@test "hleg-ls: bad filter values are usage errors, checked first" {
	run $LS -C /nonexistent --state Considered
	[ "$status" -eq 2 ]
	[[ "$output" == *"--state Considered: give a state name"* ]]
	[[ "$output" == *"usage: hleg-ls "* ]]
	run $LS --state 'x/../y'
	[ "$status" -eq 2 ]
	run $LS --kind collection
	[ "$status" -eq 2 ]
	run $LS --sector ITU-X
	[ "$status" -eq 2 ]
	run $LS --work-area legal
	[ "$status" -eq 2 ]
	run $LS --state draft --state submitted
	[ "$status" -eq 2 ]
	[[ "$output" == *"--state may be given only once"* ]]
	run $LS extra-argument
	[ "$status" -eq 2 ]
	run $LS -C "$T/not-a-dossier"
	[ "$status" -eq 2 ]
}

@test "hleg-ls: a committed malformed document is exit 1, the others listed" {
	make_dossier
	printf '<proposal xmlns="urn:hleg:1" id="HLEG-P-2008-099">\n  <title>Broken\n</proposal>\n' \
	    >"$D/documents/HLEG-P-2008-099.xml"
	printf '<?xml version="1.0"?>\n<collection xmlns="urn:hleg:1"/>\n' \
	    >"$D/documents/HLEG-C-2008-001.xml"
	git -C "$D" add documents
	at 2008-04-11T10:00:00Z commit -m "Add a broken draft"
	rev=$(git -C "$D" rev-parse --short=8 main)
	$LS -C "$D" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ "$(wc -l <"$T/out")" -eq 13 ]
	! grep -q HLEG-P-2008-099 "$T/out"
	grep -q "^hleg-ls: $rev:documents/HLEG-P-2008-099.xml:3:12: error: .*\[HLEG-P001\]$" "$T/err"
	grep -q "^hleg-ls: $rev:documents/HLEG-C-2008-001.xml:2:1: error: a collection .*\[HLEG-P006\]$" "$T/err"
}

@test "hleg-ls: other names in documents/ are warned about, not read" {
	make_dossier
	echo notes >"$D/documents/README"
	echo '<x/>' >"$D/documents/lower-case.xml"
	git -C "$D" add documents
	at 2008-04-11T10:00:00Z commit -m "Add stray files"
	run $LS -C "$D"
	[ "$status" -eq 0 ]
	[[ "$output" == *"documents/README:0:0: warning: the name is not a document id"*"[HLEG-W014]"* ]]
	[[ "$output" == *"documents/lower-case.xml:0:0: warning:"* ]]
	[[ "$output" != *".gitkeep"* ]]
	$LS -C "$D" 2>/dev/null | wc -l | grep -qx 13
}

@test "hleg-ls sorts by id, though git's tree order differs" {
	make_dossier
	sed "s/id=\"$P\"/id=\"$P-A\"/" "$F/$P.xml" >"$D/documents/$P-A.xml"
	git -C "$D" add documents
	at 2008-04-11T10:00:00Z commit -m "Add an annex proposal"
	# In the tree, "$P-A.xml" comes before "$P.xml".
	git -C "$D" ls-tree --name-only main documents/ | grep -n "$P" | head -1 | grep -q -- "-A.xml"
	run $LS -C "$D"
	[ "${#lines[@]}" -eq 14 ]
	printf '%s\n' "$output" | LC_ALL=C sort -c
	[[ "${lines[3]}" == "$P	"* ]]
	[[ "${lines[4]}" == "$P-A	"* ]]
}

@test "hleg-log shows the events in order with actor, sector and outcome" {
	make_dossier
	make_history
	c=($(git -C "$D" rev-list --first-parent --reverse main | tail -n 7))
	run $LOG -C "$D"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 7 ]
	[ "${lines[0]}" = "2008-04-11	$P	endorse	draft -> draft	m12	-	-	${c[0]:0:7}" ]
	[ "${lines[1]}" = "2008-04-12	$P	endorse	draft -> draft	m30	-	-	${c[1]:0:7}" ]
	[ "${lines[2]}" = "2008-04-13	$P	submit	draft -> submitted	m01	-	-	${c[2]:0:7}" ]
	[ "${lines[3]}" = "2008-04-14	$P	return	submitted -> draft	s01	-	-	${c[3]:0:7}" ]
	[ "${lines[4]}" = "2008-04-15	$P	submit	draft -> submitted	m01	-	-	${c[4]:0:7}" ]
	[ "${lines[5]}" = "2008-04-16	$P	consider	submitted -> considered	s04	ITU-D	refine	${c[5]:0:7}" ]
	[ "${lines[6]}" = "2008-04-17	HLEG-P-2008-001	withdraw	draft -> withdrawn	m01	-	-	${c[6]:0:7}" ]
	printf '%s\n' "$output" | awk -F '\t' 'NF != 8 { exit 1 }'
	# -r: the history up to a revision.
	run $LOG -C "$D" -r HEAD~2
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 5 ]
}

@test "hleg-log: the date is the author date's day in its own zone" {
	make_dossier
	event 2008-04-11T23:30:00-05:00 $P endorse --as m12
	run $LOG -C "$D"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "2008-04-11	$P	endorse	"* ]]
}

@test "hleg-log ID shows only that document's events" {
	make_dossier
	make_history
	run $LOG -C "$D" HLEG-P-2008-001
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "2008-04-17	HLEG-P-2008-001	withdraw	"* ]]
	run $LOG -C "$D" $P
	[ "${#lines[@]}" -eq 6 ]
	[ "$(printf '%s\n' "$output" | cut -f 2 | sort -u)" = $P ]
	run $LOG -C "$D" HLEG-P-2008-002
	[ "$status" -eq 1 ]
	[[ "$output" == *"HLEG-P-2008-002: no events in the history of main"* ]]
}

@test "hleg-log --xml: one event element each, and the note of a return" {
	make_dossier
	make_history
	$LOG -C "$D" --xml >"$T/out.xml"
	xmllint --noout "$T/out.xml"
	grep -q '^<history xmlns="urn:hleg:1">$' "$T/out.xml"
	[ "$(grep -c '<event ' "$T/out.xml")" -eq 7 ]
	x() { xmllint --xpath "$1" "$T/out.xml"; }
	[ "$(x 'count(//*[local-name()="note"])')" -eq 1 ]
	[ "$(x 'string(//*[local-name()="event"][@event="return"]/*[local-name()="note"])')" = "Annex B is missing.

The summary must name the Sectors." ]
	[ "$(x 'string(//*[local-name()="event"][@event="return"]/@actor)')" = s01 ]
	[ "$(x 'string(//*[local-name()="event"][@event="consider"]/@sector)')" = ITU-D ]
	[ "$(x 'string(//*[local-name()="event"][@event="consider"]/@outcome)')" = refine ]
	[ "$(x 'string(//*[local-name()="event"][@event="consider"]/@commit)')" = "$(git -C "$D" rev-parse main~1)" ]
	[[ "$(x 'string(//*[local-name()="event"][1]/@version)')" =~ ^[0-9a-f]{40}$ ]]
	[ "$(x 'count(//*[local-name()="event"][@event="submit"]/@sector)')" -eq 0 ]
	run $LOG -C "$D" --xml $P
	[ "$(printf '%s\n' "$output" | grep -c '<event ')" -eq 6 ]
}

@test "hleg-log: forged or malformed HLEG trailers are reported, exit 1" {
	make_dossier
	make_history
	at 2008-04-20T10:00:00Z commit --allow-empty -m "submit HLEG-P-2008-003: forged" -m "HLEG-Event: submit"
	forged=$(git -C "$D" rev-parse --short=8 main)
	at 2008-04-21T10:00:00Z commit --allow-empty -m "An ordinary commit"
	$LOG -C "$D" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ "$(wc -l <"$T/out")" -eq 7 ]
	! grep -q HLEG-P-2008-003 "$T/out"
	[ "$(wc -l <"$T/err")" -eq 1 ]
	grep -q "^hleg-log: commit $forged: error: its HLEG trailers do not record an event: it has no HLEG-Document, HLEG-State, HLEG-Actor" "$T/err"
	# Also when asking about that document, or any whose it could be.
	run $LOG -C "$D" HLEG-P-2008-003
	[ "$status" -eq 1 ]
	[[ "$output" == *"commit $forged"* ]]
	# A repeated trailer is malformed too.
	at 2008-04-22T10:00:00Z commit --allow-empty -m "withdraw: twice" -m "HLEG-Document: $P
HLEG-Event: withdraw
HLEG-State: considered -> withdrawn
HLEG-Actor: m01
HLEG-Actor: m02"
	run $LOG -C "$D" $P
	[ "$status" -eq 1 ]
	[[ "$output" == *"commit $(git -C "$D" rev-parse --short=8 main): error:"* ]]
}

@test "hleg-log: a bad id is a usage error" {
	run $LOG -C /nonexistent 'hleg-p-1'
	[ "$status" -eq 2 ]
	[[ "$output" == *"'hleg-p-1' is not a document id"* ]]
	run $LOG '../../etc/passwd'
	[ "$status" -eq 2 ]
	run $LOG HLEG-P-2008-001 HLEG-P-2008-002
	[ "$status" -eq 2 ]
	run $LOG -C "$T/not-a-dossier"
	[ "$status" -eq 2 ]
}

@test "--help prints the synopsis of the man page and exits 0" {
	for p in hleg-ls hleg-log; do
		run $BIN/$p --help
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = "usage: $(man_synopsis_line $p)" ]
		run $BIN/$p -h
		[ "$status" -eq 0 ]
		run $BIN/$p --bogus
		[ "$status" -eq 2 ]
		[[ "${lines[-1]}" == "usage: $(man_synopsis_line $p)" ]]
	done
}

@test "--version names the program and the toolkit" {
	run $LS --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-ls (hleg) "* ]]
	run $LOG --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-log (hleg) "* ]]
}

@test "a full disk is an error, not silent loss" {
	[ -w /dev/full ] || skip "no /dev/full"
	make_dossier
	make_history
	run bash -c "$LS -C '$D' >/dev/full"
	[ "$status" -eq 2 ]
	run bash -c "$LOG -C '$D' --xml >/dev/full"
	[ "$status" -eq 2 ]
}
