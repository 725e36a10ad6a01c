#!/usr/bin/env bats
# The text paper (stylesheets/text.xsl) as an attacker tries it: time
# that grows no faster than the document for every construct that
# repeats, paragraphs, words and titles of any length, a layout that a
# document's text cannot forge, and hleg-brief --textconv, git's diff
# driver, which never breaks git log -p.

load helpers

setup() {
	cd "$TOP"
	B=$BIN/hleg-brief
	P=fixtures/dossier/documents/HLEG-P-2008-004.xml
	R=fixtures/dossier/documents/HLEG-R-2008-001.xml
	T=$BATS_TEST_TMPDIR
}

# linear SHAPE: the text paper of the largest document of SHAPE (bench/
# large, 16 MiB) costs at most three times as much per byte as that of
# one a sixteenth of its size; quadratic work costs sixteen times.
# HLEG_TEXT_MAX=BYTES makes the largest smaller, to show in reasonable
# time that a quadratic stylesheet fails.
linear() {
	cost_test
	local small=$T/small.xml big=$T/big.xml max=${HLEG_TEXT_MAX:-16777216}
	local cap=() rc=0
	bench/large "$1" $((max / 16)) >"$small"
	bench/large "$1" "$max" >"$big"
	cost "$T/small.cost" "$B" -f text "$small" >"$T/small.txt"
	# Where the suite caps the CPU a command may use (cpu_cap, cost -c),
	# quadratic code is stopped once it has cost too much, and fails
	# below in bounded time.
	if declare -F cpu_cap >/dev/null; then
		cap=(-c "$(cpu_cap "$(wc -c <"$small")" \
		    "$(cpu_of "$T/small.cost")" "$(wc -c <"$big")" 3)")
	fi
	cost "${cap[@]}" "$T/big.cost" "$B" -f text "$big" >"$T/big.txt" || rc=$?
	case $rc in
	0) ;;
	152|137) echo "stopped at its CPU cap" >&2 ;;
	*) echo "hleg-brief exited $rc" >&2; return 1 ;;
	esac
	no_worse_per_byte "text paper of $1" "$(wc -c <"$small")" \
	    "$(cpu_of "$T/small.cost")" "$(wc -c <"$big")" \
	    "$(cpu_of "$T/big.cost")" 3
	grep -qx "Status: draft" "$T/big.txt"
}

@test "linear: list items (233 s for 16 MiB before)" {
	linear text-items
	[ "$(grep -c '^   - item$' "$T/big.txt")" -gt 1000000 ]
}

@test "linear: list items holding lists" {
	linear text-nested
	grep -qx '     - two' "$T/big.txt"
}

@test "linear: lists within one list item" {
	linear text-sublists
	grep -qx '     1. two' "$T/big.txt"
}

@test "linear: paragraphs" {
	linear paras
}

@test "linear: sections, numbered" {
	linear text-sections
	grep -qx '99999 Part' "$T/big.txt"
}

@test "linear: sections within a section, numbered" {
	linear text-subsections
	grep -qx '1.99999 Part' "$T/big.txt"
}

@test "linear: recommendations" {
	linear recs
}

@test "linear: notes" {
	linear text-notes
	grep -qx '      Note: Noted.' "$T/big.txt"
}

@test "linear: minority views" {
	linear text-minority
	grep -qx '      Minority view (m07): No.' "$T/big.txt"
}

@test "linear: inline markup in one paragraph" {
	linear text-inline
	grep -q '^   _one_ \*two\* "three" _one_' "$T/big.txt"
}

@test "linear: links in one paragraph" {
	linear text-links
	grep -q '^   ITU <https://www.itu.int/> ITU' "$T/big.txt"
}

@test "linear: table rows" {
	linear text-rows
	grep -qx '     name | value' "$T/big.txt"
}

@test "linear: cells of one row, headers and data alternating" {
	linear text-cells
	grep -q '^     head | data | head' "$T/big.txt"
}

@test "linear: steps of a workflow record" {
	linear steps
	grep -qx '2008-04-10  endorse by m12, draft -> draft' "$T/big.txt"
}

@test "linear: events of a collection's history" {
	linear text-events
	grep -qx '2008-04-10  endorse by A Member (m12), draft -> draft' "$T/big.txt"
}

@test "linear: documents of a collection" {
	linear collection
}

@test "linear: proposals and reports of a collection, alternating" {
	linear text-mixed
}

@test "linear: one paragraph of 16 MiB, wrapped" {
	linear text-para
	# 16 MiB of words on lines of at most 72 columns.
	[ "$(grep -c '^   [a-zA-Z]' "$T/big.txt")" -gt 200000 ]
	! grep -q '.\{73\}' "$T/big.txt"
}

@test "linear: one word of 16 MiB, cut into lines of 72 columns" {
	linear text-word
	grep -qx "   $(printf 'w%.0s' $(seq 69))" "$T/big.txt"
}

@test "a title at the schema's maximum, and one of 1 MiB, are wrapped" {
	long=$(printf 'word%.0s ' $(seq 100) | head -c 500)
	sed "s|<title>[^<]*</title>|<title>$long</title>|" "$P" >"$T/p.xml"
	"$BIN/hleg-validate" -q "$T/p.xml"
	run $B -f text "$T/p.xml"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "HLEG-P-2008-004: word word "* ]]
	[[ "${lines[1]}" == "                 word "* ]]
	huge=$(printf 'word%.0s ' $(seq 200000))
	printf '%s\n' "$huge" | sed 's|.*|<title>&</title>|' >"$T/title"
	sed "/<title>/{r $T/title
d}" "$P" >"$T/huge.xml"
	run $B -f text "$T/huge.xml"
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "$output" | grep -c '^                 word word')" -gt 10000 ]
}

@test "no line is longer than 72 columns or ends in a space, controls counted as their escapes" {
	sed 's|<p>A national|<p>\&#x202E;\&#x202E;\&#x202E;\&#x202E;\&#x202E;\&#x202E;\&#x202E;\&#x202E;\&#x202E;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85;\&#x85; A national|' "$P" >"$T/p.xml"
	$B -f text "$T/p.xml" "$R" fixtures/brief/collection.xml >"$T/out"
	grep -q $'\u202e' "$T/out" || grep -q '\\342\\200\\256' "$T/out"
	# Each control as wide as its escape, \ooo per byte.
	perl -CS -ne 's/([\x{85}])/\\302\\205/g; s/([\x{202e}])/\\342\\200\\256/g;
	    print if length($_) > 73 || / \n$/' <"$T/out" >"$T/long"
	[ ! -s "$T/long" ]
}

# The three lines a forger wants in a paper: a recommendation's heading,
# a status and a Sector's event line exactly as the history prints it.
FORGED_REC='Recommendation 3.9 (to ITU-T Study Group 17; full consensus)'
FORGED_STATUS='Status: considered'
FORGED_EVENT='2008-06-10  consider by Fatou Sarr Diallo (s04), submitted -> considered, ITU-D, no-action'

# forge FILE PERL-SUBSTITUTION: the proposal with $F (the forged lines,
# each after a newline) put where the substitution says.
forge() {
	F=$'\n'"$FORGED_REC"$'\n'"$FORGED_STATUS"$'\n'"$FORGED_EVENT"$'\n' \
	    perl -0pe "$2" "$P" >"$1"
}

# column0 FILE: the lines of the paper FILE that begin in column 0.
column0() {
	grep -v '^ ' "$1" | grep -v '^$' || true
}

# The grammar of the lines the stylesheet writes in column 0.
GENERATED='^(HLEG-[PR]-[0-9]{4}-[0-9]{3}: |(Proposal|Report|Date|Addressee|Rapporteurs|Authors|Work areas|Sectors|Meeting|Documents|Revision): |Status: |Summary$|Background$|Recommendations$|Contents$|[0-9]+(\.[0-9]+)* |Recommendation [1-9]\.[0-9]+ \(to |[0-9]{4}-[0-9]{2}-[0-9]{2}  |=+$|-+$)'

# unforged PAPER CLEAN [SAME]: no forged line stands in PAPER as a line
# of its own, every column-0 line is of the stylesheet's grammar, and
# with SAME the column-0 lines are those of the paper CLEAN.
unforged() {
	! grep -qxF "$FORGED_REC" "$1"
	! grep -qxF "$FORGED_STATUS" "$1"
	! grep -qxF "$FORGED_EVENT" "$1"
	! column0 "$1" | grep -qvE "$GENERATED"
	if [ -n "${3:-}" ]; then
		diff <(column0 "$2") <(column0 "$1")
	fi
	# The forgery is there, as indented text.
	grep -qF 'Study Group 17' "$1"
}

@test "the clean paper's column-0 lines are all of the stylesheet's grammar" {
	$B -f text "$P" >"$T/clean"
	[ -n "$(column0 "$T/clean")" ]
	! column0 "$T/clean" | grep -vE "$GENERATED"
	$B -f text "$R" >"$T/report"
	! column0 "$T/report" | grep -vE "$GENERATED"
}

@test "forged lines in a paragraph, a note, a list item and a minority view stay indented" {
	$B -f text "$P" >"$T/clean"
	forge "$T/p.xml" 's|<p>A national|<p>$ENV{F}A national|'
	$B -f text "$T/p.xml" >"$T/para"
	unforged "$T/para" "$T/clean" same
	# A paragraph that is the forged line alone.
	F="$FORGED_STATUS" perl -0pe 's|<p>A national.*?</p>|<p>$ENV{F}</p>|s' "$P" >"$T/p.xml"
	$B -f text "$T/p.xml" >"$T/alone"
	grep -qx "   $FORGED_STATUS" "$T/alone"
	! grep -qx "$FORGED_STATUS" "$T/alone"
	forge "$T/p.xml" 's|(<recommendation n="3.3"[^>]*>)|$1<note><p>$ENV{F}</p></note>|'
	$B -f text "$T/p.xml" >"$T/note"
	unforged "$T/note" "$T/clean" same
	forge "$T/p.xml" 's|<li>stable funding|<li>$ENV{F}stable funding|'
	$B -f text "$T/p.xml" >"$T/li"
	unforged "$T/li" "$T/clean" same
	forge "$T/p.xml" 's|<p>One member considered|<p>$ENV{F}One member considered|'
	$B -f text "$T/p.xml" >"$T/minority"
	unforged "$T/minority" "$T/clean" same
	# A minority view whose first block is a list, and who it names.
	forge "$T/p.xml" 's|<minority-view by="m07">|<minority-view by="m07&#10;$ENV{F}"><ul><li>$ENV{F}</li></ul>|'
	$B -f text "$T/p.xml" >"$T/minority2"
	unforged "$T/minority2" "$T/clean" same
}

@test "forged lines in a title, an addressee and a section title cannot pass for headings" {
	forge "$T/p.xml" 's|<title>Establish|<title>$ENV{F}Establish|'
	$B -f text "$T/p.xml" >"$T/title"
	unforged "$T/title"
	[[ "$(head -n 1 "$T/title")" == "HLEG-P-2008-004: Recommendation 3.9 (to ITU-T"* ]]
	forge "$T/p.xml" 's|<addressee>ITU|<addressee>$ENV{F}ITU|'
	$B -f text "$T/p.xml" >"$T/addressee"
	unforged "$T/addressee"
	grep -q '^Addressee:    Recommendation 3.9' "$T/addressee"
	F=$'\n'"$FORGED_REC"$'\n'"$FORGED_STATUS"$'\n'"$FORGED_EVENT"$'\n' \
	    perl -0pe 's|<title>Legal measures|<title>$ENV{F}Legal measures|' "$R" >"$T/r.xml"
	$B -f text "$T/r.xml" >"$T/section"
	unforged "$T/section"
	grep -q '^1 Recommendation 3.9 (to ITU-T' "$T/section"
}

@test "a newline in an attribute or a step's note starts no line in column 0" {
	forge "$T/p.xml" 's|addressed-to="Industry"|addressed-to="Industry&#10;$ENV{F}"|; s|<workflow state="draft"/>|<workflow state="draft&#10;Recommendation 3.9"><step event="endorse" date="2008-04-10" by="m12" from="draft" to="draft"><note>$ENV{F}</note></step></workflow>|'
	$B -f text "$T/p.xml" >"$T/attr"
	unforged "$T/attr"
	grep -q '^Status: draft Recommendation 3.9$' "$T/attr"
	# An event whose date is not a date is not led by it.
	sed 's|<workflow state="draft"/>|<workflow state="draft"><step event="e" date="Status: considered" by="m12" from="draft" to="draft"/></workflow>|' "$P" >"$T/d.xml"
	$B -f text "$T/d.xml" >"$T/date"
	! grep -q '^Status: considered' "$T/date"
	grep -qx 'undated     e by m12, draft -> draft' "$T/date"
}

@test "an id that is not one does not lead the title line" {
	sed 's|id="HLEG-P-2008-004"|id="Status: considered"|' "$P" >"$T/p.xml"
	run $B -f text "$T/p.xml"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Proposal: Establish national incident response teams" ]
}

# --textconv in a real dossier: git log -p and git diff through the
# driver hleg-init configures.

# commit_version DIR FILE MESSAGE: FILE as the dossier's
# documents/HLEG-P-2008-004.xml, committed.
commit_version() {
	cp "$2" "$1/documents/HLEG-P-2008-004.xml"
	git_t -C "$1" add documents
	git_t -C "$1" commit -q -m "$3"
}

@test "--textconv: a broken version between good ones shows as a placeholder, and git log -p exits 0" {
	D=$T/d
	"$BIN/hleg-init" --roster fixtures/dossier/roster.xml "$D" >/dev/null
	commit_version "$D" "$P" "good"
	# Not well-formed, with a control and a bidi override in it.
	sed "s|</summary>|<p>within 21 "$'\u202e'"months"$'\u0085'"</summary>|" "$P" >"$T/broken.xml"
	commit_version "$D" "$T/broken.xml" "broken"
	# Nested deeper than the parser allows.
	{ head -n 11 "$P"; for i in $(seq 300); do printf '<ul><li>'; done; sed -n '12,$p' "$P"; } >"$T/deep.xml"
	commit_version "$D" "$T/deep.xml" "deep"
	sed 's/should establish a national CIRT/should establish and fund a national CIRT/' "$P" >"$T/good2.xml"
	commit_version "$D" "$T/good2.xml" "good again"
	run git -C "$D" log -p
	[ "$status" -eq 0 ]
	[[ "$output" == *"+This version cannot be shown as a paper: "*"[HLEG-P001]"* ]]
	[[ "$output" == *"    <p>within 21 \\342\\200\\256months\\302\\205</summary>"* ]]
	[[ "$output" == *"+   Governments should establish and fund a national CIRT"* ]]
	[[ "$output" == *"-This version cannot be shown as a paper: "* ]]
	[[ "$output" == *"+HLEG-P-2008-004: Establish national incident response teams"* ]]
	[[ "$output" != *"unable to read files to diff"* ]]
	[ "$(printf '%s\n' "$output" | grep -c '^+This version cannot be shown as a paper')" -eq 2 ]
	# No raw control or override reaches the terminal.
	! printf '%s\n' "$output" | grep -q $'\u202e'
	# git diff between a good version and the broken one.
	run git -C "$D" diff HEAD~3 HEAD~2 -- documents
	[ "$status" -eq 0 ]
	[[ "$output" == *"-HLEG-P-2008-004: Establish"* ]]
	[[ "$output" == *"+This version cannot be shown as a paper: "* ]]
	# A broken working-tree file.
	printf 'not xml\n' >"$D/documents/HLEG-P-2008-004.xml"
	run git -C "$D" diff
	[ "$status" -eq 0 ]
	[[ "$output" == *"+This version cannot be shown as a paper: 1:1: error: Start tag expected"* ]]
	[[ "$output" == *"+    not xml"* ]]
}

@test "--textconv: a paragraph of 220 KB, and one of 15 MiB, no longer break git log -p" {
	D=$T/d
	"$BIN/hleg-init" --roster fixtures/dossier/roster.xml "$D" >/dev/null
	commit_version "$D" "$P" "good"
	words=$(printf 'within twelve months %.0s' $(seq 10500))
	printf '<p>%s</p>\n' "$words" >"$T/para"
	perl -0pe 'BEGIN { local $/; open my $f, "<", "'"$T/para"'"; $para = <$f> } s|</summary>|$para</summary>|' "$P" >"$T/p220.xml"
	[ "$(wc -c <"$T/p220.xml")" -gt 220000 ]
	commit_version "$D" "$T/p220.xml" "220 KB"
	run git -C "$D" log -p -1
	[ "$status" -eq 0 ]
	[[ "$output" == *"+   within twelve months within twelve months"* ]]
	[[ "$output" != *"cannot be shown"* ]]
	bench/large text-para $((15 * 1024 * 1024)) >"$T/p15.xml"
	cp "$T/p15.xml" "$D/documents/HLEG-P-2008-901.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -q -m "15 MiB"
	git -C "$D" log -p -1 >"$T/log"
	grep -q '^+   The group recommends that Governments act\. The group' "$T/log"
	! grep -q 'cannot be shown' "$T/log"
}

@test "--textconv: every kind of version it cannot render gives a placeholder and exit 0" {
	: >"$T/empty.xml"
	printf '<a>\377</a>\n' >"$T/latin1.xml"
	# A proposal over 16 MiB is refused at its root (a collection may
	# be larger).
	{ printf '<proposal xmlns="urn:hleg:1">'; head -c $((16 * 1024 * 1024 + 1)) /dev/zero | tr '\0' x; } >"$T/large.xml"
	{ printf '<proposal xmlns="urn:hleg:1">'; for i in $(seq 300); do printf '<p>'; done; } >"$T/deep.xml"
	for f in empty latin1 large deep; do
		run $B --textconv "$T/$f.xml"
		[ "$status" -eq 0 ] || { echo "$f: $status"; false; }
		[[ "${lines[0]}" == "This version cannot be shown as a paper: "* ]] || { echo "$f: ${lines[0]}"; false; }
		# The temporary file's name is not part of the text.
		[[ "$output" != *"$T"* ]]
	done
	run $B --textconv "$T/empty.xml"
	[ "$output" = "This version cannot be shown as a paper: 1:1: error: Document is empty [HLEG-P001]" ]
	run $B --textconv "$T/latin1.xml"
	[ "${lines[1]}" = '    <a>\377</a>' ]
	run $B --textconv "$T/large.xml"
	[ "${lines[0]}" = "This version cannot be shown as a paper: 0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]" ]
	[ "${lines[1]}" = "    (the source is larger than 16 MiB and is not shown)" ]
	run $B --textconv fixtures/dossier/roster.xml
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *"a roster has no briefing paper"*"[HLEG-P006]" ]]
	[ "${lines[1]}" = '    <?xml version="1.0" encoding="UTF-8"?>' ]
	# A transform that fails: a layer's terminating xsl:message.
	cat >"$T/layer.xsl" <<-'EOF'
	<?xml version="1.0" encoding="UTF-8"?>
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
	  <xsl:import href="urn:hleg:stylesheets:text.xsl"/>
	  <xsl:template match="/"><xsl:message terminate="yes">no paper today</xsl:message></xsl:template>
	</xsl:stylesheet>
	EOF
	run $B --stylesheet "$T/layer.xsl" --textconv "$P"
	[ "$status" -eq 0 ]
	[[ "$output" == "This version cannot be shown as a paper: no paper today"* ]]
	[[ "$output" == *"    <proposal xmlns=\"urn:hleg:1\""* ]]
	# A good version is the text paper.
	$B --textconv "$P" | cmp - fixtures/brief/HLEG-P-2008-004.txt
}

@test "--textconv: an error writing standard output is still exit 2" {
	run bash -c "'$B' --textconv '$P' >/dev/full"
	[ "$status" -eq 2 ]
	: >"$T/empty.xml"
	run bash -c "'$B' --textconv '$T/empty.xml' >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"stdout"* ]]
}

@test "--textconv takes one file, and not with -f html" {
	run $B --textconv
	[ "$status" -eq 2 ]
	run $B --textconv "$P" "$R"
	[ "$status" -eq 2 ]
	run $B -f html --textconv "$P"
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-brief: --textconv writes the text of one file" ]]
}
