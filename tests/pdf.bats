#!/usr/bin/env bats
# hleg-pdf: an A4 PDF/A-3b with the source attached; and the HTML paper in
# a real browser.

load helpers

# paper_source: a proposal with a history of events, from a dossier.
setup() {
	need weasyprint pdfinfo pdfdetach
	D=$BATS_TEST_TMPDIR/d
	P=HLEG-P-2008-003
	make_dossier "$D"
	T="$BIN/hleg-transition -C $D"
	at 2008-04-01T10:00:00Z $T $P endorse --as m12 >/dev/null
	at 2008-04-02T10:00:00Z $T $P endorse --as m30 >/dev/null
	at 2008-04-03T10:00:00Z $T $P submit --as m01 >/dev/null
	at 2008-05-06T10:00:00Z $T $P consider --sector ITU-T --outcome refine --as s03 >/dev/null
	SRC=$BATS_TEST_TMPDIR/$P.xml
	git -C "$D" show "main:documents/$P.xml" >"$SRC"
	PDF=$BATS_TEST_TMPDIR/paper.pdf
}

@test "an A4 PDF/A-3b of a proposal, with its source attached" {
	"$BIN/hleg-pdf" "$SRC" >"$PDF"
	run pdfinfo "$PDF"
	[ "$status" -eq 0 ]
	[[ "$output" == *"Page size:"*"(A4)"* ]]
	pages=$(pdfinfo "$PDF" | awk '/^Pages:/ { print $2 }')
	[ "$pages" -ge 2 ]
	pdfinfo -meta "$PDF" | grep -q 'pdfaid:part>3<\|pdfaid:part="3"'
	pdfinfo -meta "$PDF" | grep -qi 'pdfaid:conformance>B<\|pdfaid:conformance="B"'
	run pdfdetach -list "$PDF"
	[[ "$output" == *"1 embedded files"* ]]
	[[ "$output" == *"$P.xml"* ]]
	pdfdetach -save 1 -o "$BATS_TEST_TMPDIR/attached.xml" "$PDF"
	cmp "$SRC" "$BATS_TEST_TMPDIR/attached.xml"
}

@test "the PDF reads as a briefing paper: title, header, page numbers, recommendations in order, history" {
	"$BIN/hleg-pdf" "$SRC" >"$PDF"
	pdftotext -layout "$PDF" "$BATS_TEST_TMPDIR/paper.txt"
	txt=$BATS_TEST_TMPDIR/paper.txt
	title=$(sed -n 's/.*<title>\(.*\)<\/title>.*/\1/p' "$SRC" | head -1)
	grep -q "Watch, warning and incident response" "$txt"
	pages=$(pdfinfo "$PDF" | awk '/^Pages:/ { print $2 }')
	grep -q "page 1 of $pages" "$txt"
	grep -q "page $pages of $pages" "$txt"
	# The running header repeats the title on the pages after the first.
	[ "$(grep -c "Watch, warning and incident" "$txt")" -ge "$pages" ]
	# Every recommendation, in the document's order.
	expected=$(grep -o '<recommendation n="[0-9.]*"' "$SRC" | sed 's/.*n="//;s/"//' | tr '\n' ' ')
	found=$(grep -o 'Recommendation [0-9]\.[0-9]*' "$txt" | sed 's/Recommendation //' | awk '!seen[$0]++' | tr '\n' ' ')
	[ "$found" = "$expected" ]
	# The history: who, which Sector, the outcome.
	grep -q 'endorse' "$txt"
	grep -q 'ITU-T' "$txt"
	grep -qi 'refine' "$txt"
}

@test "standard input, parameters as literal strings, and refusals" {
	"$BIN/hleg-pdf" -p "classification=For internal use's sake" <"$SRC" >"$PDF"
	pdftotext "$PDF" - | grep -q "For internal use's sake"
	pdfdetach -list "$PDF" | grep -q 'document.xml'
	run "$BIN/hleg-pdf" "$TOP/fixtures/dossier/roster.xml"
	[ "$status" -eq 1 ]
	run "$BIN/hleg-pdf" "$TOP/fixtures/hostile/xxe-local-file.xml"
	[ "$status" -eq 1 ]
	run "$BIN/hleg-pdf" "$BATS_TEST_TMPDIR/none.xml"
	[ "$status" -eq 2 ]
	run "$BIN/hleg-pdf" a.xml b.xml
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: hleg-pdf"* ]]
}

@test "--help prints the synopsis of the man page" {
	run "$BIN/hleg-pdf" --help
	[ "$status" -eq 0 ]
	synopsis=$(man_synopsis_line hleg-pdf)
	[ "${lines[0]}" = "usage: $synopsis" ]
}

@test "the HTML paper renders in headless Chromium, and the page is not blank" {
	need chromium
	html=$BATS_TEST_TMPDIR/paper.html
	blank=$BATS_TEST_TMPDIR/blank.html
	"$BIN/hleg-brief" "$SRC" >"$html"
	printf '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body></body></html>' >"$blank"
	shot() {
		timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		    --no-first-run --disable-background-networking --disable-component-update \
		    --disable-sync --user-data-dir="$BATS_TEST_TMPDIR/chromium" \
		    --window-size=1000,1400 --screenshot="$2" "file://$1" >/dev/null 2>&1
	}
	shot "$html" "$BATS_TEST_TMPDIR/paper.png"
	shot "$blank" "$BATS_TEST_TMPDIR/blank.png"
	[ -s "$BATS_TEST_TMPDIR/paper.png" ]
	[ -s "$BATS_TEST_TMPDIR/blank.png" ]
	# A page of text compresses far worse than a white one.
	paper=$(stat -c %s "$BATS_TEST_TMPDIR/paper.png")
	empty=$(stat -c %s "$BATS_TEST_TMPDIR/blank.png")
	echo "# paper.png $paper bytes, blank.png $empty bytes" >&3
	[ "$paper" -gt $((empty * 5)) ]
}
