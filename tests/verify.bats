#!/usr/bin/env bats
# hleg-verify: the audit of a dossier's history, and the central
# dossier's pre-receive hook that hleg-init --bare installs.  Each forged
# push is refused with the rule it breaks and the central refs unchanged;
# hleg-verify over the forged history reports exactly that rule.

load helpers

ROSTER=$TOP/fixtures/dossier/roster.xml
P=HLEG-P-2008-001	# rapporteurs m36 and m47; Sector ITU-D

# rules: the distinct rule ids of $output, in order of first mention.
rules() {
	echo "$output" | grep -o '\[HLEG-[A-Z][0-9]*\]' | tr -d '[]' | awk '!seen[$0]++' | paste -sd' ' -
}

# add_step DIR ID STATE STEP: the step element STEP appended by hand to
# the document's workflow record, whose state becomes STATE.
add_step() {
	local f=$1/documents/$2.xml
	sed -i "s|<workflow state=\"[a-z]*\"/>|<workflow state=\"$3\">\n  </workflow>|" "$f"
	sed -i "s|<workflow state=\"[a-z]*\">|<workflow state=\"$3\">|; s|^  </workflow>|    $4\n  </workflow>|" "$f"
}

# trailers ID EVENT FROM TO ACTOR [EXTRA...]: an event's commit message.
trailers() {
	local id=$1 ev=$2 from=$3 to=$4 actor=$5
	shift 5
	printf '%s %s: by hand\n\nHLEG-Document: %s\nHLEG-Event: %s\nHLEG-State: %s -> %s\nHLEG-Actor: %s\n' \
	    "$ev" "$id" "$id" "$ev" "$from" "$to" "$actor"
	for t in "$@"; do
		printf '%s\n' "$t"
	done
}

# The version that hleg-transition recorded in the last step of ID.
last_version() {
	git -C "$1" show "main:documents/$2.xml" | grep -o 'version="[0-9a-f]*"' | tail -1 | sed 's/version="//; s/"//'
}

# entry MODE NAME OID: one entry of a raw tree object, as git stores it.
entry() {
	printf '%s %s\0' "$1" "$2"
	printf "$(echo "$3" | sed 's/../\\x&/g')"
}

# raw_tree: the tree object read on stdin written as it is, without
# git's checks; prints its id.
raw_tree() {
	git -C "$W" hash-object --literally -t tree -w --stdin
}

# on_main TREE MESSAGE: a commit of TREE by m36 on the clone's main.
on_main() {
	local c
	c=$(as m36 -C "$W" commit-tree "$1" -p main -m "$2")
	git -C "$W" update-ref refs/heads/main "$c"
}

# tree_of REV:PATH: the id of a tree or blob.
id_of() {
	git -C "$W" rev-parse "$1"
}

# forged RULES: refused() with git's own object check of the push off,
# to try the hook alone (its output kept in $hook_output); then the same
# push with it on, as hleg-init --bare sets it, refused by git before the
# hook.
forged() {
	git -C "$B" config receive.fsckObjects false
	refused "$1"
	hook_output=$output
	git -C "$B" config receive.fsckObjects true
	run git -C "$W" push -q origin main
	[ "$status" -ne 0 ]
	[[ "$output" == *"fsck"* ]] || { echo "$output"; return 1; }
	[ "$(fingerprint "$B")" = "$before" ]
}

setup() {
	B=$BATS_TEST_TMPDIR/central.git
	W=$BATS_TEST_TMPDIR/work
	make_dossier "$B" --bare
	git clone -q "$B" "$W"
	before=$(fingerprint "$B")
}

# refused RULES: the push of main from the clone is refused with exactly
# RULES, the central dossier is unchanged, and hleg-verify over the
# clone's history reports exactly RULES too.
refused() {
	run git -C "$W" push -q origin main
	[ "$status" -ne 0 ]
	echo "$output" | grep -q "pre-receive hook declined"
	echo "$output" | grep -q "the push is refused"
	[ "$(rules)" = "$1" ] || { echo "push: $(rules), not $1"; echo "$output"; return 1; }
	[ "$(fingerprint "$B")" = "$before" ]
	run "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 1 ]
	[ "$(rules)" = "$1" ] || { echo "audit: $(rules), not $1"; echo "$output"; return 1; }
}

endorse_and_submit() {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	"$BIN/hleg-transition" -C "$W" "$P" submit --as m01 >/dev/null
}

@test "hleg-init --bare installs hleg-verify --pre-receive, by absolute path, with its data" {
	[ -x "$B/hooks/pre-receive" ]
	grep -q "^exec '$BIN/hleg-verify' --pre-receive\$" "$B/hooks/pre-receive"
	grep -q "^HLEG_DATADIR='$TOP'\$" "$B/hooks/pre-receive"
	# A non-bare dossier has no gate to keep.
	"$BIN/hleg-init" --roster "$ROSTER" "$BATS_TEST_TMPDIR/local" >/dev/null
	[ ! -e "$BATS_TEST_TMPDIR/local/.git/hooks/pre-receive" ]
}

@test "a member's legal work pushes, and the central dossier's history is clean" {
	endorse_and_submit
	# A draft edited by a member, events on another, a review branch.
	sed -i 's|</summary>|  <p>Also for small states.</p>\n  </summary>|' "$W/documents/HLEG-P-2008-002.xml"
	as m32 -C "$W" commit -qam "HLEG-P-2008-002: small states"
	"$BIN/hleg-transition" -C "$W" HLEG-P-2008-002 endorse --as m12 >/dev/null
	run git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$W" rev-parse main)" ]
	git -C "$W" checkout -q -b review
	sed -i 's|</summary>|  <p>A reviewer asks.</p>\n  </summary>|' "$W/documents/HLEG-P-2008-003.xml"
	as m40 -C "$W" commit -qam "HLEG-P-2008-003: a question"
	run git -C "$W" push -q origin review
	[ "$status" -eq 0 ]
	run git -C "$W" push -q origin :review
	[ "$status" -eq 0 ]
	run "$BIN/hleg-verify" -C "$B"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run "$BIN/hleg-verify" -C "$B" --xml
	[ "$status" -eq 0 ]
	echo "$output" | grep -q '<audit xmlns="urn:hleg:1" commits="7" errors="0"/>'
}

@test "refused: an event commit whose trailers lie" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	git -C "$W" log -1 --format=%B | sed 's/^HLEG-Actor: m12$/HLEG-Actor: m30/' >"$BATS_TEST_TMPDIR/msg"
	as m12 -C "$W" commit -q --amend -F "$BATS_TEST_TMPDIR/msg"
	refused HLEG-V011
	echo "$output" | grep -q "HLEG-Actor says m30, but the step records m12"
}

@test "refused: a step recorded without trailers" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	as m12 -C "$W" commit -q --amend -m "Endorse the model legislation"
	refused HLEG-V010
	echo "$output" | grep -q "documents/$P.xml:0:0: error: the commit records a endorse step but its message has no HLEG trailers"
}

@test "refused: an event whose author is not the actor" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	as m12 -C "$W" commit -q --amend --no-edit --author="$(person m30 name) <$(person m30 email)>"
	refused HLEG-V013
}

@test "refused: a member records a Sector's consideration" {
	endorse_and_submit
	add_step "$W" "$P" considered '<step event="consider" date="2008-04-10" by="m05" from="submitted" to="considered" sector="ITU-D" outcome="refine"/>'
	trailers "$P" consider submitted considered m05 "HLEG-Sector: ITU-D" "HLEG-Outcome: refine" >"$BATS_TEST_TMPDIR/msg"
	as m05 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	refused HLEG-W004
	echo "$output" | grep -q "consider may be done only by the liaison; m05 is not"
}

@test "refused: a submit without endorsements" {
	add_step "$W" "$P" submitted '<step event="submit" date="2008-04-10" by="m01" from="draft" to="submitted"/>'
	trailers "$P" submit draft submitted m01 >"$BATS_TEST_TMPDIR/msg"
	as m01 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	refused HLEG-W006
	echo "$output" | grep -q "submit needs 2 endorsements of the current version"
}

@test "refused: a submit, made by hand, of a document that holds placeholder text" {
	sed -i 's|</summary>|  <p>Replace this paragraph with the status of the treaty.</p>\n  </summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: a paragraph still to write"
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null 2>&1
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null 2>&1
	add_step "$W" "$P" submitted '<step event="submit" date="2008-04-10" by="m01" from="draft" to="submitted"/>'
	trailers "$P" submit draft submitted m01 >"$BATS_TEST_TMPDIR/msg"
	as m01 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	refused HLEG-R039
	echo "$output" | grep -q "documents/$P.xml:[0-9]*:[0-9]*: error: the document is 'submitted' but this paragraph still holds the skeleton's placeholder text"
}

@test "refused: an endorsement of an older version" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	old=$(last_version "$W" "$P")
	sed -i 's|</summary>|  <p>Amended after the first endorsement.</p>\n  </summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: amended"
	add_step "$W" "$P" draft "<step event=\"endorse\" date=\"2008-04-10\" by=\"m30\" from=\"draft\" to=\"draft\" version=\"$old\"/>"
	trailers "$P" endorse draft draft m30 "HLEG-Version: $old" >"$BATS_TEST_TMPDIR/msg"
	as m30 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	refused HLEG-V012
	echo "$output" | grep -q "the step records version ${old:0:12}, but the document's content version is"
}

@test "refused: a content change to a submitted document" {
	endorse_and_submit
	sed -i 's|</summary>|  <p>A late change.</p>\n  </summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: a late change"
	refused HLEG-V006
	echo "$output" | grep -q "documents/$P.xml:0:0: error: the document is submitted and its content changes: content changes only while a document is draft"
}

@test "refused: a comment changed in a submitted document, frozen with its content" {
	sed -i 's|</summary>|  <!-- A note for the drafters. -->\n  </summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: a comment, while a draft"
	endorse_and_submit
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	sed -i 's|<!-- A note for the drafters. -->|<!-- The Sectors should ignore recommendation 1.1. -->|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: a comment changed"
	refused HLEG-V006
	echo "$output" | grep -q "documents/$P.xml:0:0: error: the document is submitted and its comments change: they are frozen with its content once it has left draft"
}

@test "refused: a processing instruction added to a submitted document, part of its content" {
	endorse_and_submit
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	sed -i 's|</summary>|<?hleg-note the Sectors should ignore 1.1?></summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: an instruction"
	refused HLEG-V006
	echo "$output" | grep -q "the document is submitted and its content changes"
}

@test "refused: an event commit that also adds a comment" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	# A comment alone, no text around it: the content is the same.
	sed -i 's|</summary>|<!-- Endorsed as it stands. --></summary>|' "$W/documents/$P.xml"
	as m12 -C "$W" commit -q --amend -a --no-edit
	refused HLEG-V008
	echo "$output" | grep -q "the commit records a step and also changes the document's comments"
}

@test "refused: a roster change by a member" {
	sed -i 's|Secretariat of Telecommunications|Secretariat of Telecommunications and Cybersecurity|' "$W/roster.xml"
	as m05 -C "$W" commit -qam "roster: an affiliation"
	refused HLEG-V004
	# The secretariat may.
	git -C "$W" reset -q --hard origin/main
	sed -i 's|Independent expert in information security management|Independent expert|' "$W/roster.xml"
	as s01 -C "$W" commit -qam "roster: an affiliation"
	run git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
}

@test "refused: an invalid document" {
	cp "$TOP/fixtures/invalid/R002-addressed-to-organ.xml" "$W/documents/HLEG-P-2008-101.xml"
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "A draft addressed to a Study Group"
	refused HLEG-R002
	echo "$output" | grep -q "documents/HLEG-P-2008-101.xml:[0-9]*:[0-9]*: error: "
}

@test "refused: a force-push that rewrites main" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	git -C "$W" reset -q --hard HEAD~1
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	run git -C "$W" push -q --force origin main
	[ "$status" -ne 0 ]
	[ "$(rules)" = HLEG-V017 ]
	echo "$output" | grep -q "the push rewrites main"
	[ "$(fingerprint "$B")" = "$before" ]
}

@test "refused: deleting main; other branches and tags come and go" {
	run git -C "$W" push -q origin :main
	[ "$status" -ne 0 ]
	[ "$(rules)" = HLEG-V017 ]
	echo "$output" | grep -q "deleting main is refused"
	[ "$(fingerprint "$B")" = "$before" ]
	git -C "$W" tag v1
	run git -C "$W" push -q origin v1
	[ "$status" -eq 0 ]
	run git -C "$W" push -q origin :refs/tags/v1
	[ "$status" -eq 0 ]
	run git -C "$W" push -q origin main:refs/notes/x
	[ "$status" -ne 0 ]
	[ "$(rules)" = HLEG-V017 ]
}

@test "refused: a forged commit on a branch, whatever branch" {
	git -C "$W" checkout -q -b review
	sed -i 's|Secretariat of Telecommunications|Secretariat of Telecommunications and Cybersecurity|' "$W/roster.xml"
	as m05 -C "$W" commit -qam "roster: an affiliation"
	run git -C "$W" push -q origin review
	[ "$status" -ne 0 ]
	[ "$(rules)" = HLEG-V004 ]
	[ "$(fingerprint "$B")" = "$before" ]
}

@test "hleg-init --bare turns on git's own check of pushed objects, strictly" {
	[ "$(git -C "$B" config --bool receive.fsckObjects)" = true ]
	for id in badFilemode emptyName fullPathname hasDot hasDotdot hasDotgit nullSha1 zeroPaddedFilemode; do
		[ "$(git -C "$B" config "receive.fsck.$id")" = error ] || { echo "$id"; return 1; }
	done
}

@test "refused: a root tree out of git's order, with a second, empty documents/, and the forgery it hides" {
	endorse_and_submit
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	empty=$(git -C "$W" hash-object -t tree -w /dev/null)
	tree=$({
		entry 100644 .gitattributes "$(id_of main:.gitattributes)"
		entry 40000 documents "$(id_of main:documents)"
		entry 100644 roster.xml "$(id_of main:roster.xml)"
		entry 100644 workflow.xml "$(id_of main:workflow.xml)"
		entry 40000 documents "$empty"
	} | raw_tree)
	on_main "$tree" "an extra documents/"
	# The child changes the submitted proposal's text.
	git -C "$W" read-tree main
	git -C "$W" checkout -q -- .
	sed -i 's|</summary>|  <p>Changed once submitted.</p>\n  </summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: a late change"
	forged "HLEG-V020 HLEG-V003"
	echo "$hook_output" | grep -q "the root tree: the entry 'documents' (mode 040000) is an entry out of git's order"
}

@test "refused: two entries of the same name in documents/, the second a forged draft" {
	endorse_and_submit
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	fake=$(git -C "$W" show "main~3:documents/$P.xml" | sed 's/Cybercrime/Forged/' |
	    git -C "$W" hash-object -w --stdin)
	docs=$(git -C "$W" ls-tree main:documents | while read -r mode type oid name; do
		entry "$mode" "$name" "$oid"
		[ "$name" = "$P.xml" ] && entry 100644 "$P.xml" "$fake"
	done | raw_tree)
	tree=$({
		entry 100644 .gitattributes "$(id_of main:.gitattributes)"
		entry 40000 documents "$docs"
		entry 100644 roster.xml "$(id_of main:roster.xml)"
		entry 100644 workflow.xml "$(id_of main:workflow.xml)"
	} | raw_tree)
	on_main "$tree" "two of the same name"
	forged HLEG-V020
	echo "$hook_output" | grep -q "documents/: the entry '$P.xml' (mode 100644) is a name the tree already holds"
}

@test "refused: a root entry whose name holds a slash, over a document" {
	before=$(fingerprint "$B")
	fake=$(sed 's/Cybercrime/Forged/' "$W/documents/$P.xml" | git -C "$W" hash-object -w --stdin)
	tree=$({
		entry 100644 .gitattributes "$(id_of main:.gitattributes)"
		entry 40000 documents "$(id_of main:documents)"
		entry 100644 "documents/$P.xml" "$fake"
		entry 100644 roster.xml "$(id_of main:roster.xml)"
		entry 100644 workflow.xml "$(id_of main:workflow.xml)"
	} | raw_tree)
	on_main "$tree" "a slash"
	forged HLEG-V020
	echo "$hook_output" | grep -q "the root tree: the entry 'documents/$P.xml' (mode 100644) is a name that holds '/'"
}

@test "refused: a mode git never writes (140000), which libgit2 reads as a file and git as a submodule" {
	before=$(fingerprint "$B")
	docs=$(git -C "$W" ls-tree main:documents | while read -r mode type oid name; do
		if [ "$name" = "$P.xml" ]; then entry 140000 "$name" "$oid"; else entry "$mode" "$name" "$oid"; fi
	done | raw_tree)
	tree=$({
		entry 100644 .gitattributes "$(id_of main:.gitattributes)"
		entry 40000 documents "$docs"
		entry 100644 roster.xml "$(id_of main:roster.xml)"
		entry 100644 workflow.xml "$(id_of main:workflow.xml)"
	} | raw_tree)
	on_main "$tree" "a strange mode"
	forged HLEG-V020
	echo "$hook_output" | grep -q "documents/: the entry '$P.xml' (mode 140000) is a mode git never writes"
}

# merged_late_draft PARENTS...: the proposal submitted and pushed; then,
# on a branch "old" from where it was still a draft, an edit of it; and
# on main a merge of PARENTS (of "old" and "main", in some order) that
# keeps the late draft's tree.
merged_late_draft() {
	local m
	endorse_and_submit
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	git -C "$W" checkout -q -b old main~3
	sed -i 's|</summary>|  <p>Rewritten after submission.</p>\n  </summary>|' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: a late draft"
	m=$(as m36 -C "$W" commit-tree old^{tree} "$@" -m "Merge the late draft")
	git -C "$W" checkout -q main
	git -C "$W" update-ref refs/heads/main "$m"
}

@test "refused: a merge whose first parent is old history, with main as its second: main would move back" {
	merged_late_draft -p old -p main
	git -C "$W" merge-base --is-ancestor origin/main main
	run git -C "$W" push -q origin main
	echo "$output" | grep -q "the push does not move main forward: $(git -C "$W" rev-parse --short=8 origin/main), where main is, is not on the first-parent line of the pushed main"
	# The audit of the history finds the events left off main's line.
	refused HLEG-V017
	[ "$(echo "$output" | grep -c 'the commit records an event, yet it is not on the first-parent line of main')" -eq 3 ]
}

@test "refused: a merge of the first commit and main, which empties the dossier" {
	endorse_and_submit
	git -C "$W" push -q origin main
	before=$(fingerprint "$B")
	root=$(git -C "$W" rev-list --max-parents=0 main)
	m=$(as m36 -C "$W" commit-tree "$root^{tree}" -p "$root" -p main -m "Merge main")
	git -C "$W" update-ref refs/heads/main "$m"
	refused HLEG-V017
}

@test "refused: a merge with main first that brings old history's tree: judged as an ordinary commit would be" {
	merged_late_draft -p main -p old
	refused HLEG-V016
}

@test "refused: an event authored in the year 12008, its step dated 2008" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	# 12008-04-10T10:00:00Z, whose day modulo 10000 years is the step's.
	GIT_COMMITTER_DATE="@316777341600 +0000" as m12 -C "$W" commit -q --amend --no-edit --date="@316777341600 +0000"
	git -C "$W" log -1 --format=%ad --date=iso | grep -q '^12008-04-10'
	refused HLEG-V014
	[ "$(echo "$output" | grep -c "lies outside the years 0001 to 9999")" -eq 2 ]
	# hleg-log and hleg-collect tell no day of a wrapped year.
	run "$BIN/hleg-log" -C "$W" "$P"
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: its author date lies outside the years 0001 to 9999, so the day of its event cannot be told; the commit is not listed"* ]]
	run "$BIN/hleg-collect" -C "$W" "$P"
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: its author date lies outside the years 0001 to 9999"* ]]
}

@test "refused: a step or a document dated in a year of five digits" {
	sed -i 's|<date>2008-\([0-9-]*\)</date>|<date>12008-\1</date>|' "$W/documents/$P.xml"
	grep -q '<date>12008-' "$W/documents/$P.xml"
	as m36 -C "$W" commit -qam "$P: dated in 12008"
	refused HLEG-S001
}

@test "the whole push is refused when one of its commits is forged" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	sed -i 's|Secretariat of Telecommunications|Secretariat of Telecommunications and Cybersecurity|' "$W/roster.xml"
	as m05 -C "$W" commit -qam "roster: an affiliation"
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	run git -C "$W" push -q origin main
	echo "$output" | grep -q "1 error in the 3 commits it brings; the central dossier is unchanged"
	refused HLEG-V004
}

# audited RULES: hleg-verify over the clone's history finds exactly RULES.
audited() {
	run "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 1 ] || { echo "status $status"; echo "$output"; return 1; }
	[ "$(rules)" = "$1" ] || { echo "audit: $(rules), not $1"; echo "$output"; return 1; }
}

@test "the replayed demo dossier's history is clean" {
	HLEG_DEMO_DIR=$BATS_TEST_TMPDIR/demo run bash "$TOP/tests/demo"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q "commits, every one legal"
	run "$BIN/hleg-verify" -C "$BATS_TEST_TMPDIR/demo/dossier"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "audit: a file outside the layout, a symbolic link, a directory in documents/" {
	echo notes >"$W/notes.txt"
	ln -s "$P.xml" "$W/documents/HLEG-P-2008-099.xml"
	mkdir "$W/documents/drafts" && echo x >"$W/documents/drafts/a.xml"
	git -C "$W" add -A
	as m36 -C "$W" commit -qm "Some files"
	audited HLEG-V001
	echo "$output" | grep -q ":documents/HLEG-P-2008-099.xml:0:0: error: documents/HLEG-P-2008-099.xml is a symbolic link; a document must be a plain file"
	echo "$output" | grep -q ":notes.txt:0:0: error: notes.txt is outside the dossier's layout"
	echo "$output" | grep -q ":documents/drafts:0:0: error: documents/drafts is outside"
}

@test "audit: documents/ replaced by a file" {
	git -C "$W" rm -rq documents
	echo "not a directory" >"$W/documents"
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "documents as a file"
	audited HLEG-V001
	echo "$output" | grep -q ":documents:0:0: error: documents is outside the dossier's layout"
	# Submitted documents cannot go that way.
	git -C "$W" reset -q --hard origin/main
	endorse_and_submit
	git -C "$W" rm -rq documents
	as m36 -C "$W" commit -qm "no documents"
	audited HLEG-V006
	echo "$output" | grep -q "documents/$P.xml:0:0: error: the document is submitted and is deleted"
}

@test "audit: a file not named after its document's id" {
	cp "$W/documents/$P.xml" "$W/documents/HLEG-P-2008-099.xml"
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "A copy"
	audited HLEG-V002
	echo "$output" | grep -q "the file holds the document $P"
}

@test "audit: documents changed by someone who is not on the roster" {
	sed -i 's|</summary>|  <p>Anonymous.</p>\n  </summary>|' "$W/documents/$P.xml"
	git -C "$W" -c user.name=Anon -c user.email=anon@example.org commit -qam "anonymous"
	audited HLEG-V005
}

@test "audit: a new document that arrives with steps" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	sed 's|id="HLEG-P-2008-001"|id="HLEG-P-2008-099"|' "$W/documents/$P.xml" >"$W/documents/HLEG-P-2008-099.xml"
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "A copy with its record"
	audited HLEG-V007
	echo "$output" | grep -q "a new document starts as draft with no steps; this one is draft with 1"
}

@test "audit: an event commit that changes more than its document" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	sed -i 's|</summary>|  <p>Slipped in.</p>\n  </summary>|' "$W/documents/HLEG-P-2008-002.xml"
	as m12 -C "$W" commit -q --amend --no-edit -a
	audited HLEG-V008
	echo "$output" | grep -q "the commit records an event and changes 1 other files"
}

@test "audit: an event commit that also changes its document's content" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	sed -i 's|</summary>|  <p>Slipped in.</p>\n  </summary>|' "$W/documents/$P.xml"
	as m12 -C "$W" commit -q --amend --no-edit -a
	audited HLEG-V008
}

@test "audit: recorded steps changed or removed" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	sed -i 's|by="m12"|by="m40"|' "$W/documents/$P.xml"
	as m40 -C "$W" commit -qam "$P: who endorsed"
	audited HLEG-V009
	echo "$output" | grep -q "recorded steps are never changed or removed"
}

@test "audit: a step whose state is not the workflow's" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	add_step "$W" "$P" submitted '<step event="endorse" date="2008-04-10" by="m30" from="draft" to="submitted" version="'"$(last_version "$W" "$P")"'"/>'
	trailers "$P" endorse draft submitted m30 "HLEG-Version: $(last_version "$W" "$P")" >"$BATS_TEST_TMPDIR/msg"
	as m30 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	audited HLEG-V009
	echo "$output" | grep -q "the step records draft -> submitted, but endorse takes the document from draft to draft"
}

@test "audit: a step dated other than its commit" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	as m12 -C "$W" commit -q --amend --no-edit --date=2008-05-01T10:00:00+02:00
	audited HLEG-V014
	echo "$output" | grep -q "the step is dated 2008-04-10, but the commit was authored on 2008-05-01"
}

@test "audit: a commit whose message claims an event it does not make" {
	sed -i 's|</summary>|  <p>More.</p>\n  </summary>|' "$W/documents/$P.xml"
	trailers "$P" submit draft submitted m01 >"$BATS_TEST_TMPDIR/msg"
	as m01 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	audited HLEG-V015
}

@test "audit: a merge that brings an event" {
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	git -C "$W" branch side
	git -C "$W" reset -q --hard HEAD~1
	as m12 -C "$W" merge -q --no-ff -m "Merge the endorsement" side
	# The endorsement, off main's first-parent line, and the merge.
	audited "HLEG-V017 HLEG-V016"
}

@test "audit: a second first commit, merged in" {
	git -C "$W" checkout -q --orphan other
	as s01 -C "$W" commit -qm "Another history"
	git -C "$W" checkout -q main
	as s01 -C "$W" merge -q --allow-unrelated-histories -m "Merge another history" other
	audited HLEG-V018
}

@test "audit: a first commit without a roster" {
	R=$BATS_TEST_TMPDIR/bare-history
	git init -q -b main "$R"
	cp "$TOP/templates/workflow.xml" "$R/"
	git -C "$R" add . && git_t -C "$R" commit -qm "No roster"
	run "$BIN/hleg-verify" -C "$R"
	[ "$status" -eq 1 ]
	[ "$(rules)" = HLEG-V003 ]
}

@test "audit: the git attributes and the workflow definition are the secretariat's" {
	echo "documents/*.xml -diff" >>"$W/.gitattributes"
	as m05 -C "$W" commit -qam "attributes"
	audited HLEG-V004
	git -C "$W" reset -q --hard origin/main
	sed -i 's|<requires endorsements="2"/>|<requires endorsements="3"/>|' "$W/workflow.xml"
	as s01 -C "$W" commit -qam "Three endorsements from now on"
	run "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 0 ]
	# and the rules of each commit are its parent's definition.
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	run "$BIN/hleg-transition" -C "$W" "$P" submit --as m01
	[ "$status" -eq 1 ]
	echo "$output" | grep -q "submit needs 3 endorsements"
	add_step "$W" "$P" submitted '<step event="submit" date="2008-04-10" by="m01" from="draft" to="submitted"/>'
	trailers "$P" submit draft submitted m01 >"$BATS_TEST_TMPDIR/msg"
	as m01 -C "$W" commit -qa -F "$BATS_TEST_TMPDIR/msg"
	audited HLEG-W006
}

@test "audit: roster changes that return to an earlier roster, past the cache, judged by the right roster" {
	# A -> B -> C -> D -> A -> E: rosters are read again after four
	# others (the audit caches four), and each commit is judged by its
	# parent's roster; under ASan, no roster is read after it is freed.
	orig='Ministry of Communications, Secretariat of Telecommunications'
	for v in B C D A E; do
		if [ $v = A ]; then to=$orig; else to="Ministry $v"; fi
		sed -i "0,/<affiliation>/s|<affiliation>[^<]*</affiliation>|<affiliation>$to</affiliation>|" "$W/roster.xml"
		as s01 -C "$W" commit -qam "roster: the first affiliation, $v"
		sed -i "s|</summary>|  <p>Seen under roster $v.</p>\n  </summary>|" "$W/documents/$P.xml"
		as m36 -C "$W" commit -qam "$P: under roster $v"
	done
	[ "$(git -C "$W" rev-list --count origin/main..main)" -eq 10 ]
	for j in 1 2; do
		run "$BIN/hleg-verify" -j $j -C "$W"
		[ "$status" -eq 0 ] || { echo "-j $j: $output"; return 1; }
	done
	run git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
	before=$(fingerprint "$B")
	# A member's roster change after them is still found.
	sed -i "0,/<affiliation>/s|<affiliation>[^<]*</affiliation>|<affiliation>Ministry F</affiliation>|" "$W/roster.xml"
	as m36 -C "$W" commit -qam "roster: by a member"
	refused HLEG-V004
}

@test "audit: OLD..NEW judges only the commits NEW brings" {
	sed -i 's|Secretariat of Telecommunications|Secretariat of Telecommunications and Cybersecurity|' "$W/roster.xml"
	as m05 -C "$W" commit -qam "roster: an affiliation"
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	run "$BIN/hleg-verify" -C "$W" HEAD~1..HEAD
	[ "$status" -eq 0 ]
	run "$BIN/hleg-verify" -C "$W" HEAD~2..HEAD
	[ "$status" -eq 1 ]
	[ "$(rules)" = HLEG-V004 ]
	run "$BIN/hleg-verify" -C "$W" HEAD~2
	[ "$status" -eq 0 ]
}

@test "--xml: the findings as an audit document that the schema accepts" {
	need xmllint xsltproc
	sed -i 's|</summary>|  <p>Anonymous and late.</p>\n  </summary>|' "$W/documents/$P.xml"
	git -C "$W" -c user.name=Anon -c user.email=anon@example.org commit -qam "anonymous"
	run "$BIN/hleg-verify" -C "$W" --xml
	[ "$status" -eq 1 ]
	echo "$output" >"$BATS_TEST_TMPDIR/audit.xml"
	xmllint --noout --schema "$TOP/schemas/audit.xsd" "$BATS_TEST_TMPDIR/audit.xml"
	grep -q '<audit xmlns="urn:hleg:1" commits="3" errors="1">' "$BATS_TEST_TMPDIR/audit.xml"
	grep -q "<finding commit=\"$(git -C "$W" rev-parse HEAD)\" rule=\"HLEG-V005\">the commit changes documents" "$BATS_TEST_TMPDIR/audit.xml"
	run xsltproc "$TOP/stylesheets/audit-text.xsl" "$BATS_TEST_TMPDIR/audit.xml"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q "^HLEG-V005 $(git -C "$W" rev-parse --short=8 HEAD)"
}

@test "usage errors, a missing dossier or revision, --help and --version" {
	run "$BIN/hleg-verify" --frobnicate
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "^usage: hleg-verify"
	run "$BIN/hleg-verify" a b
	[ "$status" -eq 2 ]
	run "$BIN/hleg-verify" --pre-receive main
	[ "$status" -eq 2 ]
	run "$BIN/hleg-verify" -j 999
	[ "$status" -eq 2 ]
	echo "$output" | grep -q -- "-j 999: give a number of jobs from 0 to 256"
	run "$BIN/hleg-verify" -C "$BATS_TEST_TMPDIR/nowhere"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "not a dossier"
	run "$BIN/hleg-verify" -C "$W" no-such-rev
	[ "$status" -eq 2 ]
	run "$BIN/hleg-verify" -C "$W" -- -x
	[ "$status" -eq 2 ]
	run "$BIN/hleg-verify" --help
	[ "$status" -eq 0 ]
	echo "$output" | grep -q "^usage: hleg-verify \[-h\] \[-C dir\] \[-j jobs\] \[--xml\] \[rev | old..new\]"
	run "$BIN/hleg-verify" --version
	[ "$status" -eq 0 ]
	[ "$output" = "hleg-verify (hleg) 0.1" ]
	run "$BIN/hleg-verify" -C "$W" >/dev/full
	[ "$status" -eq 0 ]
	run sh -c "'$BIN/hleg-verify' -C '$W' --xml >/dev/full"
	[ "$status" -eq 2 ]
}

@test "--pre-receive: malformed hook input is an error, not a pass" {
	cd "$B"
	run sh -c "echo 'garbage' | '$BIN/hleg-verify' --pre-receive"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "not a line of git's pre-receive input"
	z=0000000000000000000000000000000000000000
	run sh -c "echo '$z $z refs/heads/../x' | '$BIN/hleg-verify' --pre-receive"
	[ "$status" -eq 2 ]
	# Nothing pushed, nothing to refuse.
	run sh -c "'$BIN/hleg-verify' --pre-receive </dev/null"
	[ "$status" -eq 0 ]
}

@test "-j: one thread or many, the same findings in the same order" {
	for i in 1 2 3; do
		sed -i "s|</summary>|  <p>Anonymous $i.</p>\n  </summary>|" "$W/documents/$P.xml"
		git -C "$W" -c user.name=Anon -c user.email=anon@example.org commit -qam "anonymous $i"
	done
	one=$("$BIN/hleg-verify" -j 1 -C "$W" 2>&1 || true)
	four=$("$BIN/hleg-verify" -j 4 -C "$W" 2>&1 || true)
	[ "$one" = "$four" ]
	[ "$(echo "$one" | grep -c HLEG-V005)" -eq 3 ]
}

@test "--help and the usage message are the man page's synopsis" {
	synopsis=$(man_synopsis hleg-verify)
	run "$BIN/hleg-verify" --help
	[ "$(echo "$output" | sed -n '1,2p' | sed 's/^usage: //; s/^ *//')" = "$synopsis" ]
	run "$BIN/hleg-verify" --no-such-option
	[ "$(echo "$output" | grep -v 'unrecognized' | sed 's/^usage: //; s/^ *//')" = "$synopsis" ]
}

@test "an installed hleg-init --bare installs the installed hleg-verify, which judges pushes" {
	[ -z "${HLEG_BIN:-}" ] || skip "the installed programs are the plain build"
	(cd "$TOP" && make -s install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/hleg >/dev/null)
	root=$BATS_TEST_TMPDIR/root/opt/hleg
	C=$BATS_TEST_TMPDIR/installed.git
	env -u HLEG_DATADIR "$root/bin/hleg-init" --bare --roster "$ROSTER" "$C" >/dev/null
	grep -q "^exec '$root/bin/hleg-verify' --pre-receive\$" "$C/hooks/pre-receive"
	grep -q "^HLEG_DATADIR='$root/share/hleg'\$" "$C/hooks/pre-receive"
	git clone -q "$C" "$BATS_TEST_TMPDIR/m"
	cp "$TOP/fixtures/dossier/documents/$P.xml" "$BATS_TEST_TMPDIR/m/documents/"
	git -C "$BATS_TEST_TMPDIR/m" add documents
	as m36 -C "$BATS_TEST_TMPDIR/m" commit -qm "A draft"
	run git -C "$BATS_TEST_TMPDIR/m" push -q origin main
	[ "$status" -eq 0 ]
	sed -i 's|Secretariat of Telecommunications|Secretariat|' "$BATS_TEST_TMPDIR/m/roster.xml"
	as m36 -C "$BATS_TEST_TMPDIR/m" commit -qam "roster"
	run git -C "$BATS_TEST_TMPDIR/m" push -q origin main
	[ "$status" -ne 0 ]
	[ "$(rules)" = HLEG-V004 ]
}

@test "a draft holding more than a hundred placeholder paragraphs pushes: warnings are not findings, however many" {
	"$TOP/bench/large" paras 20000 >"$W/documents/HLEG-P-2008-900.xml"
	[ "$(grep -c 'Replace this paragraph' "$W/documents/HLEG-P-2008-900.xml")" -gt 300 ]
	run "$BIN/hleg-validate" -q "$W/documents/HLEG-P-2008-900.xml"
	[ "$status" -eq 0 ]
	echo "$output" | grep -q "further diagnostics not shown"
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "A draft still to write"
	run git -C "$W" push -q origin main
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$W" rev-parse main)" ]
	run "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

# The largest documents the input limit allows, of the shapes that once
# made a rule's cost grow with the square of their size (bench/large),
# are judged in seconds: the push ends within timeout's 60 s, where it
# took minutes.  Timing goals are bench/rules'.

@test "the largest valid draft the input limit allows, all its 4,995 recommendations numbered apart, is judged in seconds and accepted" {
	f=$W/documents/HLEG-P-2008-900.xml
	"$TOP/bench/large" recs-valid >"$f"
	[ "$(grep -c '<recommendation ' "$f")" -eq 4995 ]
	[ "$(stat -c %s "$f")" -gt $((16 * 1048576 - 65536)) ]
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "A large draft"
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$W" rev-parse main)" ]
	run timeout 60 "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "a draft of as many recommendations as 16 MiB hold, their numbers repeated, is refused in seconds for HLEG-R003 alone" {
	f=$W/documents/HLEG-P-2008-900.xml
	"$TOP/bench/large" recs >"$f"
	[ "$(grep -c '<recommendation ' "$f")" -gt 130000 ]
	git -C "$W" add documents
	as m36 -C "$W" commit -qm "A draft of many recommendations"
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	echo "$output" | grep -q "pre-receive hook declined"
	# A hundred findings are shown, and the rest counted.
	[ "$(rules)" = "HLEG-R003 HLEG-P000" ] || { echo "$output"; return 1; }
	[ "$(echo "$output" | grep -c '\[HLEG-R003\]')" -eq 100 ]
	echo "$output" | grep -q "documents/HLEG-P-2008-900.xml:15001:3: error: recommendation number 1.1 is used more than once in this document"
	[ "$(fingerprint "$B")" = "$before" ]
	run timeout 60 "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 1 ]
	[ "$(rules)" = "HLEG-R003 HLEG-P000" ]
}

@test "a workflow definition of as many states and events as 16 MiB hold, pushed by a member, is refused in seconds for HLEG-V004 alone" {
	"$TOP/bench/large" workflow >"$W/workflow.xml"
	[ "$(grep -c '<state ' "$W/workflow.xml")" -gt 150000 ]
	as m05 -C "$W" commit -qam "workflow: many states"
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	[ "$(rules)" = HLEG-V004 ] || { echo "$output"; return 1; }
	[ "$(fingerprint "$B")" = "$before" ]
	run timeout 60 "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 1 ]
	[ "$(rules)" = HLEG-V004 ]
}

@test "a push of 10,000 commits is judged; one of 10,001 is refused with HLEG-V019, and pushed in parts is judged" {
	empty_commits "$W" 10000
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$W" rev-parse main)" ]
	before=$(fingerprint "$B")
	empty_commits "$W" 10001
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	echo "$output" | grep -q "pre-receive hook declined"
	[ "$(rules)" = HLEG-V019 ] || { echo "$output"; return 1; }
	echo "$output" | grep -q "$(git -C "$W" rev-parse --short=8 HEAD):0:0: error: the push brings 10001 commits, and the central dossier judges at most 10000 in one push: push them in parts, the older first (git push origin COMMIT:main) \[HLEG-V019\]"
	echo "$output" | grep -q "the push is refused: 1 error in the 10001 commits it brings; the central dossier is unchanged"
	[ "$(fingerprint "$B")" = "$before" ]
	# The history is legal, and the audit outside the hook has no bound.
	run "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 0 ]
	run timeout 60 git -C "$W" push -q origin main~1:main
	[ "$status" -eq 0 ]
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
}

@test "a push that changes 10,000 files is judged; one that changes 10,001 is refused with HLEG-V019" {
	drafts "$W" 10000
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -eq 0 ] || { echo "$output" | tail; return 1; }
	before=$(fingerprint "$B")
	# They go, and one comes: 10,001 files.
	rm "$W"/documents/HLEG-P-2009-*.xml
	sed 's/id="HLEG-P-2008-001"/id="HLEG-P-2008-099"/' "$W/documents/$P.xml" >"$W/documents/HLEG-P-2008-099.xml"
	git -C "$W" add -A documents
	as m36 -C "$W" commit -qm "10,000 drafts fewer"
	[ "$(git -C "$W" diff --no-renames --name-only HEAD~1 HEAD | wc -l)" -eq 10001 ]
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	[ "$(rules)" = HLEG-V019 ] || { echo "$output"; return 1; }
	echo "$output" | grep -q "$(git -C "$W" rev-parse --short=8 HEAD):0:0: error: with this commit the push adds, changes or deletes 10001 files, and the central dossier judges at most 10000 in one push"
	[ "$(fingerprint "$B")" = "$before" ]
}

@test "a push that asks more than 32 MiB of documents to be read is refused with HLEG-V019, and pushed in parts is judged" {
	for i in 1 2 3; do
		"$TOP/bench/large" recs-valid $((11 * 1048576)) |
		    sed "s/HLEG-P-2008-900/HLEG-P-2008-90$i/" >"$W/documents/HLEG-P-2008-90$i.xml"
		git -C "$W" add documents
		as m36 -C "$W" commit -qm "Large draft $i"
	done
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	[ "$(rules)" = HLEG-V019 ] || { echo "$output"; return 1; }
	echo "$output" | grep -q "$(git -C "$W" rev-parse --short=8 HEAD):0:0: error: with this commit the push asks the central dossier to read 33 MiB of documents and commits, and it reads at most 32 MiB for one push: push the commits in parts, the older first (git push origin COMMIT:main), with fewer or smaller documents in each \[HLEG-V019\]"
	[ "$(fingerprint "$B")" = "$before" ]
	run "$BIN/hleg-verify" -C "$W"
	[ "$status" -eq 0 ]
	run timeout 60 git -C "$W" push -q origin main~1:main
	[ "$status" -eq 0 ]
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$W" rev-parse main)" ]
}

@test "a roster of 80,000 officials, pushed by a member, and 9,999 commits after it are judged in seconds: refused for HLEG-V004 alone" {
	awk '/<\/roster>/ {
		for (i = 1; i <= 80000; i++)
			printf "  <official id=\"x%d\" role=\"secretariat\"><name>N</name><email>x%d@itu.example</email></official>\n", i, i
	} { print }' "$W/roster.xml" >"$BATS_TEST_TMPDIR/roster.xml"
	mv "$BATS_TEST_TMPDIR/roster.xml" "$W/roster.xml"
	run "$BIN/hleg-validate" -q "$W/roster.xml"
	[ "$status" -eq 0 ] || { echo "$output" | head; return 1; }
	as m05 -C "$W" commit -qam "roster: more officials"
	# Each commit's author is looked up on that roster, in vain.
	empty_commits "$W" 9999 "Anon <anon@example.org>"
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	[ "$(rules)" = HLEG-V004 ] || { echo "$output"; return 1; }
	[ "$(fingerprint "$B")" = "$before" ]
}

@test "commits whose messages hold more than 32 MiB, however well they compress, are refused with HLEG-V019" {
	awk 'BEGIN { print "Notes\n"; for (i = 0; i < 800000; i++) print "a line of notes" }' >"$BATS_TEST_TMPDIR/msg"
	for i in 1 2 3; do
		as m36 -C "$W" commit -q --allow-empty -F "$BATS_TEST_TMPDIR/msg"
	done
	run timeout 60 git -C "$W" push -q origin main
	[ "$status" -ne 0 ] && [ "$status" -ne 124 ]
	[ "$(rules)" = HLEG-V019 ] || { echo "$output"; return 1; }
	echo "$output" | grep -q "$(git -C "$W" rev-parse --short=8 HEAD):0:0: error: with this commit the push asks the central dossier to read 37 MiB of documents and commits"
	[ "$(fingerprint "$B")" = "$before" ]
	run timeout 60 git -C "$W" push -q origin main~1:main
	[ "$status" -eq 0 ]
}
