#!/usr/bin/env bats
# hleg-brief as a user meets it: the HTML paper and the text format,
# standard input, parameters as strings, customisation layers, hostile
# and wrong input, and git's textconv.

load bin

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	B=$BIN/hleg-brief
	P=fixtures/dossier/documents/HLEG-P-2008-004.xml
	R=fixtures/dossier/documents/HLEG-R-2008-001.xml
	C=fixtures/brief/collection.xml
	T=$BATS_TEST_TMPDIR
}

# layer NAME BODY: a customisation layer $T/NAME.xsl that imports the
# stock HTML stylesheet, with BODY after the import.
layer() {
	cat >"$T/$1.xsl" <<-EOF
	<?xml version="1.0" encoding="UTF-8"?>
	<xsl:stylesheet version="1.0"
	    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	    xmlns:h="urn:hleg:1" exclude-result-prefixes="h">
	  <xsl:import href="urn:hleg:stylesheets:brief-html.xsl"/>
	  $2
	</xsl:stylesheet>
	EOF
}

# html_string FILE XPATH: the string value of XPATH in the HTML FILE.
html_string() {
	xmllint --html --xpath "string($2)" "$1"
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

@test "-f text writes several files in order" {
	$B -f text "$P" "$R" >"$T/out"
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
	[ "${lines[0]}" = "HLEG-P-2008-101: XInclude" ]
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

@test "-f pdf is a usage error" {
	run $B -f pdf "$P"
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == "hleg-brief: -f pdf: give -f html or -f text (hleg-pdf makes the PDF)" ]]
	[[ "${lines[1]}" == "usage: hleg-brief "* ]]
}

@test "-f html writes one paper: two files are a usage error" {
	run $B -f html "$P" "$R"
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == *"gather several documents with hleg-collect"* ]]
	run $B "$P" "$R"
	[ "$status" -eq 2 ]
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
	synopsis=$(man_synopsis_line hleg-brief)
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
	brief=$B
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

# ----------------------------------------------------------------------
# The HTML paper

@test "HTML is the default, and a proposal matches its golden file" {
	$B "$P" >"$T/out"
	diff -u fixtures/brief/HLEG-P-2008-004.html "$T/out"
	$B -f html <"$P" | cmp fixtures/brief/HLEG-P-2008-004.html -
}

@test "the progress report as HTML matches its golden file" {
	$B -f html "$R" >"$T/out"
	diff -u fixtures/brief/HLEG-R-2008-001.html "$T/out"
}

@test "the collection is valid, and its HTML matches its golden file" {
	$BIN/hleg-validate -q "$C"
	$B "$C" >"$T/out"
	diff -u fixtures/brief/collection.html "$T/out"
}

@test "the golden papers are HTML that libxml2's HTML parser accepts" {
	for f in fixtures/brief/*.html; do
		run xmllint --html --noout "$f"
		[ "$status" -eq 0 ] || { echo "$f: $output"; false; }
		[ -z "$output" ] || { echo "$f: $output"; false; }
	done
}

@test "the paper is one HTML5 file, print-ready: A4, running header, page N of M" {
	run $B "$C"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "<!DOCTYPE html>" ]
	[[ "$output" == *'<meta charset="utf-8">'* ]]
	[[ "$output" != *"http-equiv"* ]]
	[[ "$output" == *"size: A4;"* ]]
	[[ "$output" == *"@top-left {"*"content: string(paper-title);"* ]]
	[[ "$output" == *"@top-right {"*"string(paper-date);"* ]]
	[[ "$output" == *'content: "page " counter(page) " of " counter(pages);'* ]]
	[[ "$output" == *"h1.paper-title { string-set: paper-title content(); }"* ]]
	[[ "$output" == *".paper-date { string-set: paper-date content(); }"* ]]
	[[ "$output" == *"max-width: 44em"* ]]
	# The cover.
	$B "$C" >"$T/c.html"
	[ "$(html_string "$T/c.html" '//p[@class="organisation"]')" = "International Telecommunication Union" ]
	[[ "$(html_string "$T/c.html" '//p[@class="programme"]')" == "Global Cybersecurity Agenda"*"High-Level Experts Group" ]]
	[ "$(html_string "$T/c.html" '//p[@class="addressee"]')" = "To the Secretary-General" ]
	[ "$(html_string "$T/c.html" '//h1')" = "Proposals and reports before the ITU Sectors" ]
	[ "$(html_string "$T/c.html" '//td[@class="paper-date"]')" = "15 April 2009" ]
	[ "$(html_string "$T/c.html" '//td[@class="paper-status"]')" = "3 documents: 1 submitted, 2 considered by the Sectors" ]
}

@test "nothing is fetched: no src, and no href but the documents' own links and anchors" {
	for f in "$P" "$R" "$C" fixtures/dossier/documents/HLEG-P-2008-001.xml; do
		$B "$f" >"$T/out"
		! grep -qi 'src=\|@import\|url(\|<script\|<link\|<img\|<iframe\|<object' "$T/out"
		grep -o 'href="[^"]*"' "$T/out" | grep -v '^href="#' | sed 's/^href="//;s/"$//' |
		    sort -u >"$T/hrefs"
		grep -o 'href="[^"]*"' "$f" | sed 's/^href="//;s/"$//' | sort -u >"$T/own"
		comm -23 "$T/hrefs" "$T/own" >"$T/extra"
		[ ! -s "$T/extra" ] || { echo "$f:"; cat "$T/extra"; false; }
	done
	# The proposal that has two links keeps them.
	$B fixtures/dossier/documents/HLEG-P-2008-001.xml |
	    grep -q 'href="https://conventions.coe.int/Treaty/EN/Treaties/Html/185.htm"'
}

@test "a link to anything but the web or mail is text, not a link" {
	sed 's|href="https://conventions.coe.int/[^"]*"|href="javascript:alert(1)"|' \
	    fixtures/dossier/documents/HLEG-P-2008-001.xml >"$T/js.xml"
	grep -q 'javascript:' "$T/js.xml"
	$B "$T/js.xml" >"$T/out"
	! grep -q 'href="javascript' "$T/out"
	grep -q '(<code>javascript:alert(1)</code>)' "$T/out"
}

@test "the collection has a contents entry per document, linked to it" {
	$B "$C" >"$T/out"
	[ "$(grep -c '<li class="toc-document">' "$T/out")" -eq 3 ]
	for id in HLEG-P-2008-002 HLEG-P-2008-011 HLEG-R-2008-001; do
		grep -q "<a href=\"#$id\"><span class=\"toc-id\">$id</span>" "$T/out"
		grep -q "<div class=\"document [a-z]*\" ID=\"$id\"" "$T/out"
	done
	# A paper of one document has no contents.
	! $B "$P" | grep -q 'class="toc'
}

@test "every recommendation, numbered as the documents number them, in order" {
	for f in "$P" "$R" "$C"; do
		expected=$(grep -o '<recommendation n="[0-9.]*"' "$f" | sed 's/.*n="//;s/"//' | tr '\n' ' ')
		found=$($B "$f" | grep -o '<h[2-6] class="recommendation-number">Recommendation [0-9.]*<' |
		    sed 's/.*Recommendation //;s/<$//' | tr '\n' ' ')
		[ -n "$expected" ]
		[ "$found" = "$expected" ] || { echo "$f: $found != $expected"; false; }
	done
}

@test "each recommendation names its party and consensus, the minority view set apart" {
	$B "$P" >"$T/out"
	grep -q '<span class="addressed-to">To Governments</span> · <span class="consensus">partial consensus</span>' "$T/out"
	grep -q '<span class="addressed-to">To ITU through the Secretary-General</span> · <span class="consensus">full consensus</span>' "$T/out"
	grep -q '<div class="recommendation consensus-partial" ID="HLEG-P-2008-004-r3.2">' "$T/out"
	grep -q '<p class="minority-view-label">Minority view (m07)</p>' "$T/out"
	for f in "$P" "$R" "$C"; do
		[ "$($B "$f" | grep -c '<div class="minority-view" role="note">')" -eq "$(grep -c '<minority-view' "$f")" ]
	done
	# Work areas and Sectors in words.
	grep -q '<td class="work-areas">Organizational structures; Capacity building</td>' "$T/out"
	grep -q '<td class="sectors">ITU-D, Telecommunication Development Sector</td>' "$T/out"
}

@test "the annex holds one row per event of the collection's history, with who, Sector, outcome and note" {
	$B "$C" >"$T/out"
	[ "$(grep -c '<tr class="event">' "$T/out")" -eq "$(grep -c '<event ' "$C")" ]
	[ "$(grep -c '<tr class="event-note">' "$T/out")" -eq 1 ]
	grep -q '<span class="label">Note: </span>The recommendations on mutual legal assistance do not yet say which authority' "$T/out"
	grep -q '<td>Fatou Sarr Diallo (s04)</td>' "$T/out"
	grep -q '<td>Kenji Matsumoto (s02)</td>' "$T/out"
	grep -q '<p class="status"><span class="label">Status: </span>Submitted to the Secretary-General (ITU-R: validate)</p>' "$T/out"
	[ "$(html_string "$T/out" 'count(//div[@class="history"])')" = 3 ]
}

@test "without a history, the annex is the document's own workflow record" {
	# HLEG-P-2008-002 alone, as the collection holds it, with its steps.
	{ echo '<?xml version="1.0" encoding="UTF-8"?>'
	  sed -n '/<proposal id="HLEG-P-2008-002"/,/<\/proposal>/p' "$C" |
	      sed '1s/<proposal /<proposal xmlns="urn:hleg:1" /'; } >"$T/p2.xml"
	$BIN/hleg-validate -q "$T/p2.xml"
	$B "$T/p2.xml" >"$T/out"
	steps=$(grep -c '<step ' "$T/p2.xml")
	[ "$steps" -eq 9 ]
	[ "$(grep -c '<tr class="event">' "$T/out")" -eq "$steps" ]
	grep -q '<td>s04</td>' "$T/out"
	grep -q '<td class="paper-status">Considered by the Sectors (ITU-T: refine; ITU-D: validate)</td>' "$T/out"
	# A draft without steps says so.
	$B "$P" | grep -q 'No workflow event has been recorded'
}

@test "the output is the same on every run" {
	$B "$C" >"$T/one"
	$B "$C" >"$T/two"
	cmp "$T/one" "$T/two"
}

@test "title, date, classification and header: parameters shown literally, never XPath" {
	evil="Tom's \"brief\" <b>&amp; x')] | document('/etc/passwd') | foo[('"
	$B -p "title=$evil" -p "classification=$evil" -p "header=$evil" \
	    -p "date=$evil" "$C" >"$T/out"
	[ "$(html_string "$T/out" '//title')" = "$evil" ]
	[ "$(html_string "$T/out" '//h1')" = "$evil" ]
	[ "$(html_string "$T/out" '//p[@class="classification"]')" = "$evil" ]
	[ "$(html_string "$T/out" '//p[@class="header-line"]')" = "$evil" ]
	[ "$(html_string "$T/out" '//td[@class="paper-date"]')" = "$evil" ]
	! grep -q 'root:' "$T/out"
	! grep -q '<b>' "$T/out"
	# The classification goes into the running header, before the date.
	grep -q 'content: string(classification) " · " string(paper-date);' "$T/out"
	! $B "$C" | grep -q 'string(classification)'
	# An ISO date is written in words; the paper's title defaults to the document's.
	$B -p date=2008-05-21 "$P" >"$T/out"
	[ "$(html_string "$T/out" '//td[@class="paper-date"]')" = "21 May 2008" ]
	[ "$(html_string "$T/out" '//h1')" = "Establish national incident response teams" ]
}

@test "every hostile fixture is refused as HTML too, and none reads a file" {
	for f in fixtures/hostile/*.xml; do
		[ "$f" = fixtures/hostile/xinclude.xml ] && continue
		$B "$f" >"$T/out" 2>"$T/err" && status=0 || status=$?
		[ "$status" -eq 1 ] || { echo "$f: $status"; false; }
		[ ! -s "$T/out" ] || { echo "$f: output"; false; }
		! grep -q 'root:' "$T/err"
	done
}

@test "a huge collection of 200 documents completes, with 200 contents entries" {
	{ echo '<?xml version="1.0" encoding="UTF-8"?>'
	  echo '<collection xmlns="urn:hleg:1"><title>Two hundred</title>'
	  awk 'FNR == 1 { t++; next }
	      { text[t] = text[t] $0 "\n" }
	      END {
		for (i = 1; i <= 200; i++) {
			s = text[(i - 1) % t + 1]
			sub(/ xmlns="urn:hleg:1"/, "", s)
			sub(/id="HLEG-[PR]-[0-9]+-[0-9]+"/, sprintf("id=\"HLEG-X-2009-%05d\"", i), s)
			printf "%s", s
		}
	      }' fixtures/dossier/documents/*.xml
	  echo '</collection>'; } >"$T/huge.xml"
	[ "$(grep -c '<proposal \|<report ' "$T/huge.xml")" -eq 200 ]
	timeout 60 $B "$T/huge.xml" >"$T/out"
	[ "$(grep -c '<li class="toc-document">' "$T/out")" -eq 200 ]
	[ "$(grep -c '<div class="document ' "$T/out")" -eq 200 ]
	grep -q 'This paper brings together 200 documents, all in draft.' "$T/out"
	xmllint --html --noout "$T/out"
}

# ----------------------------------------------------------------------
# Customisation layers

@test "a layer overrides a parameter and a template of the stock stylesheet" {
	layer secretariat '<xsl:param name="classification" select="'"'For internal use'"'"/>
	  <xsl:template name="user-cover"><p class="prepared">Prepared by the secretariat</p></xsl:template>
	  <xsl:template match="h:recommendation/h:p[1]"><p class="first"><xsl:apply-templates/></p></xsl:template>'
	$B --stylesheet "$T/secretariat.xsl" "$P" >"$T/out"
	[ "$(html_string "$T/out" '//p[@class="classification"]')" = "For internal use" ]
	[ "$(html_string "$T/out" '//p[@class="prepared"]')" = "Prepared by the secretariat" ]
	[ "$(html_string "$T/out" 'count(//p[@class="first"])')" = 4 ]
	# The rest is the stock paper, and -p still wins over the layer.
	grep -q 'Recommendation 3.2' "$T/out"
	$B --stylesheet "$T/secretariat.xsl" -p classification=Restricted "$P" >"$T/out"
	[ "$(html_string "$T/out" '//p[@class="classification"]')" = "Restricted" ]
	# A relative path to the layer works too.
	(cd "$T" && "$B" --stylesheet secretariat.xsl "$OLDPWD/$P") | grep -q 'Prepared by'
}

@test "a layer of the text stylesheet imports it by its URI" {
	cat >"$T/text-layer.xsl" <<-'EOF'
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
	  <xsl:import href="urn:hleg:stylesheets:text.xsl"/>
	  <xsl:param name="header" select="'For internal use'"/>
	</xsl:stylesheet>
	EOF
	$B -f text --stylesheet "$T/text-layer.xsl" "$P" "$R" >"$T/out"
	[ "$(head -n 1 "$T/out")" = "For internal use" ]
	sed 1,2d "$T/out" | head -n "$(wc -l <fixtures/brief/HLEG-P-2008-004.txt)" |
	    cmp fixtures/brief/HLEG-P-2008-004.txt -
}

@test "an xsl:document in a layer fails the transform: exit 1, no output, no file" {
	layer writer "<xsl:template name=\"user-cover\"><xsl:document href=\"$T/x\" method=\"text\">owned</xsl:document></xsl:template>"
	$B --stylesheet "$T/writer.xsl" "$P" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	[ ! -e "$T/x" ]
	grep -q "write rights for $T/x denied" "$T/err"
	grep -q 'the transform failed; nothing is written' "$T/err"
}

@test "a layer that imports or includes a file outside the data directory is refused" {
	for href in /etc/passwd file:///etc/hostname "$T/other.xsl" other.xsl \
	    urn:hleg:stylesheets:../../etc/passwd.xsl urn:hleg:stylesheets:Text.xsl \
	    http://attacker.example/x.xsl; do
		echo '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"/>' >"$T/other.xsl"
		for element in import include; do
			cat >"$T/bad.xsl" <<-EOF
			<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
			  <xsl:$element href="$href"/>
			</xsl:stylesheet>
			EOF
			$B --stylesheet "$T/bad.xsl" "$P" >"$T/out" 2>"$T/err" && status=0 || status=$?
			[ "$status" -eq 1 ] || { echo "$element $href: $status"; false; }
			[ ! -s "$T/out" ]
			grep -q "cannot compile the stylesheet; a layer may import or include only urn:hleg:stylesheets:NAME" "$T/err"
			! grep -q 'root:' "$T/out" "$T/err"
		done
	done
}

@test "a document() read of a local file in a layer is refused" {
	layer reader "<xsl:template name=\"user-cover\"><pre><xsl:value-of select=\"document('/etc/passwd')\"/></pre></xsl:template>"
	$B --stylesheet "$T/reader.xsl" "$P" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q 'read rights for /etc/passwd denied' "$T/err"
	! grep -q 'root:' "$T/out" "$T/err"
}

@test "a terminating xsl:message in a layer: exit 1, its message, no partial output" {
	layer stop '<xsl:template match="h:recommendation[@consensus = '"'partial'"']"><xsl:message terminate="yes">partial consensus: not for this paper</xsl:message></xsl:template>'
	$B --stylesheet "$T/stop.xsl" "$P" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
	grep -q "^hleg-brief: $P: partial consensus: not for this paper\$" "$T/err"
}

@test "a layer that is missing, a directory or not XSLT is an error" {
	run $B --stylesheet "$T/none.xsl" "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"none.xsl: No such file or directory"* ]]
	run $B --stylesheet "$T" "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"not a regular file"* ]]
	echo '<not-xslt/>' >"$T/not.xsl"
	run $B --stylesheet "$T/not.xsl" "$P"
	[ "$status" -eq 1 ]
	[ -z "$(echo "$output" | grep -v '^hleg-brief: ')" ]
}
