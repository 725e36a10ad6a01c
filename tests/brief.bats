#!/usr/bin/env bats
# hleg-brief as a user meets it: the text format, standard input,
# parameters as strings, hostile and wrong input, and git's textconv.

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	B=bin/hleg-brief
	P=fixtures/dossier/documents/HLEG-P-2008-004.xml
	R=fixtures/dossier/documents/HLEG-R-2008-001.xml
	T=$BATS_TEST_TMPDIR
}

@test "a proposal as text matches its golden file" {
	$B -f text "$P" >"$T/out"
	diff -u fixtures/brief/HLEG-P-2008-004.txt "$T/out"
}

@test "the progress report as text matches its golden file" {
	$B -f text "$R" >"$T/out"
	diff -u fixtures/brief/HLEG-R-2008-001.txt "$T/out"
}

@test "no line is longer than 72 columns or ends in a space" {
	$B -f text fixtures/dossier/documents/*.xml >"$T/out"
	[ "$(wc -l <"$T/out")" -gt 500 ]
	run awk 'length($0) > 72 || / $/' "$T/out"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "the text tells the recommendations, minority views and status" {
	run $B -f text "$P"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Recommendation 3.2 (to Governments; partial consensus)"* ]]
	[[ "$output" == *"    Minority view (m07): One member considered"* ]]
	[[ "$output" == *"Sectors:      ITU-D"* ]]
	[[ "${lines[${#lines[@]}-1]}" == "Status: draft" ]]
	[[ "$output" != *"<"p* ]]
}

@test "standard input, named or not, gives the same text" {
	$B -f text <"$P" >"$T/none"
	$B -f text - <"$P" >"$T/dash"
	cmp fixtures/brief/HLEG-P-2008-004.txt "$T/none"
	cmp fixtures/brief/HLEG-P-2008-004.txt "$T/dash"
}

@test "-f defaults to text for now, and several files are written in order" {
	$B "$P" "$R" >"$T/out"
	cat fixtures/brief/HLEG-P-2008-004.txt fixtures/brief/HLEG-R-2008-001.txt |
	    cmp - "$T/out"
}

@test "-p passes a string, never XPath: quotes and document() stay text" {
	evil="x')] | document('/etc/passwd') | foo[('"
	$B -f text -p "header=$evil" "$P" >"$T/out"
	[ "$(head -n 1 "$T/out")" = "$evil" ]
	sed 1,2d "$T/out" | cmp fixtures/brief/HLEG-P-2008-004.txt -
	! grep -q 'root:' "$T/out"
	# A parameter the stylesheet does not declare changes nothing.
	$B -f text -p "other=$evil" -p 'n="1"' "$P" >"$T/out2"
	cmp fixtures/brief/HLEG-P-2008-004.txt "$T/out2"
}

@test "-p without a name is a usage error" {
	run $B -p novalue "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"-p novalue: give name=value"* ]]
	run $B -p "a b=1" "$P"
	[ "$status" -eq 2 ]
}

@test "a hostile document is refused with exit 1 and no output" {
	$B -f text fixtures/hostile/xxe-local-file.xml >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q 'xxe-local-file.xml:4:46: error: .*\[HLEG-P004\]' "$T/err"
	! grep -q 'root:' "$T/out" "$T/err"
}

@test "every hostile fixture is refused, and none reads a file" {
	for f in fixtures/hostile/*.xml; do
		run $B -f text "$f"
		! [[ "$output" == *"root:"* ]] || { echo "$f: read"; false; }
		# XInclude is never processed: what remains is harmless text.
		[ "$f" = fixtures/hostile/xinclude.xml ] && continue
		[ "$status" -eq 1 ] || { echo "$f: $status"; false; }
	done
	run $B -f text fixtures/hostile/xinclude.xml
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = XInclude ]
}

@test "a roster is refused with a clear message" {
	run $B -f text fixtures/dossier/roster.xml
	[ "$status" -eq 1 ]
	[ "$output" = "hleg-brief: fixtures/dossier/roster.xml:5:1: error: a roster has no briefing paper; give a proposal, report or collection [HLEG-P006]" ]
}

@test "a document of another namespace is refused" {
	run $B -f text fixtures/invalid/wrong-namespace.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"is not an hleg proposal, report or collection"*"[HLEG-P006]" ]]
}

@test "the worst status of several files wins; good ones are still written" {
	$B -f text "$P" fixtures/dossier/roster.xml >"$T/out" 2>/dev/null || status=$?
	[ "$status" -eq 1 ]
	cmp fixtures/brief/HLEG-P-2008-004.txt "$T/out"
}

@test "a failed transform writes nothing and exits 1" {
	mkdir -p "$T/data/stylesheets"
	cp -R schemas "$T/data/"
	cat >"$T/data/stylesheets/text.xsl" <<-'EOF'
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
	  <xsl:output method="text"/>
	  <xsl:template match="/">partial<xsl:message terminate="yes">stop</xsl:message></xsl:template>
	</xsl:stylesheet>
	EOF
	HLEG_DATADIR="$T/data" $B -f text "$P" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q 'stop' "$T/err"
}

@test "the transform may neither read nor write files" {
	mkdir -p "$T/data/stylesheets"
	cp -R schemas "$T/data/"
	cat >"$T/data/stylesheets/text.xsl" <<-EOF
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
	  <xsl:output method="text"/>
	  <xsl:template match="/"><xsl:value-of select="document('/etc/passwd')"/><xsl:document href="$T/written" method="text">x</xsl:document></xsl:template>
	</xsl:stylesheet>
	EOF
	HLEG_DATADIR="$T/data" $B -f text "$P" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	[ ! -e "$T/written" ]
	grep -q 'refused' "$T/err"
}

@test "-f html is a usage error for now" {
	run $B -f html "$P"
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-brief: -f html: only -f text is available" ]]
	[[ "${lines[1]}" == "usage: hleg-brief "* ]]
}

@test "an unknown option is a usage error" {
	run $B --no-such-option "$P"
	[ "$status" -eq 2 ]
}

@test "a missing file is a system error" {
	run $B -f text "$T/missing.xml"
	[ "$status" -eq 2 ]
	[[ "$output" == *"missing.xml: No such file or directory"* ]]
}

@test "--help prints the synopsis of the man page and exits 0" {
	run $B --help
	[ "$status" -eq 0 ]
	synopsis=$(mandoc -T ascii man/hleg-brief.1 | col -b |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' | tr -s ' \n' ' ' | sed 's/^ //;s/ $//')
	[ "${lines[0]}" = "usage: $synopsis" ]
	run $B -h
	[ "$status" -eq 0 ]
}

@test "--version names the program and the toolkit" {
	run $B --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-brief (hleg) "* ]]
}

@test "a full disk is an error, not silent loss" {
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c "$B -f text $P >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"stdout: No space left on device"* ]]
}

@test "as git's textconv, git diff shows a changed word as prose" {
	brief=$PWD/$B
	repo=$T/repo
	git init -q "$repo"
	mkdir "$repo/documents"
	cp "$P" "$repo/documents/"
	cd "$repo"
	git config user.name Test
	git config user.email test@example.org
	git config diff.hleg.textconv "$brief -f text"
	echo '*.xml diff=hleg' >.gitattributes
	git add .gitattributes documents
	git commit -q -m 'draft'
	sed -i 's/encouraged to establish their own/encouraged to build their own/' \
	    documents/HLEG-P-2008-004.xml
	git diff >"$T/diff"
	grep -q '^-.*encouraged to establish their own' "$T/diff"
	grep -q '^+.*encouraged to build their own' "$T/diff"
	! grep -q '<p>' "$T/diff"
	! grep -q '^[-+] *<' "$T/diff"
	[ "$(grep -c '^[-+][^-+]' "$T/diff")" -le 6 ]
	# Without the driver the same change is markup.
	git diff --no-textconv | grep -q '^[-+] *<p>Operators'
}
