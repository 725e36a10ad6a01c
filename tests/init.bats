#!/usr/bin/env bats
# hleg-init: new dossiers, central ones, clones.

load helpers

@test "a new dossier: main, roster, workflow, documents/, attributes, diff driver" {
	D=$BATS_TEST_TMPDIR/d
	run "$BIN/hleg-init" --roster "$TOP/fixtures/dossier/roster.xml" "$D"
	[ "$status" -eq 0 ]
	[ "$output" = "new dossier $D: roster, workflow and documents/ on main" ]
	[ "$(git -C "$D" symbolic-ref HEAD)" = refs/heads/main ]
	[ "$(git -C "$D" rev-list --count main)" -eq 1 ]
	[ "$(git -C "$D" ls-tree -r --name-only main | sort | tr '\n' ' ')" = ".gitattributes documents/.gitkeep roster.xml workflow.xml " ]
	cmp "$TOP/fixtures/dossier/roster.xml" "$D/roster.xml"
	cmp "$TOP/templates/workflow.xml" "$D/workflow.xml"
	grep -qx 'documents/\*.xml diff=hleg' "$D/.gitattributes"
	[ "$(git -C "$D" config diff.hleg.textconv)" = "'$BIN/hleg-brief' --textconv" ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	[ "$(git -C "$D" log -1 --format=%ad --date=iso-strict)" = "2008-04-10T10:00:00+02:00" ]
	git -C "$D" fsck --strict
}

@test "git diff of a document shows prose through hleg-brief" {
	D=$BATS_TEST_TMPDIR/d
	"$BIN/hleg-init" --roster "$TOP/fixtures/dossier/roster.xml" "$D" >/dev/null
	cp "$TOP/fixtures/dossier/documents/HLEG-P-2008-004.xml" "$D/documents/"
	git_t -C "$D" add documents && git_t -C "$D" commit -qm draft
	sed -i 's/should establish a national CIRT/should establish and fund a national CIRT/' "$D/documents/HLEG-P-2008-004.xml"
	run git -C "$D" diff
	[[ "$output" == *"+"*"establish and fund a national CIRT"* ]]
	[[ "$output" != *"<p>"* ]]
}

@test "without --roster, a template roster whose term starts on the author date" {
	D=$BATS_TEST_TMPDIR/d
	GIT_AUTHOR_DATE=2026-03-01T12:00:00Z run "$BIN/hleg-init" "$D"
	[ "$status" -eq 0 ]
	grep -q 'term-start="2026-03-01" term-end="2028-02-29"' "$D/roster.xml"
	"$BIN/hleg-validate" -q "$D/roster.xml" 2>/dev/null
}

@test "a central dossier is bare, with the same first commit" {
	B=$BATS_TEST_TMPDIR/central.git
	run "$BIN/hleg-init" --bare --roster "$TOP/fixtures/dossier/roster.xml" "$B"
	[ "$status" -eq 0 ]
	[ "$output" = "central dossier $B: roster, workflow and documents/ on main" ]
	[ "$(git -C "$B" rev-parse --is-bare-repository)" = true ]
	[ "$(git -C "$B" ls-tree -r --name-only main | wc -l)" -eq 4 ]
}

@test "--clone: a member's clone with the diff driver, which git does not clone" {
	B=$BATS_TEST_TMPDIR/central.git
	C=$BATS_TEST_TMPDIR/clone
	make_dossier "$B" --bare
	run "$BIN/hleg-init" --clone "$B" "$C"
	[ "$status" -eq 0 ]
	[ "$output" = "dossier $C: a clone of $B" ]
	[ "$(git -C "$C" symbolic-ref HEAD)" = refs/heads/main ]
	[ "$(git -C "$C" config diff.hleg.textconv)" = "'$BIN/hleg-brief' --textconv" ]
	[ -f "$C/documents/HLEG-P-2008-004.xml" ]
	# A member's event in the clone, pushed to the centre.
	"$BIN/hleg-transition" -C "$C" HLEG-P-2008-004 endorse --as m12
	git -C "$C" push -q origin main
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$C" rev-parse main)" ]
}

@test "an invalid roster makes no dossier" {
	D=$BATS_TEST_TMPDIR/d
	run "$BIN/hleg-init" --roster "$TOP/fixtures/invalid/roster-R023-duplicate-id.xml" "$D"
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-R023]"* ]]
	[[ "$output" == *"invalid roster; the dossier is not created"* ]]
	[ ! -e "$D" ]
	run "$BIN/hleg-init" --roster "$TOP/fixtures/dossier/workflow.xml" "$D"
	[ "$status" -eq 1 ]
	[ ! -e "$D" ]
}

@test "an existing repository is not made again" {
	D=$BATS_TEST_TMPDIR/d
	"$BIN/hleg-init" "$D" >/dev/null
	before=$(git -C "$D" rev-parse main)
	run "$BIN/hleg-init" "$D"
	[ "$status" -eq 2 ]
	[ "$(git -C "$D" rev-parse main)" = "$before" ]
}

@test "usage errors and --help" {
	run "$BIN/hleg-init"
	[ "$status" -eq 2 ]
	run "$BIN/hleg-init" --clone x --bare y
	[ "$status" -eq 2 ]
	run "$BIN/hleg-init" --help
	[ "$status" -eq 0 ]
	synopsis=$(man_synopsis hleg-init)
	[ "${lines[0]}" = "usage: $(echo "$synopsis" | sed -n 1p)" ]
	[ "$(echo "${lines[1]}" | sed 's/^ *//')" = "$(echo "$synopsis" | sed -n 2p)" ]
}

@test "the dossier is made beside its place and renamed in: an empty directory or missing parents do, anything else is refused" {
	E=$BATS_TEST_TMPDIR/empty
	mkdir "$E"
	run "$BIN/hleg-init" "$E"
	[ "$status" -eq 0 ]
	git -C "$E" rev-parse --verify -q main >/dev/null
	run "$BIN/hleg-init" --bare "$BATS_TEST_TMPDIR/a/b/central.git"
	[ "$status" -eq 0 ]
	[ -x "$BATS_TEST_TMPDIR/a/b/central.git/hooks/pre-receive" ]
	F=$BATS_TEST_TMPDIR/full
	mkdir "$F" && echo keep >"$F/notes.txt"
	run "$BIN/hleg-init" "$F"
	[ "$status" -eq 2 ]
	[ "$output" = "hleg-init: $F exists: hleg-init makes a new dossier; give a directory that does not exist, or an empty one" ]
	[ "$(ls -A "$F")" = notes.txt ]
	echo file >"$BATS_TEST_TMPDIR/plain"
	run "$BIN/hleg-init" "$BATS_TEST_TMPDIR/plain"
	[ "$status" -eq 2 ]
	# An invalid roster: nothing made, no staging directory left.
	run "$BIN/hleg-init" --roster "$TOP/fixtures/invalid/roster-R023-duplicate-id.xml" "$BATS_TEST_TMPDIR/bad"
	[ "$status" -eq 1 ]
	[ ! -e "$BATS_TEST_TMPDIR/bad" ]
	! ls -d "$BATS_TEST_TMPDIR"/*.hleg-init-* 2>/dev/null
}
