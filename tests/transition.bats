#!/usr/bin/env bats
# hleg-transition on real repositories: every legal event is one commit
# with the right author, trailers and step; every illegal one is refused
# with exit 1, the rule named, and the repository unchanged.

load helpers

P=HLEG-P-2008-004	# rapporteurs m17 and m35; Sector ITU-D
P3=HLEG-P-2008-003	# Sectors ITU-T and ITU-D

setup() {
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	T="$BIN/hleg-transition -C $D"
}

# refused RULE COMMAND...: the command exits 1 naming RULE, and the
# dossier is as it was.
refused() {
	local rule=$1 before after
	shift
	before=$(fingerprint "$D")
	run "$@"
	after=$(fingerprint "$D")
	echo "$output"
	[ "$status" -eq 1 ]
	[[ "$output" == *"[$rule]"* ]]
	[ "$before" = "$after" ]
}

@test "an endorsement is one commit: author, trailers, step and version" {
	before=$(git -C "$D" rev-parse main)
	run $T $P endorse --as m12
	[ "$status" -eq 0 ]
	[[ "$output" == "endorse $P: draft -> draft ["*"]" ]]
	[ "$(git -C "$D" rev-parse main~1)" = "$before" ]
	[ "$(git -C "$D" log -1 --format='%an <%ae>')" = "Hiroshi Tanaka <h.tanaka@nexatel.example>" ] ||
	    [ "$(git -C "$D" log -1 --format='%ae')" = "$(grep -A3 'id="m12"' "$TOP/fixtures/dossier/roster.xml" | sed -n 's/.*<email>\(.*\)<\/email>.*/\1/p')" ]
	[ "$(git -C "$D" log -1 --format=%s)" = "endorse $P: Establish national incident response teams" ]
	[ "$(trailer "$D" HLEG-Document)" = "$P" ]
	[ "$(trailer "$D" HLEG-Event)" = endorse ]
	[ "$(trailer "$D" HLEG-State)" = "draft -> draft" ]
	[ "$(trailer "$D" HLEG-Actor)" = m12 ]
	version=$(trailer "$D" HLEG-Version)
	[[ "$version" =~ ^[0-9a-f]{40}$ ]]
	git -C "$D" show "main:documents/$P.xml" | grep -q "<step event=\"endorse\" date=\"2008-04-10\" by=\"m12\" from=\"draft\" to=\"draft\" version=\"$version\"/>"
	[ "$(git -C "$D" diff --name-only main~1 main)" = "documents/$P.xml" ]
	[ "$(git -C "$D" log -1 --format=%ad --date=iso-strict)" = "2008-04-10T10:00:00+02:00" ]
}

@test "the work tree and the index follow the new commit" {
	run $T $P endorse --as m12
	[ "$status" -eq 0 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	grep -q 'by="m12"' "$D/documents/$P.xml"
}

@test "the whole HLEG workflow: endorse, submit, return with a note, endorse again, submit, consider by each Sector" {
	at 2008-04-01T10:00:00Z $T $P3 endorse --as m12
	at 2008-04-02T10:00:00Z $T $P3 endorse --as m30
	at 2008-04-03T10:00:00Z $T $P3 submit --as m01
	[ "$(trailer "$D" HLEG-State)" = "draft -> submitted" ]
	at 2008-04-04T10:00:00Z $T $P3 return --as s01 --note "Annex B, the list of national teams, is missing.
Please add it and submit again."
	[ "$(trailer "$D" HLEG-State)" = "submitted -> draft" ]
	git -C "$D" log -1 --format=%B | grep -q '^    Annex B, the list of national teams, is missing.$'
	git -C "$D" show "main:documents/$P3.xml" | grep -q '<note>Annex B'
	# The content is unchanged, so the endorsements still count.
	at 2008-04-05T10:00:00Z $T $P3 submit --as m02
	at 2008-04-06T10:00:00Z $T $P3 consider --sector ITU-T --outcome refine --as s03
	[ "$(trailer "$D" HLEG-State)" = "submitted -> submitted" ]
	[ "$(git -C "$D" show "main:documents/$P3.xml" | grep -o '<workflow state="[a-z]*"')" = '<workflow state="submitted"' ]
	at 2008-04-07T10:00:00Z $T $P3 consider --sector ITU-D --outcome implement --as s04
	[ "$(trailer "$D" HLEG-State)" = "submitted -> considered" ]
	[ "$(trailer "$D" HLEG-Sector)" = ITU-D ]
	[ "$(trailer "$D" HLEG-Outcome)" = implement ]
	[ "$(step_count "$D" $P3)" -eq 7 ]
	[ "$(git -C "$D" rev-list --count main)" -eq 9 ]
	git -C "$D" show "main:documents/$P3.xml" | "$BIN/hleg-validate" -q --roster "$D/roster.xml"
	git -C "$D" fsck --strict 2>&1
}

@test "withdraw by the chair, from draft" {
	run $T $P withdraw --as m01
	[ "$status" -eq 0 ]
	[ "$(trailer "$D" HLEG-State)" = "draft -> withdrawn" ]
}

@test "a bare central dossier records events the same way" {
	B=$BATS_TEST_TMPDIR/central.git
	make_dossier "$B" --bare
	run "$BIN/hleg-transition" -C "$B" $P endorse --as m12
	[ "$status" -eq 0 ]
	[ "$(trailer "$B" HLEG-Actor)" = m12 ]
	[ "$(git -C "$B" rev-parse --is-bare-repository)" = true ]
	run "$BIN/hleg-transition" -C "$B" $P submit --as m01
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-W006]"* ]]
}

@test "hleg EVENT ID is hleg transition ID EVENT" {
	cd "$D"
	run "$BIN/hleg" endorse $P --as m12
	[ "$status" -eq 0 ]
	[ "$(trailer "$D" HLEG-Event)" = endorse ]
}

@test "the actor defaults to the roster entry with git's user.email" {
	email=$(grep -A4 'id="m30"' "$TOP/fixtures/dossier/roster.xml" | sed -n 's/.*<email>\(.*\)<\/email>.*/\1/p')
	git -C "$D" config user.email "$email"
	run $T $P endorse
	[ "$status" -eq 0 ]
	[ "$(trailer "$D" HLEG-Actor)" = m30 ]
}

@test "the committer is git's user, the author the actor" {
	git -C "$D" config user.name "Clerk of the secretariat"
	git -C "$D" config user.email clerk@itu.example
	$T $P endorse --as m12
	[ "$(git -C "$D" log -1 --format='%cn <%ce>')" = "Clerk of the secretariat <clerk@itu.example>" ]
	[ "$(git -C "$D" log -1 --format='%an')" != "Clerk of the secretariat" ]
}

@test "refused: an event from the wrong state" {
	refused HLEG-W002 $T $P consider --sector ITU-D --outcome refine --as s04
	[[ "$output" == *"the document is draft; consider happens only to a document that is submitted"* ]]
}

@test "refused: an event the workflow does not define" {
	refused HLEG-W001 $T $P approve --as m01
	[[ "$output" == *"the events are: endorse, submit, return, consider, withdraw"* ]]
}

@test "refused: the wrong role" {
	$T $P endorse --as m12 && $T $P endorse --as m30
	refused HLEG-W004 $T $P submit --as m12
	refused HLEG-W004 $T $P withdraw --as m02
	refused HLEG-W004 $T $P endorse --as s01
}

@test "refused: an actor who is not on the roster" {
	refused HLEG-W003 $T $P endorse --as m99
	[[ "$output" == *"'m99' is neither a member nor an official of the roster"* ]]
}

@test "refused: an actor that is not an id, and an unknown user.email" {
	refused HLEG-W003 $T $P endorse --as "M 12"
	git -C "$D" config user.email nobody@nowhere.example
	refused HLEG-W003 $T $P endorse
	[[ "$output" == *"no roster entry has the address nobody@nowhere.example"* ]]
}

@test "refused: too few endorsements" {
	$T $P endorse --as m12
	refused HLEG-W006 $T $P submit --as m01
	[[ "$output" == *"submit needs 2 endorsements of the current version"*"it has 1"* ]]
}

@test "refused: stale endorsements, of a version before a content change" {
	$T $P endorse --as m12 && $T $P endorse --as m30
	sed -i 's/Establish national incident response teams/Establish and sustain national incident response teams/' "$D/documents/$P.xml"
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qam "Broaden the title"
	refused HLEG-W006 $T $P submit --as m01
	[[ "$output" == *"it has 0: endorsements of earlier versions do not count"* ]]
}

@test "placeholder text: endorse warns of it (HLEG-R038), submit refuses it (HLEG-R039), written over it submits" {
	sed -i 's|</summary>|  <p>Replace this paragraph with the costs of a CIRT.</p>\n  </summary>|' "$D/documents/$P.xml"
	at 2008-04-10T09:00:00+02:00 git_t -C "$D" commit -qam "A paragraph still to write"
	run $T $P endorse --as m12
	[ "$status" -eq 0 ]
	[[ "$output" == *"hleg-transition: "*"documents/$P.xml:22:5: warning: this paragraph still holds the skeleton's placeholder text"*"[HLEG-R038]"* ]]
	$T $P endorse --as m30
	refused HLEG-W018 $T $P submit --as m01
	[[ "$output" == *"error: the document is 'submitted' but this paragraph still holds the skeleton's placeholder text"*"[HLEG-R039]"* ]]
	[[ "$output" == *"with this submit step the document would be invalid [HLEG-W018]"* ]]
	# The chair may still withdraw such a draft, and a written one submits.
	sed -i 's|Replace this paragraph with the costs of a CIRT.|A CIRT costs less than the incidents it prevents.|' "$D/documents/$P.xml"
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qam "The paragraph written"
	$T $P endorse --as m12 && $T $P endorse --as m30
	run $T $P submit --as m01
	[ "$status" -eq 0 ]
	[ "$(trailer "$D" HLEG-State)" = "draft -> submitted" ]
}

@test "placeholder text does not stop the chair withdrawing a draft" {
	sed -i 's|</summary>|  <p>Replace this paragraph with the costs of a CIRT.</p>\n  </summary>|' "$D/documents/$P.xml"
	at 2008-04-10T09:00:00+02:00 git_t -C "$D" commit -qam "A paragraph still to write"
	run $T $P withdraw --as m01
	[ "$status" -eq 0 ]
	[ "$(trailer "$D" HLEG-State)" = "draft -> withdrawn" ]
}

@test "refused: the same member endorsing the same version twice" {
	$T $P endorse --as m12
	refused HLEG-W013 $T $P endorse --as m12
}

@test "refused: a rapporteur endorsing their own proposal" {
	refused HLEG-W005 $T $P endorse --as m17
	[[ "$output" == *"m17 is a rapporteur of this document and may not endorse it"* ]]
}

@test "refused: a Sector outside the document, and a Sector considering twice" {
	$T $P3 endorse --as m12 && $T $P3 endorse --as m30 && $T $P3 submit --as m01
	refused HLEG-W008 $T $P3 consider --sector ITU-R --outcome refine --as s02
	[[ "$output" == *"ITU-R is not a Sector of this document; its Sectors are: ITU-T, ITU-D"* ]]
	$T $P3 consider --sector ITU-T --outcome refine --as s03
	refused HLEG-W009 $T $P3 consider --sector ITU-T --outcome validate --as s03
	refused HLEG-W012 $T $P3 consider --sector ITU-D --outcome validate --as s03
	refused HLEG-W008 $T $P3 consider --outcome validate --as s04
	refused HLEG-W010 $T $P3 consider --sector ITU-D --as s04
	refused HLEG-W010 $T $P3 consider --sector ITU-D --outcome approve --as s04
	refused HLEG-W008 $T $P3 consider --sector ITU-X --outcome refine --as s04
}

@test "refused: a return without a note" {
	$T $P endorse --as m12 && $T $P endorse --as m30 && $T $P submit --as m01
	refused HLEG-W007 $T $P return --as s01
	refused HLEG-W007 $T $P return --as s01 --note ""
}

@test "refused: options the event does not take" {
	refused HLEG-W008 $T $P endorse --as m12 --sector ITU-D
	refused HLEG-W010 $T $P endorse --as m12 --outcome refine
}

@test "refused: an event outside the roster's term" {
	GIT_AUTHOR_DATE=2010-01-05T10:00:00Z refused HLEG-W011 $T $P endorse --as m12
	[[ "$output" == *"the event's date 2010-01-05 lies outside the roster's term (2007-10-05 to 2009-10-04)"* ]]
	GIT_AUTHOR_DATE="@1180000000 +0000" refused HLEG-W011 $T $P endorse --as m12
}

@test "refused: a date git would not understand is a usage error" {
	before=$(fingerprint "$D")
	GIT_AUTHOR_DATE="next tuesday" run $T $P endorse --as m12
	[ "$status" -eq 2 ]
	[[ "$output" == *"GIT_AUTHOR_DATE=next tuesday: not a date git understands"* ]]
	[ "$before" = "$(fingerprint "$D")" ]
}

@test "refused: an event dated before the document's last step" {
	at 2008-04-10T10:00:00Z $T $P endorse --as m12
	refused HLEG-W018 env GIT_AUTHOR_DATE=2008-04-09T10:00:00Z $T $P endorse --as m30
	[[ "$output" == *"[HLEG-R011]"* ]]
}

@test "refused: ids that are not document ids never reach a path" {
	for id in ../roster HLEG/P x "HLEG P" -HLEG .git "HLEG-P-2008-004.xml" ""; do
		refused HLEG-W014 $T --as m12 -- "$id" endorse
	done
	refused HLEG-W017 $T HLEG-P-2099-999 endorse --as m12
}

@test "refused: a note that tries to forge a trailer" {
	refused HLEG-W015 $T $P endorse --as m12 --note "Looks good.

HLEG-Event: submit"
	refused HLEG-W015 $T $P endorse --as m12 --note "  hleg-actor : m01"
	refused HLEG-W015 $T $P endorse --as m12 --note "$(printf 'bell\a')"
}

@test "an indented note line is a continuation, never a trailer" {
	$T $P endorse --as m12 --note "Signed-off-by: someone
Reviewed: yes"
	[ "$(trailer "$D" HLEG-Actor)" = m12 ]
	[ -z "$(git -C "$D" log -1 --format='%(trailers:key=Signed-off-by,valueonly)')" ]
	[ -z "$(git -C "$D" log -1 --format='%(trailers:key=Reviewed,valueonly)')" ]
}

@test "refused: a roster name with a newline never reaches a signature" {
	N=$BATS_TEST_TMPDIR/n
	sed '0,/<name>Ricardo Almeida Santos<\/name>/s//<name>Ricardo\nAlmeida Santos<\/name>/' \
	    "$TOP/fixtures/dossier/roster.xml" >"$BATS_TEST_TMPDIR/roster.xml"
	grep -q '^Almeida Santos</name>' "$BATS_TEST_TMPDIR/roster.xml"
	"$BIN/hleg-init" --roster "$BATS_TEST_TMPDIR/roster.xml" "$N" >/dev/null
	cp "$TOP/fixtures/dossier/documents/$P.xml" "$N/documents/"
	git_t -C "$N" add documents && git_t -C "$N" commit -qm draft
	$BIN/hleg-transition -C "$N" $P endorse --as m12
	$BIN/hleg-transition -C "$N" $P endorse --as m30
	D=$N refused HLEG-W016 $BIN/hleg-transition -C "$N" $P submit --as m01
	[[ "$output" == *"the roster's name or email of m01 is not safe in a commit signature"* ]]
}

@test "refused: uncommitted changes to the document" {
	echo "<!-- edited -->" >>"$D/documents/$P.xml"
	refused HLEG-W020 $T $P endorse --as m12
	[[ "$output" == *"documents/$P.xml has changes that are not committed"* ]]
}

@test "uncommitted changes to another document do not matter" {
	echo "<!-- edited -->" >>"$D/documents/HLEG-P-2008-001.xml"
	run $T $P endorse --as m12
	[ "$status" -eq 0 ]
	tail -1 "$D/documents/HLEG-P-2008-001.xml" | grep -q edited
}

@test "refused: an invalid roster on main" {
	sed -i 's/id="m08"/id="m07"/' "$D/roster.xml"
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qam "Break the roster"
	refused HLEG-W018 $T $P endorse --as m12
	[[ "$output" == *"[HLEG-R023]"* ]]
}

@test "the definition is read from the dossier: another workflow, no recompiling" {
	# This body needs three endorsements.
	sed -i 's/endorsements="2"/endorsements="3"/' "$D/workflow.xml"
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qam "Three endorsements"
	$T $P endorse --as m12 && $T $P endorse --as m30
	refused HLEG-W006 $T $P submit --as m01
	[[ "$output" == *"submit needs 3 endorsements"* ]]
	$T $P endorse --as m40
	run $T $P submit --as m01
	[ "$status" -eq 0 ]
}

@test "a stale lock left by a crash is reported with its path and what to do" {
	$T $P endorse --as m12
	touch "$D/.git/refs/heads/main.lock"
	before=$(fingerprint "$D")
	run $T $P endorse --as m30
	[ "$status" -eq 2 ]
	[[ "$output" == *"$D/.git/refs/heads/main.lock exists, so main cannot move"*"remove $D/.git/refs/heads/main.lock and try again"* ]]
	rm "$D/.git/refs/heads/main.lock"
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
}

@test "usage errors" {
	run $T $P
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: hleg-transition"* ]]
	run "$BIN/hleg-transition" -C "$BATS_TEST_TMPDIR/none" $P endorse --as m12
	[ "$status" -eq 2 ]
	[[ "$output" == *"not a dossier"* ]]
}

@test "--help prints the synopsis of the man page" {
	run "$BIN/hleg-transition" --help
	[ "$status" -eq 0 ]
	synopsis=$(man_synopsis_line hleg-transition)
	[ "${lines[0]} $(echo "${lines[1]}" | sed 's/^ *//')" = "usage: $synopsis" ]
}

@test "--batch records each line as its own commit, dated as the line says, and goes on after a refusal" {
	printf '# events of the week\n%s\tendorse\tm12\n\nBAD ID\tendorse\n%s\tendorse\tm30\t-\t-\tRead twice;\\nfine.\t2008-04-12T09:00:00Z\n%s\tsubmit\tm01\t\t\t\t2008-04-13T09:00:00Z\n' \
	    $P $P $P >"$BATS_TEST_TMPDIR/events"
	run $T --batch <"$BATS_TEST_TMPDIR/events"
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "endorse $P: draft -> draft ["*"]" ]]
	[[ "$output" == *"'BAD ID' is not a document id"*"[HLEG-W014]"* ]]
	[[ "$output" == *"submit $P: draft -> submitted ["*"]"* ]]
	[ "$(git -C "$D" rev-list --count main)" -eq 5 ]
	[ "$(git -C "$D" log -1 --format=%ad --date=iso-strict main~1)" = "2008-04-12T09:00:00+00:00" ]
	git -C "$D" log -1 --format=%B main~1 | grep -q '^    Read twice;$'
	git -C "$D" log -1 --format=%B main~1 | grep -q '^    fine.$'
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "--batch refuses a malformed line and a line too long" {
	printf '%s\n' "$P" >"$BATS_TEST_TMPDIR/events"
	head -c 20000 /dev/zero | tr '\0' x >>"$BATS_TEST_TMPDIR/events"
	echo >>"$BATS_TEST_TMPDIR/events"
	before=$(fingerprint "$D")
	run $T --batch <"$BATS_TEST_TMPDIR/events"
	[ "$status" -eq 2 ]
	[[ "$output" == *"<stdin>:1: give id, event and optionally actor"* ]]
	[[ "$output" == *"<stdin>:2: the line is longer than 16384 bytes"* ]]
	[ "$before" = "$(fingerprint "$D")" ]
}

@test "refused: a document whose file is not named after its id" {
	git -C "$D" mv documents/HLEG-P-2008-005.xml documents/HLEG-P-2008-099.xml
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qm "Rename"
	refused HLEG-W017 $T HLEG-P-2008-099 endorse --as m12
	[[ "$output" == *"documents/HLEG-P-2008-099.xml holds the document HLEG-P-2008-005"* ]]
}

@test "refused: a work tree whose documents/ is a symbolic link out of the dossier" {
	mkdir "$BATS_TEST_TMPDIR/elsewhere"
	cp "$D"/documents/*.xml "$BATS_TEST_TMPDIR/elsewhere/"
	mv "$D/documents" "$BATS_TEST_TMPDIR/moved"
	ln -s "$BATS_TEST_TMPDIR/elsewhere" "$D/documents"
	before=$(git -C "$D" rev-parse main)
	sum=$(cat "$BATS_TEST_TMPDIR"/elsewhere/* | sha1sum)
	run "$BIN/hleg-transition" -C "$D" HLEG-P-2008-001 endorse --as m12
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "documents is a symbolic link, not a directory: hleg reads and writes only the dossier's own directories"
	[ "$(git -C "$D" rev-parse main)" = "$before" ]
	[ "$(cat "$BATS_TEST_TMPDIR"/elsewhere/* | sha1sum)" = "$sum" ]
	[ -z "$(ls "$BATS_TEST_TMPDIR/elsewhere" | grep -v '\.xml$')" ]
}

@test "refused: an event that a definition of many events does not define; twenty are named and the rest counted" {
	awk '/<\/workflow-definition>/ {
		for (i = 1; i <= 30; i++)
			printf "  <event name=\"x%d\" to=\"draft\">\n    <from state=\"draft\"/>\n    <by role=\"member\"/>\n  </event>\n", i
	} { print }' "$D/workflow.xml" >"$BATS_TEST_TMPDIR/w.xml"
	mv "$BATS_TEST_TMPDIR/w.xml" "$D/workflow.xml"
	as s01 -C "$D" commit -qam "30 more events"
	refused HLEG-W001 $T $P approve --as m01
	[[ "$output" == *"there is no event 'approve' in the workflow definition; the events are: endorse, submit, return, consider, withdraw, x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12, x13, x14, x15, 15 more [HLEG-W001]" ]]
}

@test "a document of 100,000 endorsements of one version: submit counts them in seconds (one member, once)" {
	$T $P endorse --as m12 >/dev/null
	step=$(grep '<step event="endorse"' "$D/documents/$P.xml")
	awk -v step="$step" '{ print } index($0, "<step event=\"endorse\"") {
		for (i = 1; i < 100000; i++)
			print step
	}' "$D/documents/$P.xml" >"$BATS_TEST_TMPDIR/p.xml"
	mv "$BATS_TEST_TMPDIR/p.xml" "$D/documents/$P.xml"
	[ "$(grep -c '<step event="endorse"' "$D/documents/$P.xml")" -eq 100000 ]
	as m12 -C "$D" commit -qam "Many endorsements"
	before=$(fingerprint "$D")
	run timeout 60 $T $P submit --as m01
	[ "$status" -eq 1 ]
	[[ "$output" == *"submit needs 2 endorsements of the current version ("*"); it has 1: endorsements of earlier versions do not count [HLEG-W006]" ]]
	[ "$(fingerprint "$D")" = "$before" ]
}
