#!/usr/bin/env bats
# hleg-collect: the documents of a dossier at a revision, and the events
# of their history, gathered into one valid collection.

load helpers

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	COLLECT=$BIN/hleg-collect
	D=$BATS_TEST_TMPDIR/d
	T=$BATS_TEST_TMPDIR
	ROSTER=fixtures/dossier/roster.xml
	P=HLEG-P-2008-004	# Sector ITU-D only; rapporteurs m17 and m35
}

# event DATE ID EVENT ARGS...: records an event with hleg-transition.
event() {
	local date=$1
	shift
	at "$date" $BIN/hleg-transition -C "$D" "$@" >/dev/null
}

# make_history: the whole workflow of $P, with a return, and a
# withdrawal of another proposal in between.
make_history() {
	event 2008-04-11T10:00:00Z $P endorse --as m12
	event 2008-04-12T10:00:00Z $P endorse --as m30
	event 2008-04-13T10:00:00Z $P submit --as m01
	event 2008-04-13T12:00:00Z HLEG-P-2008-001 withdraw --as m01
	event 2008-04-14T10:00:00Z $P return --as s01 --note "Annex B is missing.

The summary must name the Sectors."
	event 2008-04-15T10:00:00Z $P submit --as m01
	event 2008-04-16T10:00:00Z $P consider --sector ITU-D --outcome refine --as s04
}

# x FILE XPATH: an XPath expression on FILE, elements by local name.
x() {
	xmllint --xpath "$2" "$1"
}

# docs FILE: the ids of the documents of a collection, one a line.
docs() {
	x "$1" '/*/*[local-name()="proposal" or local-name()="report"]/@id' |
	    sed 's/^ *id="//;s/"$//'
}

# events FILE: document, event, actor, actor-name and commit of each
# event of a collection's history, one a line.
events() {
	local n i
	n=$(x "$1" 'count(//*[local-name()="history"]/*[local-name()="event"])')
	for ((i = 1; i <= n; i++)); do
		x "$1" "concat(//*[local-name()=\"event\"][$i]/@document, ' ',
		    //*[local-name()=\"event\"][$i]/@event, ' ',
		    //*[local-name()=\"event\"][$i]/@actor, ' ',
		    //*[local-name()=\"event\"][$i]/@actor-name, ' ',
		    //*[local-name()=\"event\"][$i]/@commit)" | sed '/^$/d'
	done
}

# logged ID...: what events() shows for the events hleg-log tells of
# the documents ID, oldest first, with the names of the embedded roster.
logged() {
	local day doc ev fromto actor rest commit
	$BIN/hleg-log -C "$D" | awk -F '\t' -v ids=" $* " 'index(ids, " " $2 " ")' |
	while IFS='	' read -r day doc ev fromto actor rest; do
		commit=$(git -C "$D" rev-parse "${rest##*	}")
		echo "$doc $ev $actor $(name_of "$actor") $commit"
	done
}

# name_of ID: the name of ID on the embedded roster.
name_of() {
	x "$ROSTER" "string(//*[@id=\"$1\"]/*[local-name()=\"name\"])"
}

@test "ids from the arguments: a valid collection of exactly those documents, in order" {
	make_dossier "$D"
	make_history
	$COLLECT -C "$D" HLEG-P-2008-010 $P HLEG-R-2008-001 >"$T/out.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/out.xml"
	[ "$(docs "$T/out.xml")" = "HLEG-P-2008-010
$P
HLEG-R-2008-001" ]
	head -1 "$T/out.xml" | grep -q '^<?xml version="1.0" encoding="UTF-8"?>$'
	grep -q "^<collection xmlns=\"urn:hleg:1\" revision=\"$(git -C "$D" rev-parse main)\">$" "$T/out.xml"
	# The day of the revision's commit, the last event.
	[ "$(x "$T/out.xml" 'string(/*/*[local-name()="title"])')" = "Briefing of 2008-04-16" ]
	[ "$(x "$T/out.xml" 'string(/*/*[local-name()="date"])')" = 2008-04-16 ]
	# Each document as it is at main, its root as in its file.
	grep -q "^  <proposal xmlns=\"urn:hleg:1\" id=\"$P\" xml:lang=\"en\">$" "$T/out.xml"
	[ "$(x "$T/out.xml" "string(//*[@id=\"$P\"]/*[local-name()=\"workflow\"]/@state)")" = considered ]
	git -C "$D" show "main:documents/$P.xml" | grep '<title>' | head -1 >"$T/title"
	grep -qF "  $(cat "$T/title")" "$T/out.xml"
}

@test "ids from hleg-ls on standard input" {
	make_dossier "$D"
	make_history
	$BIN/hleg-ls -C "$D" --state draft --sector ITU-R >"$T/ls"
	[ "$(wc -l <"$T/ls")" -ge 2 ]
	$COLLECT -C "$D" <"$T/ls" >"$T/out.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/out.xml"
	[ "$(docs "$T/out.xml")" = "$(cut -f 1 "$T/ls")" ]
	# Straight from the pipe, inside the dossier, without -C.
	(cd "$D" && "$BIN/hleg-ls" --state considered | "$BIN/hleg-collect") >"$T/considered.xml"
	[ "$(docs "$T/considered.xml")" = $P ]
	# Blank lines are skipped; "-" reads standard input in its place.
	printf '\n  \n%s\tproposal\n\n' HLEG-P-2008-002 |
	    $COLLECT -C "$D" HLEG-P-2008-003 - HLEG-P-2008-001 >"$T/mixed.xml"
	[ "$(docs "$T/mixed.xml")" = "HLEG-P-2008-003
HLEG-P-2008-002
HLEG-P-2008-001" ]
}

@test "the history holds exactly the collected documents' events, with names and notes" {
	make_dossier "$D"
	make_history
	$COLLECT -C "$D" $P >"$T/one.xml"
	[ "$(x "$T/one.xml" 'count(//*[local-name()="event"])')" -eq 6 ]
	[ "$(events "$T/one.xml")" = "$(logged $P)" ]
	[ "$(x "$T/one.xml" 'count(//*[local-name()="event"][@document!="'$P'"])')" -eq 0 ]
	[ "$(x "$T/one.xml" 'string(//*[local-name()="event"][@event="return"]/@actor-name)')" = "Claire Dubois-Mensah" ]
	[ "$(x "$T/one.xml" 'count(//*[local-name()="history"]//*[local-name()="note"])')" -eq 1 ]
	[ "$(x "$T/one.xml" 'string(//*[local-name()="event"][@event="return"]/*[local-name()="note"])')" = "Annex B is missing.

The summary must name the Sectors." ]
	[ "$(x "$T/one.xml" 'string(//*[local-name()="event"][@event="consider"]/@sector)')" = ITU-D ]
	[ "$(x "$T/one.xml" 'string(//*[local-name()="event"][@event="consider"]/@outcome)')" = refine ]
	[ "$(x "$T/one.xml" 'string(//*[local-name()="event"][@event="consider"]/@date)')" = 2008-04-16 ]
	[[ "$(x "$T/one.xml" 'string(//*[local-name()="event"][1]/@version)')" =~ ^[0-9a-f]{40}$ ]]
	# Two documents: their events interleaved, oldest first.
	$COLLECT -C "$D" HLEG-P-2008-001 $P >"$T/two.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/two.xml"
	[ "$(x "$T/two.xml" 'count(//*[local-name()="event"])')" -eq 7 ]
	[ "$(x "$T/two.xml" 'string(//*[local-name()="event"][4]/@event)')" = withdraw ]
	[ "$(events "$T/two.xml")" = "$(logged HLEG-P-2008-001 $P)" ]
	# A document without events has an empty history.
	$COLLECT -C "$D" HLEG-P-2008-002 >"$T/none.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/none.xml"
	[ "$(x "$T/none.xml" 'count(/*/*[local-name()="history"])')" -eq 1 ]
	[ "$(x "$T/none.xml" 'count(//*[local-name()="event"])')" -eq 0 ]
}

@test "an actor's name is the one on the roster of the event's commit" {
	make_dossier "$D"
	event 2008-04-11T10:00:00Z $P endorse --as m12
	event 2008-04-12T10:00:00Z $P endorse --as m30
	sed -i 's#<name>Mikko Lehtinen</name>#<name>Mikko K. Lehtinen</name>#' "$D/roster.xml"
	sed -i "s#<name>$(name_of m01)</name>#<name>The Chair</name>#" "$D/roster.xml"
	git_t -C "$D" commit -q -a -m "Members' names as they now sign"
	event 2008-04-13T10:00:00Z $P submit --as m01
	$COLLECT -C "$D" $P >"$T/out.xml"
	$BIN/hleg-validate -q --roster "$D/roster.xml" "$T/out.xml"
	[ "$(x "$T/out.xml" 'string(//*[local-name()="event"][@actor="m12"]/@actor-name)')" = "Mikko Lehtinen" ]
	[ "$(x "$T/out.xml" 'string(//*[local-name()="event"][@actor="m01"]/@actor-name)')" = "The Chair" ]
}

@test "-r gives the documents and the history as they were at an earlier revision" {
	make_dossier "$D"
	make_history
	rev=$(git -C "$D" rev-parse main~3)	# after the withdrawal
	$COLLECT -C "$D" -r main~3 $P HLEG-P-2008-001 >"$T/out.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/out.xml"
	grep -q "revision=\"$rev\"" "$T/out.xml"
	[ "$(x "$T/out.xml" "string(//*[@id=\"$P\"]/*[local-name()=\"workflow\"]/@state)")" = submitted ]
	[ "$(x "$T/out.xml" "count(//*[@id=\"$P\"]/*[local-name()=\"workflow\"]/*)")" -eq 3 ]
	[ "$(x "$T/out.xml" 'count(//*[local-name()="event"])')" -eq 4 ]
	[ "$(x "$T/out.xml" 'count(//*[local-name()="event"][@event="return"])')" -eq 0 ]
	[ "$(x "$T/out.xml" 'string(/*/*[local-name()="date"])')" = 2008-04-13 ]
	# Before any event: the drafts, and no history.
	$COLLECT -C "$D" -r "$(git -C "$D" rev-parse main~7)" $P >"$T/draft.xml"
	[ "$(x "$T/draft.xml" "string(//*[@id=\"$P\"]/*[local-name()=\"workflow\"]/@state)")" = draft ]
	[ "$(x "$T/draft.xml" 'count(//*[local-name()="event"])')" -eq 0 ]
	run $COLLECT -C "$D" -r no-such-revision $P
	[ "$status" -eq 2 ]
}

@test "the work tree is not read" {
	make_dossier "$D"
	sed -i 's#<title>Establish national incident response teams</title>#<title>Edited, not committed</title>#' \
	    "$D/documents/$P.xml"
	cp "$D/documents/HLEG-P-2008-001.xml" "$D/documents/HLEG-P-2008-098.xml"
	$COLLECT -C "$D" $P >"$T/out.xml"
	! grep -q 'Edited, not committed' "$T/out.xml"
	grep -q '<title>Establish national incident response teams</title>' "$T/out.xml"
	run $COLLECT -C "$D" HLEG-P-2008-098
	[ "$status" -eq 1 ]
}

@test "a bare dossier is collected as well" {
	make_dossier "$D" --bare
	$COLLECT -C "$D" HLEG-P-2008-002 $P >"$T/out.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/out.xml"
	[ "$(docs "$T/out.xml" | wc -l)" -eq 2 ]
}

@test "an unknown id is exit 1 naming it, with nothing on standard output" {
	make_dossier "$D"
	$COLLECT -C "$D" $P HLEG-P-2008-099 >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -qx 'hleg-collect: HLEG-P-2008-099: no such document at main' "$T/err"
	echo HLEG-X-404 | $COLLECT -C "$D" -r main >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -qx 'hleg-collect: HLEG-X-404: no such document at main' "$T/err"
}

@test "a bad id is exit 2, checked before any is used" {
	for id in ../roster -x '' 'hleg-p-1' 'HLEG-P-2008-001/../x' "$(printf 'HLEG\nX')"; do
		run $COLLECT -C "$T/no-dossier" -- "$id"
		[ "$status" -eq 2 ]
		[[ "$output" == *"is not a document id"* ]]
	done
	run $COLLECT -C "$T/no-dossier" ../roster
	[ "$status" -eq 2 ]
	[[ "$output" == *"'../roster' is not a document id"* ]]
	run $COLLECT -x
	[ "$status" -eq 2 ]
	[[ "${lines[-1]}" == "usage: hleg-collect "* ]]
	# On standard input, with the line; control characters escaped.
	run bash -c "printf 'HLEG-P-2008-001\n../roster\tx\n' | $COLLECT -C '$T/no-dossier'"
	[ "$status" -eq 2 ]
	[[ "$output" == *"<stdin>:2: '../roster' is not a document id"* ]]
	run bash -c "printf 'BAD\033[2J\n' | $COLLECT -C '$T/no-dossier'"
	[ "$status" -eq 2 ]
	[[ "$output" == *"'BAD\\033[2J' is not a document id"* ]]
	# Lines are bounded.
	run bash -c "head -c 100000 /dev/zero | tr '\0' A | $COLLECT -C '$T/no-dossier'"
	[ "$status" -eq 2 ]
	[[ "$output" == *"<stdin>:1: the line is longer than 65536 bytes"* ]]
}

@test "no id at all is exit 1 with a clear message" {
	make_dossier "$D"
	run bash -c "$COLLECT -C '$D' </dev/null"
	[ "$status" -eq 1 ]
	[[ "$output" == *"no document ids: give them as arguments"* ]]
	run bash -c "printf '\n\n' | $COLLECT -C '$D'"
	[ "$status" -eq 1 ]
	# hleg-ls found nothing: nothing to collect.
	run bash -c "$BIN/hleg-ls -C '$D' --state considered | $COLLECT -C '$D'"
	[ "$status" -eq 1 ]
}

@test "duplicates are collected once, where first given" {
	make_dossier "$D"
	make_history
	$COLLECT -C "$D" $P HLEG-P-2008-002 $P HLEG-P-2008-002 HLEG-P-2008-001 >"$T/out.xml"
	[ "$(docs "$T/out.xml")" = "$P
HLEG-P-2008-002
HLEG-P-2008-001" ]
	[ "$(x "$T/out.xml" "count(//*[local-name()=\"event\"][@document=\"$P\"])")" -eq 6 ]
	printf '%s\n' HLEG-P-2008-002 $P HLEG-P-2008-002 $P | $COLLECT -C "$D" >"$T/stdin.xml"
	[ "$(docs "$T/stdin.xml")" = "HLEG-P-2008-002
$P" ]
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/stdin.xml"
}

@test "--title sets the title; a title of several lines is a usage error" {
	make_dossier "$D"
	$COLLECT -C "$D" --title 'Cybercrime & <evidence>' $P >"$T/out.xml"
	$BIN/hleg-validate -q --roster "$ROSTER" "$T/out.xml"
	[ "$(x "$T/out.xml" 'string(/*/*[local-name()="title"])')" = 'Cybercrime & <evidence>' ]
	[ "$(x "$T/out.xml" 'string(/*/*[local-name()="date"])')" = 2008-02-20 ]
	for title in "$(printf 'two\nlines')" "$(printf 'a\tb')" '   ' '' "$(printf 'bell\a')" "$(head -c 501 /dev/zero | tr '\0' t)"; do
		run $COLLECT -C "$D" --title "$title" $P
		[ "$status" -eq 2 ]
		[[ "$output" == *"--title: give one line"* ]]
	done
	run $COLLECT -C "$D" --title a --title b $P
	[ "$status" -eq 2 ]
}

@test "an invalid document at the revision is exit 1, told where it is" {
	make_dossier "$D"
	sed -i 's#<addressee>ITU Secretary-General</addressee>#<addressee>WTPF</addressee>#' \
	    "$D/documents/$P.xml"
	line=$(grep -n '<addressee>WTPF' "$D/documents/$P.xml" | cut -d: -f1)
	git_t -C "$D" commit -q -a -m "Address the WTPF"
	rev=$(git -C "$D" rev-parse --short=8 main)
	$COLLECT -C "$D" HLEG-P-2008-001 $P >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q "^hleg-collect: $rev:documents/$P.xml:$line:3: error: .*\[HLEG-R001\]$" "$T/err"
	[ "$(wc -l <"$T/err")" -eq 1 ]
	# A file that holds another document, or no proposal, is refused.
	cp "$D/documents/HLEG-P-2008-001.xml" "$D/documents/HLEG-P-2008-097.xml"
	printf '<?xml version="1.0"?>\n<collection xmlns="urn:hleg:1"/>\n' >"$D/documents/HLEG-C-2008-001.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -q -m "Strays"
	run $COLLECT -C "$D" HLEG-P-2008-097
	[ "$status" -eq 1 ]
	[[ "$output" == *"HLEG-P-2008-097.xml:2:1: error: the file of HLEG-P-2008-097 holds the document HLEG-P-2008-001"*"[HLEG-W017]"* ]]
	run $COLLECT -C "$D" HLEG-C-2008-001
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-P006]"* ]]
}

@test "malformed trailers about a collected document are exit 1; about another, ignored" {
	make_dossier "$D"
	make_history
	git_t -C "$D" commit -q --allow-empty -m "withdraw HLEG-P-2008-002: forged" -m "HLEG-Document: HLEG-P-2008-002
HLEG-Event: withdraw
HLEG-Actor: m01"
	forged=$(git -C "$D" rev-parse --short=8 main)
	$COLLECT -C "$D" $P >"$T/out.xml"
	[ "$(x "$T/out.xml" 'count(//*[local-name()="event"])')" -eq 6 ]
	$COLLECT -C "$D" HLEG-P-2008-002 $P >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q "^hleg-collect: commit $forged: error: its HLEG trailers do not record an event: it has no HLEG-State" "$T/err"
}

@test "--help prints the synopsis of the man page and exits 0" {
	run $COLLECT --help
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "usage: $(man_synopsis_line hleg-collect)" ]
	run $COLLECT -h
	[ "$status" -eq 0 ]
	run $COLLECT --bogus
	[ "$status" -eq 2 ]
	[[ "${lines[-1]}" == "usage: $(man_synopsis_line hleg-collect)" ]]
	mandoc -T lint -W warning man/hleg-collect.1
}

@test "--version names the program and the toolkit" {
	run $COLLECT --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-collect (hleg) "* ]]
}

@test "a full disk is an error, not silent loss" {
	[ -w /dev/full ] || skip "no /dev/full"
	make_dossier "$D"
	run bash -c "$COLLECT -C '$D' $P >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"stdout: No space left on device"* ]]
}
