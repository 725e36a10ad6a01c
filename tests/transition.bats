#!/usr/bin/env bats
# hleg-transition on real repositories: every legal event is one commit
# with the right author, trailers and step; every illegal one is refused
# with exit 1, the rule named, and the repository unchanged.

load helpers
bats_require_minimum_version 1.5.0

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

# --- What an interrupted transition left, and what someone changed -------
#
# hleg-transition moves main, then writes the document's file, then its
# index entry.  Killed in between, it leaves them at the version before
# its event; the states are made here by hand.

# recorded_one: an event on $P, whose commit is $E (short) and whose
# parent's version of the document is the one a killed run leaves.
recorded_one() {
	$T $P endorse --as m12 >/dev/null
	E=$(git -C "$D" rev-parse --short=7 main)
	F=$D/documents/$P.xml
}

# brought_forward: the next event ran, saying that it brought the
# document up to date with $E, and was recorded over it; index and work
# tree follow main.
brought_forward() {
	echo "$stderr"
	[ "$status" -eq 0 ]
	[ "$stderr" = "hleg-transition: documents/$P.xml: brought up to date with commit $E, whose event an interrupted transition recorded" ]
	[[ "$output" == "endorse $P: draft -> draft ["*"]" ]]
	[ "$(git -C "$D" rev-parse --short=7 main~1)" = "$E" ]
	[ "$(step_count "$D" $P)" -eq 2 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	cmp "$F" <(git -C "$D" show main:documents/$P.xml)
}

@test "left behind, index and file at the version before the event: the next event brings them up to date" {
	recorded_one
	git -C "$D" checkout main~1 -- documents/$P.xml
	[ "$(git -C "$D" status --porcelain)" = "M  documents/$P.xml" ]
	run --separate-stderr $T $P endorse --as m30
	brought_forward
}

@test "left behind, the index before the event and the file at it: the next event brings the index up to date" {
	recorded_one
	git -C "$D" reset -q main~1 -- documents/$P.xml
	[ "$(git -C "$D" status --porcelain)" = "MM documents/$P.xml" ]
	run --separate-stderr $T $P endorse --as m30
	brought_forward
}

@test "left behind, the file before the event and the index at it: the next event brings the file up to date" {
	recorded_one
	git -C "$D" show main~1:documents/$P.xml >"$F"
	[ "$(git -C "$D" status --porcelain)" = " M documents/$P.xml" ]
	run --separate-stderr $T $P endorse --as m30
	brought_forward
}

@test "left behind, and the event refused: the document is brought up to date all the same" {
	recorded_one
	git -C "$D" checkout main~1 -- documents/$P.xml
	main=$(git -C "$D" rev-parse main)
	# The killed run's own event, run again: recorded already.
	run --separate-stderr $T $P endorse --as m12
	[ "$status" -eq 1 ]
	[ "${stderr_lines[0]}" = "hleg-transition: documents/$P.xml: brought up to date with commit $E, whose event an interrupted transition recorded" ]
	[[ "${stderr_lines[1]}" == *"m12 has already endorsed this version"*"[HLEG-W013]" ]]
	[ "$(git -C "$D" rev-parse main)" = "$main" ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "left behind under events on other documents: the next event on it names the event it missed" {
	recorded_one
	git -C "$D" checkout main~1 -- documents/$P.xml
	$T $P3 endorse --as m12 >/dev/null
	$T HLEG-P-2008-001 endorse --as m12 >/dev/null
	# A member's commit of another document, made by path.
	echo "<!-- edited -->" >>"$D/documents/HLEG-P-2008-002.xml"
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qm "A comment" documents/HLEG-P-2008-002.xml
	[ "$(git -C "$D" status --porcelain)" = "M  documents/$P.xml" ]
	run --separate-stderr $T $P endorse --as m30
	echo "$stderr"
	[ "$status" -eq 0 ]
	[ "$stderr" = "hleg-transition: documents/$P.xml: brought up to date with commit $E, whose event an interrupted transition recorded" ]
	[ "$(step_count "$D" $P)" -eq 2 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "left two events back (transitions on the same document at once, killed): brought up to date, saying how far" {
	recorded_one
	$T $P endorse --as m30 >/dev/null
	last=$(git -C "$D" rev-parse --short=7 main)
	$T $P3 endorse --as m12 >/dev/null
	git -C "$D" checkout main~3 -- documents/$P.xml
	git -C "$D" show main~2:documents/$P.xml >"$F"
	run --separate-stderr $T $P endorse --as m40
	echo "$stderr"
	[ "$status" -eq 0 ]
	[ "$stderr" = "hleg-transition: documents/$P.xml: brought up to date with commit $last from the version before commit $E, 2 events earlier, whose events interrupted transitions recorded" ]
	[ "$(step_count "$D" $P)" -eq 3 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "left behind with index.lock left too: nothing is written or recorded, and the message says what to do" {
	recorded_one
	git -C "$D" checkout main~1 -- documents/$P.xml
	: >"$D/.git/index.lock"
	before=$(fingerprint "$D")
	run --separate-stderr $T $P endorse --as m30
	echo "$stderr"
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "hleg-transition: $D: documents/$P.xml: stands at the version before commit $E, whose event an interrupted transition recorded, and cannot be brought up to date: $D/.git/index.lock exists; if no git is running on the dossier, remove it and try again" ]
	[ "${stderr_lines[1]}" = "hleg-transition: nothing was recorded" ]
	[ "$(fingerprint "$D")" = "$before" ]
	rm "$D/.git/index.lock"
	run --separate-stderr $T $P endorse --as m30
	brought_forward
}

# edited_refused KIND: the event is refused with the advice for KIND, and
# nothing is changed.
edited_refused() {
	local want
	case $1 in
	file)	want="the file has changes that are not committed: to keep them, commit them first (git commit documents/$P.xml), or put them aside with git stash and take them back after the event with git stash pop; to drop them, git restore documents/$P.xml" ;;
	staged)	want="the index has changes to it that are not committed: to keep them, commit them first (git commit documents/$P.xml), or put them aside with git stash and take them back after the event with git stash pop; to drop them, git restore --source=HEAD --staged --worktree documents/$P.xml" ;;
	both)	want="the index and the file have changes that are not committed, each its own: to keep them, put them aside with git stash and take them back after the event with git stash pop --index; to drop them, git restore --source=HEAD --staged --worktree documents/$P.xml" ;;
	old)	want="the file has changes that are not committed, over an index that an interrupted transition left at the version before commit $E: they may lack that event, and committing them would revert it; to keep them, put them aside with git stash and make them again on the recorded version (git stash show -p shows them); to drop them, git checkout HEAD -- documents/$P.xml" ;;
	esac
	refused HLEG-W020 $T $P endorse --as m30
	[ "$output" = "hleg-transition: documents/$P.xml: error: $want [HLEG-W020]" ]
}

# the_edit: the file holds the edit, every recorded step, and no other
# change against main.
the_edit() {
	grep -q 'Establish sound national incident response teams' "$F"
	[ "$(grep -c '<step ' "$F")" -eq "$(step_count "$D" $P)" ]
	[ "$(git -C "$D" diff --no-textconv HEAD -- documents/$P.xml | grep -c '^[-+] ')" -eq 2 ]
}

edit() {
	sed -i 's/Establish national incident/Establish sound national incident/' "$F"
}

@test "refused: an edit of the file, untouched; kept by git stash and git stash pop, with nothing reverted" {
	recorded_one
	edit
	edited_refused file
	git -C "$D" stash -q
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	git -C "$D" stash pop -q
	the_edit
	[ "$(step_count "$D" $P)" -eq 2 ]
}

@test "refused: an edit of the file, kept by committing it first, or dropped by git restore" {
	recorded_one
	edit
	edited_refused file
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qm "Sound" documents/$P.xml
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	[ "$(step_count "$D" $P)" -eq 2 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	git -C "$D" show main:documents/$P.xml | grep -q 'Establish sound national'
	echo "<!-- dropped -->" >>"$F"
	edited_refused file
	git -C "$D" restore documents/$P.xml
	run $T $P endorse --as m40
	[ "$status" -eq 0 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "refused: a file that is gone, untouched; git restore brings it back" {
	recorded_one
	rm "$F"
	edited_refused file
	git -C "$D" restore documents/$P.xml
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
}

@test "refused: a staged edit, untouched; kept by git stash and git stash pop, or by committing it, with nothing reverted" {
	recorded_one
	edit
	git -C "$D" add documents/$P.xml
	edited_refused staged
	git -C "$D" stash -q
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	git -C "$D" stash pop -q
	the_edit
	git -C "$D" add documents/$P.xml
	edited_refused staged
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qm "Sound" documents/$P.xml
	run $T $P endorse --as m40
	[ "$status" -eq 0 ]
	[ "$(step_count "$D" $P)" -eq 3 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "refused: a staged edit, dropped by git restore --source=HEAD --staged --worktree" {
	recorded_one
	edit
	git -C "$D" add documents/$P.xml
	edited_refused staged
	git -C "$D" restore --source=HEAD --staged --worktree documents/$P.xml
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	! grep -q 'Establish sound' "$F"
}

@test "refused: a staged edit and another in the file, untouched; kept by git stash and git stash pop --index, or dropped" {
	recorded_one
	edit
	git -C "$D" add documents/$P.xml
	sed -i 's/incident response teams<\/title>/incident response teams (CIRTs)<\/title>/' "$F"
	staged=$(git -C "$D" rev-parse :documents/$P.xml)
	edited_refused both
	git -C "$D" stash -q
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	git -C "$D" stash pop -q --index
	# Each change back where it was, over the recorded steps.
	git -C "$D" show :documents/$P.xml | grep -q 'Establish sound national incident response teams</title>'
	[ "$(git -C "$D" show :documents/$P.xml | grep -c '<step ')" -eq 2 ]
	grep -q 'Establish sound national incident response teams (CIRTs)</title>' "$F"
	[ "$(grep -c '<step ' "$F")" -eq 2 ]
	edited_refused both
	git -C "$D" restore --source=HEAD --staged --worktree documents/$P.xml
	run $T $P endorse --as m40
	[ "$status" -eq 0 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "refused: a staged edit with the file as main has it, untouched; kept by git stash and git stash pop --index" {
	recorded_one
	edit
	git -C "$D" add documents/$P.xml
	git -C "$D" show main:documents/$P.xml >"$F"
	[ "$(git -C "$D" status --porcelain)" = "MM documents/$P.xml" ]
	edited_refused both
	git -C "$D" stash -q
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	git -C "$D" stash pop -q --index
	git -C "$D" show :documents/$P.xml | grep -q 'Establish sound national'
	[ "$(git -C "$D" show :documents/$P.xml | grep -c '<step ')" -eq 2 ]
}

@test "refused: an edit of a file left behind, untouched; kept by git stash and made again, or dropped" {
	recorded_one
	git -C "$D" checkout main~1 -- documents/$P.xml
	edit
	edited_refused old
	git -C "$D" stash -q
	run $T $P endorse --as m30
	[ "$status" -eq 0 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	git -C "$D" stash show -p --no-textconv | grep -q '^+.*Establish sound national'
	edit
	the_edit
	[ "$(step_count "$D" $P)" -eq 2 ]
	# Or dropped.
	git -C "$D" checkout -q main~1 -- documents/$P.xml
	E=$(git -C "$D" rev-parse --short=7 main)
	echo "<!-- dropped -->" >>"$F"
	edited_refused old
	git -C "$D" checkout HEAD -- documents/$P.xml
	run $T $P endorse --as m40
	[ "$status" -eq 0 ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "refused, not brought forward: the version before a member's commit is a member's change" {
	recorded_one
	edit
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -qm "Sound" documents/$P.xml
	git -C "$D" checkout main~1 -- documents/$P.xml
	edited_refused staged
}

@test "refused, not brought forward: the version before a commit that has an event's trailers but changes more than the document" {
	recorded_one
	git -C "$D" reset -q --soft main~1
	echo "<!-- also -->" >>"$D/documents/HLEG-P-2008-001.xml"
	git -C "$D" add documents
	git_t -C "$D" commit -q -C ORIG_HEAD
	[ "$(git -C "$D" log -1 --format=%s)" = "endorse $P: Establish national incident response teams" ]
	E=$(git -C "$D" rev-parse --short=7 main)
	git -C "$D" checkout main~1 -- documents/$P.xml
	edited_refused staged
}

@test "refused, not brought forward: the version before a content commit that carries an event's trailers under another subject" {
	recorded_one
	edit
	at 2008-04-10T11:00:00+02:00 git_t -C "$D" commit -q -F - documents/$P.xml <<-EOF
	A sounder title

	HLEG-Document: $P
	HLEG-Event: endorse
	HLEG-State: draft -> draft
	HLEG-Actor: m30
	EOF
	[ "$(trailer "$D" HLEG-Document)" = "$P" ]
	git -C "$D" checkout main~1 -- documents/$P.xml
	edited_refused staged
}

@test "refused, not brought forward: the version before an event, when a later commit said to be another document's event changed the document too" {
	recorded_one
	$T $P3 endorse --as m12 >/dev/null
	other=$(git -C "$D" rev-parse main)
	edit
	git_t -C "$D" commit -q -C "$other" documents/$P.xml
	[ "$(trailer "$D" HLEG-Document)" = "$P3" ]
	git -C "$D" checkout main~3 -- documents/$P.xml
	edited_refused staged
}

@test "refused, not brought forward: a version the document never had before an event" {
	recorded_one
	git -C "$D" show main~1:documents/$P.xml | sed 's/Establish national/Establish sound national/' >"$F"
	git -C "$D" add documents/$P.xml
	edited_refused staged
}

@test "refused: a new document, in the work tree or staged but not on main, is no document (HLEG-W017); the file is left as it is" {
	sed 's/HLEG-P-2008-004/HLEG-P-2008-099/' "$D/documents/$P.xml" >"$D/documents/HLEG-P-2008-099.xml"
	refused HLEG-W017 $T HLEG-P-2008-099 endorse --as m12
	[[ "$output" == *"there is no document HLEG-P-2008-099 on the main branch"* ]]
	git -C "$D" add documents/HLEG-P-2008-099.xml
	refused HLEG-W017 $T HLEG-P-2008-099 endorse --as m12
}

@test "a git directory on another file system than the work tree: the file is written beside itself, renamed in, and followed" {
	G=$(mktemp -d /dev/shm/hleg-test.XXXXXX)
	[ "$(stat -c %d "$G")" != "$(stat -c %d "$D")" ] || { rm -rf "$G"; skip "/dev/shm is on the file system of $D"; }
	mv "$D/.git" "$G/git"
	echo "gitdir: $G/git" >"$D/.git"
	run --separate-stderr $T $P endorse --as m12
	status_=$status stderr_=$stderr
	state=$(git -C "$D" status --porcelain)
	left=$(find "$D/documents" "$G/git" -maxdepth 1 -name '*hleg*' | wc -l)
	rm -rf "$G"
	echo "$stderr_"
	[ "$status_" -eq 0 ]
	[ -z "$stderr_" ]
	[ -z "$state" ]
	[ "$left" -eq 0 ]
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
