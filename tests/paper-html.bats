#!/usr/bin/env bats
# The papers as an attacker tries them with valid documents: controls that
# make the reviewer, the paper and the PDF read different words are shown,
# never passed through; and the HTML paper's cost grows with the document
# and no faster, whatever construct it repeats.

load helpers

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	B=$BIN/hleg-brief
	T=$BATS_TEST_TMPDIR
}

# The code points no paper may carry: C0 controls but the newline, DEL,
# C1 controls, the line and paragraph separators, the bidirectional
# marks, embeddings, overrides and isolates (as msg_unsafe names them).
CONTROLS='[\x{0}-\x{9}\x{b}-\x{1f}\x{7f}-\x{9f}\x{61c}\x{200e}\x{200f}\x{2028}-\x{202e}\x{2066}-\x{2069}]'

# raw_controls FILE: the lines of FILE that hold such a code point, or
# bytes that are not UTF-8; succeeds when there are any.
raw_controls() {
	perl -e '
		use Encode qw(decode FB_CROAK);
		local $/;
		my $bytes = <STDIN>;
		my $text = eval { decode("UTF-8", $bytes, FB_CROAK) };
		defined $text or do { print "not UTF-8\n"; exit 0 };
		my $n = 0;
		for (split /\n/, $text) {
			if (/'"$CONTROLS"'/) { printf "%s\n", join("", map { sprintf "U+%04X ", ord } /('"$CONTROLS"')/g); $n++ }
		}
		exit($n ? 0 : 1);
	' <"$1"
}

# attack FILE: a valid proposal whose recommendation reads "within
# 1<RLO>21<PDF> months", so that it shows "within 12 months", with C1
# controls (CSI, NEL), a carriage return and a tab; its title and link
# hold an override too.
attack() {
	printf '%s\n' \
	    '<?xml version="1.0" encoding="UTF-8"?>' \
	    '<proposal xmlns="urn:hleg:1" id="HLEG-P-2008-950" xml:lang="en">' \
	    '  <title>Deadlines 1'$'\xe2\x80\xae''21'$'\xe2\x80\xac''</title>' \
	    '  <date>2008-02-14</date>' \
	    '  <addressee>ITU Secretary-General</addressee>' \
	    '  <rapporteur ref="m36"/>' \
	    '  <work-area ref="legal-measures"/>' \
	    '  <sector ref="ITU-D"/>' \
	    '  <summary><p>Deadlines.</p></summary>' \
	    '  <recommendation n="1.1" addressed-to="Governments" consensus="full">' \
	    '    <p>Governments should act within 1'$'\xe2\x80\xae''21'$'\xe2\x80\xac'' months.</p>' \
	    '    <p>Then <code>CSI'$'\xc2\x9b''31m</code> and a NEL'$'\xc2\x85''here, a CR&#13;there and a tab&#9;too.</p>' \
	    '    <p>See <a href="https://example.org/'$'\xe2\x80\xae''x">the plan</a>.</p>' \
	    '  </recommendation>' \
	    '  <workflow state="draft"/>' \
	    '</proposal>' >"$1"
}

# shows_escapes FILE ESCAPE...: FILE holds each \ooo escape.
shows_escapes() {
	local f=$1 e
	shift
	for e in "$@"; do
		grep -qF -- "$e" "$f" || { echo "no $e in $f" >&2; return 1; }
	done
}

RLO='\342\200\256'
PDF='\342\200\254'
CSI='\302\233'
NEL='\302\205'
CR='\015'
TAB='\011'

@test "the attack is a valid document that holds the controls" {
	attack "$T/a.xml"
	"$BIN/hleg-validate" -q "$T/a.xml"
	raw_controls "$T/a.xml"
}

@test "-f text shows every control as \\ooo and passes none" {
	attack "$T/a.xml"
	"$B" -f text "$T/a.xml" >"$T/out"
	run raw_controls "$T/out"
	[ "$status" -eq 1 ]
	shows_escapes "$T/out" "1${RLO}21${PDF} months" "CSI${CSI}31m" \
	    "NEL${NEL}here"
	# The text paper wraps white space: the tab and the carriage
	# return are spaces there, never themselves.
}

@test "the HTML paper shows every control as \\ooo, marked, and passes none" {
	need xmllint
	attack "$T/a.xml"
	"$B" "$T/a.xml" >"$T/out"
	run raw_controls "$T/out"
	[ "$status" -eq 1 ]
	shows_escapes "$T/out" "$RLO" "$PDF" "$CSI" "$NEL" "$CR" "$TAB"
	# Each, in the text, in a mark whose title names it.
	[ "$(xmllint --html --xpath 'string(//p[contains(., "months")])' "$T/out")" = \
	    "Governments should act within 1${RLO}21${PDF} months." ]
	[ "$(xmllint --html --xpath 'count(//span[@class="hleg-control"])' "$T/out")" -ge 8 ]
	[ "$(xmllint --html --xpath 'string(//p[contains(., "months")]/span[1]/@title)' "$T/out")" = \
	    "U+202E RIGHT-TO-LEFT OVERRIDE" ]
	[ "$(xmllint --html --xpath 'string(//p[contains(., "months")]/span[1])' "$T/out")" = "$RLO" ]
	[ "$(xmllint --html --xpath 'string(//code/span/@title)' "$T/out")" = \
	    "U+009B CONTROL SEQUENCE INTRODUCER" ]
	xmllint --html --xpath '//span[@class="hleg-control"][@title="U+0085 NEXT LINE"]' "$T/out" >/dev/null
	xmllint --html --xpath '//span[@class="hleg-control"][@title="U+000D CARRIAGE RETURN"]' "$T/out" >/dev/null
	xmllint --html --xpath '//span[@class="hleg-control"][@title="U+0009 CHARACTER TABULATION"]' "$T/out" >/dev/null
	# The mark is styled, for print and for the screen.
	grep -q '^\.hleg-control {' "$T/out"
	# In the title element and in attributes, the escape alone.
	[ "$(xmllint --html --xpath 'string(//title)' "$T/out")" = "Deadlines 1${RLO}21${PDF}" ]
	[ "$(xmllint --html --xpath 'count(//title/*)' "$T/out")" = 0 ]
	grep -q 'href="https://example.org/%5C342%5C200%5C256x"' "$T/out"
}

# copying_layer NAME: an HTML layer that writes each paragraph's text as
# it is, in the text, a pre, an attribute, a style element, a comment
# and text written without escaping.
copying_layer() {
	cat >"$T/$1.xsl" <<-'EOF'
	<?xml version="1.0" encoding="UTF-8"?>
	<xsl:stylesheet version="1.0"
	    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	    xmlns:h="urn:hleg:1" exclude-result-prefixes="h">
	  <xsl:import href="urn:hleg:stylesheets:brief-html.xsl"/>
	  <xsl:template match="h:p">
	    <p class="copy" title="{.}"><xsl:value-of select="."/></p>
	    <pre><xsl:value-of select="."/></pre>
	    <style><xsl:value-of select="."/></style>
	    <xsl:comment><xsl:value-of select="."/></xsl:comment>
	    <xsl:value-of select="." disable-output-escaping="yes"/>
	  </xsl:template>
	</xsl:stylesheet>
	EOF
}

@test "a layer that copies the text as it is still shows every control" {
	need xmllint
	attack "$T/a.xml"
	copying_layer copy
	"$B" --stylesheet "$T/copy.xsl" "$T/a.xml" >"$T/out"
	run raw_controls "$T/out"
	[ "$status" -eq 1 ]
	shows_escapes "$T/out" "$RLO" "$PDF" "$CSI" "$NEL" "$CR" "$TAB"
	[ "$(xmllint --html --xpath 'string(//p[@class="copy"][contains(., "months")])' "$T/out")" = \
	    "Governments should act within 1${RLO}21${PDF} months." ]
	[ "$(xmllint --html --xpath 'count(//p[@class="copy"]/span[@class="hleg-control"])' "$T/out")" = 6 ]
	[ "$(xmllint --html --xpath 'count(//pre/span[@class="hleg-control"])' "$T/out")" = 6 ]
	# No mark where it would not be markup: style, comment, unescaped
	# text, attribute.
	[ "$(xmllint --html --xpath 'count(//style/*)' "$T/out")" = 0 ]
	grep -qF "<!--Governments should act within 1${RLO}21${PDF} months.-->" "$T/out"
	grep -qF "title=\"Governments should act within 1${RLO}21${PDF} months.\"" "$T/out"
}

@test "a text layer that copies the text as it is still shows every control" {
	attack "$T/a.xml"
	cat >"$T/text-copy.xsl" <<-'EOF'
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
	  <xsl:import href="urn:hleg:stylesheets:text.xsl"/>
	  <xsl:output method="text" encoding="UTF-8"/>
	  <xsl:template match="/"><xsl:value-of select="."/></xsl:template>
	</xsl:stylesheet>
	EOF
	"$B" -f text --stylesheet "$T/text-copy.xsl" "$T/a.xml" >"$T/out"
	run raw_controls "$T/out"
	[ "$status" -eq 1 ]
	shows_escapes "$T/out" "1${RLO}21${PDF} months" "CSI${CSI}31m" \
	    "NEL${NEL}here" "CR${CR}there" "tab${TAB}too"
	# Nothing marks text: the escape alone.
	! grep -q hleg-control "$T/out"
}

@test "an XHTML layer's controls are shown and marked in its namespace" {
	attack "$T/a.xml"
	cat >"$T/xhtml.xsl" <<-'EOF'
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	    xmlns:h="urn:hleg:1" xmlns="http://www.w3.org/1999/xhtml"
	    exclude-result-prefixes="h">
	  <xsl:output method="xml" encoding="UTF-8"/>
	  <xsl:template match="/">
	    <html><body><xsl:for-each select="//h:p"><p><xsl:value-of select="."/></p></xsl:for-each></body></html>
	  </xsl:template>
	</xsl:stylesheet>
	EOF
	"$B" --stylesheet "$T/xhtml.xsl" "$T/a.xml" >"$T/out"
	run raw_controls "$T/out"
	[ "$status" -eq 1 ]
	# XML has no literal carriage return to show: it is escaped too.
	shows_escapes "$T/out" "$RLO" "$CSI" "$NEL" "$CR" "$TAB"
	grep -qF "within 1<span class=\"hleg-control\" title=\"U+202E RIGHT-TO-LEFT OVERRIDE\">${RLO}</span>21" "$T/out"
	! grep -q 'xmlns=""' "$T/out"
}

@test "a control where no escape can go fails the paper: exit 1, no output" {
	attack "$T/a.xml"
	# U+061C may stand in a name; a processing instruction's target is
	# one.
	sed -i 's|<p>Deadlines.</p>|<p>x'$'\xd8\x9c''y</p>|' "$T/a.xml"
	cat >"$T/pi.xsl" <<-'EOF'
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	    xmlns:h="urn:hleg:1">
	  <xsl:output method="xml" encoding="UTF-8"/>
	  <xsl:template match="/">
	    <r><xsl:processing-instruction name="{//h:summary/h:p}">z</xsl:processing-instruction></r>
	  </xsl:template>
	</xsl:stylesheet>
	EOF
	run "$B" --stylesheet "$T/pi.xsl" "$T/a.xml"
	[ "$status" -eq 1 ]
	[[ "$output" == *"a.xml: the paper would hold a control character in the target of a processing instruction"* ]]
	[[ "$output" != *"<r>"* ]]
	# And in the document type a layer declares.
	cat >"$T/doctype.xsl" <<-'EOF'
	<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
	  <xsl:output method="xml" doctype-system="urn:x:&#x202E;" encoding="UTF-8"/>
	  <xsl:template match="/"><r/></xsl:template>
	</xsl:stylesheet>
	EOF
	run "$B" --stylesheet "$T/doctype.xsl" "$T/a.xml"
	[ "$status" -eq 1 ]
	[[ "$output" == *"in the document type"* ]]
	[[ "$output" != *"<r"* ]]
}

@test "the PDF reads the controls as the papers show them" {
	need weasyprint pdftotext
	attack "$T/a.xml"
	"$BIN/hleg-pdf" "$T/a.xml" >"$T/a.pdf"
	# -nopgbrk: no form feed of its own between pages.
	pdftotext -nopgbrk -enc UTF-8 "$T/a.pdf" "$T/a.txt"
	run raw_controls "$T/a.txt"
	[ "$status" -eq 1 ]
	shows_escapes "$T/a.txt" "$RLO" "$PDF" "$CSI" "$NEL" "$CR" "$TAB"
}

@test "git log -p through the dossier's textconv shows the escapes, not the controls" {
	D=$T/dossier
	make_dossier "$D"
	attack "$D/documents/HLEG-P-2008-950.xml"
	git_t -C "$D" add documents/HLEG-P-2008-950.xml
	git_t -C "$D" commit -q -m "A draft with controls"
	git -C "$D" log -p -1 >"$T/log"
	# The driver ran: the diff is the text paper, not the XML.
	grep -q '^+.*Recommendation 1.1' "$T/log"
	! grep -q '^+ *<p>' "$T/log"
	run raw_controls "$T/log"
	[ "$status" -eq 1 ]
	shows_escapes "$T/log" "1${RLO}21${PDF} months" "CSI${CSI}31m" "NEL${NEL}here"
	# Without the driver, git shows the XML's bytes as they are.
	git -C "$D" log -p -1 --no-textconv >"$T/raw"
	raw_controls "$T/raw"
}

@test "a paper of controls costs no more per byte than a small one, and marks at most 10,000" {
	bench/large controls 1048576 >"$T/small.xml"
	bench/large controls >"$T/big.xml"
	cost "$T/small.cost" "$B" "$T/small.xml" >"$T/small.html"
	cost "$T/big.cost" "$B" "$T/big.xml" >"$T/big.html"
	no_worse_per_byte controls "$(wc -c <"$T/small.xml")" "$(cpu_of "$T/small.cost")" \
	    "$(wc -c <"$T/big.xml")" "$(cpu_of "$T/big.cost")" 3
	[ "$(grep -o 'class="hleg-control"' "$T/big.html" | wc -l)" -eq 10000 ]
	run raw_controls "$T/big.html"
	[ "$status" -eq 1 ]
	# The rest are escaped all the same.
	[ "$(grep -o '\\342\\200\\256' "$T/big.html" | wc -l)" -gt 100000 ]
}

# ----------------------------------------------------------------------
# Keys and counts without sorting or looking back

# states FILE STATE...: a collection of one small proposal per STATE,
# in that order.
states() {
	local f=$1 i=0 st
	shift
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<collection xmlns="urn:hleg:1">'
		for st in "$@"; do
			i=$((i + 1))
			bench/large collection-states 2000 | sed -n 3p |
			    sed "s/HLEG-P-0000001/HLEG-P-200$i/; s/state=\"s1\"/state=\"$st\"/"
		done
		echo '</collection>'
	} >"$f"
}

@test "the status counts the workflow's states in order, then others as first named" {
	need xmllint
	states "$T/c.xml" zeta draft alpha draft submitted considered zeta
	"$B" "$T/c.xml" >"$T/out"
	[ "$(xmllint --html --xpath 'string(//td[@class="paper-status"])' "$T/out")" = \
	    "7 documents: 2 in draft, 1 submitted, 1 considered by the Sectors, 2 zeta, 1 alpha" ]
	states "$T/d.xml" submitted submitted
	"$B" "$T/d.xml" >"$T/out"
	[ "$(xmllint --html --xpath 'string(//td[@class="paper-status"])' "$T/out")" = \
	    "2 documents, all submitted" ]
	states "$T/e.xml" beta alpha
	"$B" "$T/e.xml" >"$T/out"
	[ "$(xmllint --html --xpath 'string(//td[@class="paper-status"])' "$T/out")" = \
	    "2 documents: 1 beta, 1 alpha" ]
}

@test "the paper's date is the latest of its documents' dates" {
	need xmllint
	states "$T/c.xml" draft draft draft
	sed -i '3s/2008-03-14/2008-01-02/; 4s/2008-03-14/2009-12-31/; 5s/2008-03-14/2008-06-30/' "$T/c.xml"
	"$B" "$T/c.xml" >"$T/out"
	[ "$(xmllint --html --xpath 'string(//td[@class="paper-date"])' "$T/out")" = "31 December 2009" ]
}

@test "xsltproc runs the same stylesheets to the same papers, with key() for hp:key" {
	need xsltproc
	states "$T/c.xml" zeta draft alpha draft submitted
	for f in fixtures/brief/collection.xml "$T/c.xml" \
	    fixtures/dossier/documents/HLEG-P-2008-004.xml; do
		"$B" "$f" >"$T/brief.html"
		# libxslt adds a second declaration of the encoding, which
		# hleg-brief leaves out.
		xsltproc stylesheets/brief-html.xsl "$f" |
		    grep -v '^<meta http-equiv="Content-Type"' >"$T/xsltproc.html"
		diff -u "$T/xsltproc.html" "$T/brief.html"
	done
}

@test "hp:key of a key the stylesheet does not declare fails the paper" {
	cat >"$T/nokey.xsl" <<-'EOF'
	<?xml version="1.0" encoding="UTF-8"?>
	<xsl:stylesheet version="1.0"
	    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	    xmlns:hp="urn:hleg:paper" exclude-result-prefixes="hp">
	  <xsl:import href="urn:hleg:stylesheets:brief-html.xsl"/>
	  <xsl:template name="user-cover">
	    <p><xsl:value-of select="count(hp:key('no-such-key', 'x'))"/></p>
	  </xsl:template>
	</xsl:stylesheet>
	EOF
	run "$B" --stylesheet "$T/nokey.xsl" fixtures/brief/collection.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"hp:key(): no key 'no-such-key'"* ]]
	[[ "$output" == *"nothing is written"* ]]
	[[ "$output" != *"<html"* ]]
}

# ----------------------------------------------------------------------
# What each repeated construct costs: the largest document of a shape of
# bench/large (16 MiB) against one a sixteenth of its size, as the HTML
# paper.

# linear_html SHAPE: the HTML paper of the largest SHAPE costs at most
# three times as much per byte as that of a sixteenth of it.
linear_html() {
	cost_test
	local shape=$1
	bench/large "$shape" 1048576 >"$T/small.xml"
	bench/large "$shape" >"$T/big.xml"
	cost "$T/small.cost" "$B" "$T/small.xml" >/dev/null
	cost "$T/big.cost" "$B" "$T/big.xml" >/dev/null
	no_worse_per_byte "$shape" "$(wc -c <"$T/small.xml")" "$(cpu_of "$T/small.cost")" \
	    "$(wc -c <"$T/big.xml")" "$(cpu_of "$T/big.cost")" 3
}

@test "linear: a table of header rows (its head)" { linear_html table-head; }
@test "linear: a table of rows after a data row (its body)" { linear_html table-body; }
@test "linear: a row of header cells" { linear_html table-cells; }
@test "linear: list items" { linear_html list-items; }
@test "linear: paragraphs" { linear_html paras; }
@test "linear: sibling sections and subsections" { linear_html sections; }
@test "linear: sections at every depth" { linear_html deep; }
@test "linear: sibling sections 120 deep" { linear_html sections-deep; }
@test "linear: recommendations" { linear_html recs; }
@test "linear: recommendations with many paragraphs" { linear_html recs-valid; }
@test "linear: notes" { linear_html notes; }
@test "linear: minority views" { linear_html minority; }
@test "linear: a minority view by many members" { linear_html minority-by; }
@test "linear: inline markup" { linear_html inline; }
@test "linear: links" { linear_html links; }
@test "linear: rapporteurs" { linear_html rapporteurs; }
@test "linear: workflow steps" { linear_html steps; }
@test "linear: a collection's documents" { linear_html collection; }
@test "linear: a collection's documents, each in a state of its own" { linear_html collection-states; }
@test "linear: a collection's history" { linear_html history; }
@test "linear: a history by one member beside the steps of another document" { linear_html history-steps; }
