#!/usr/bin/env bats
# hleg-pdf: an A4 PDF/A-3b with the source attached; and the HTML paper in
# a real browser.

load helpers
bats_require_minimum_version 1.5.0

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

# fake_weasyprint BODY: a weasyprint, first on PATH, that is the shell
# script BODY; $T/fake/ran records each time it runs.
fake_weasyprint() {
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/bin/sh\necho ran >>"%s/fake/ran"\n%s\n' "$BATS_TEST_TMPDIR" "$1" \
	    >"$BATS_TEST_TMPDIR/fake/weasyprint"
	chmod +x "$BATS_TEST_TMPDIR/fake/weasyprint"
	FAKE_PATH=$BATS_TEST_TMPDIR/fake:$PATH
}

# A fake that renders nothing, but writes a PDF where it is asked to.
RENDERS='for a; do out=$a; done; echo "%PDF-1.7 fake" >"$out"'

# paper_of BODY: a valid draft proposal whose one recommendation holds
# BODY, on standard output.
paper_of() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<proposal xmlns="urn:hleg:1" id="HLEG-P-2008-900" xml:lang="en">\n<title>A paper</title><date>2008-02-14</date><addressee>ITU Secretary-General</addressee><rapporteur ref="m36"/><work-area ref="legal-measures"/><sector ref="ITU-D"/><summary><p>S.</p></summary>\n<recommendation n="1.1" addressed-to="Governments" consensus="full">%s</recommendation>\n<workflow state="draft"/>\n</proposal>\n' "$1"
}

# repeat N TEXT: TEXT N times.
repeat() {
	local i s=
	for ((i = 0; i < $1; i++)); do s+=$2; done
	printf '%s' "$s"
}

@test "the attachment is the bytes rendered, read once: a named pipe fed once" {
	need pdfdetach pdftotext
	mkdir "$BATS_TEST_TMPDIR/pipe"
	fifo=$BATS_TEST_TMPDIR/pipe/$P.xml
	mkfifo "$fifo"
	# The writer gives the document once; a program that opened the
	# pipe a second time would wait for ever (the timeout ends it).
	cat "$SRC" >"$fifo" &
	run --separate-stderr timeout 120 bash -c '"$0" "$1" >"$2"' "$BIN/hleg-pdf" "$fifo" "$PDF"
	wait
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	pdfdetach -list "$PDF" | grep -q "^1: $P.xml\$"
	pdfdetach -save 1 -o "$BATS_TEST_TMPDIR/attached.xml" "$PDF"
	cmp "$SRC" "$BATS_TEST_TMPDIR/attached.xml"
	pdftotext "$PDF" - | grep -q "Watch, warning and incident response"
}

@test "the attachment is the bytes rendered: a file swapped while WeasyPrint runs changes neither" {
	need pdfdetach pdftotext
	doc=$BATS_TEST_TMPDIR/doc.xml
	cp "$SRC" "$doc"
	# WeasyPrint, run after the input is read, swaps the file for
	# another text: neither the paper nor the attachment changes.
	fake_weasyprint "sed 's/Watch, warning and incident response/A forged title/' '$SRC' >'$doc'
exec /usr/bin/weasyprint \"\$@\""
	PATH=$FAKE_PATH run --separate-stderr bash -c '"$0" "$1" >"$2"' "$BIN/hleg-pdf" "$doc" "$PDF"
	[ "$status" -eq 0 ]
	grep -q 'A forged title' "$doc"
	pdfdetach -save 1 -o "$BATS_TEST_TMPDIR/attached.xml" "$PDF"
	cmp "$SRC" "$BATS_TEST_TMPDIR/attached.xml"
	pdftotext "$PDF" - | grep -q "Watch, warning and incident response"
	! pdftotext "$PDF" - | grep -q "A forged title" || false
}

@test "a paper over the layout budget is refused (HLEG-P008) before WeasyPrint runs; one within it is not" {
	fake_weasyprint "$RENDERS"
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir "$TMPDIR"
	# One-word list items: about 7,100 fit in the budget.
	big=$BATS_TEST_TMPDIR/big.xml
	"$TOP/bench/large" items 90000 >"$big"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$big"
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "$stderr" == "hleg-pdf: $big:0:0: error: the paper is too large to lay out within WeasyPrint's cap of 1024 MiB of memory and 300 seconds: its "*" boxes and "*" bytes of text need about "*" MiB, more than the 640 MiB allowed; "*" [HLEG-P008]" ]]
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ]
	[ ! -e "$BATS_TEST_TMPDIR/fake/ran" ]
	[ -z "$(ls -A "$TMPDIR")" ]
	# From standard input, the same.
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" <"$big"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "hleg-pdf: <stdin>:0:0: error: the paper is too large"*"[HLEG-P008]" ]]
	[ ! -e "$BATS_TEST_TMPDIR/fake/ran" ]
	"$TOP/bench/large" items 70000 >"$big"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$big"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$output" = "%PDF-1.7 fake" ]
	[ -e "$BATS_TEST_TMPDIR/fake/ran" ]
	[ -z "$(ls -A "$TMPDIR")" ]
}

@test "a table row of more than 50 cells, or a word of more than 2000 bytes, is refused (HLEG-P008)" {
	fake_weasyprint "$RENDERS"
	doc=$BATS_TEST_TMPDIR/doc.xml
	paper_of "<table><tr>$(repeat 50 '<td>w</td>')</tr></table>" >"$doc"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 0 ]
	paper_of "<table><tr>$(repeat 51 '<td>w</td>')</tr></table>" >"$doc"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *": a table row of 51 cells, more than the 50 allowed; "*"[HLEG-P008]" ]]
	# A word runs on across inline elements, and ends at white space
	# and at a block's boundary.
	paper_of "<p>$(repeat 1000 w)<em>$(repeat 1000 w)</em> w</p><p>$(repeat 2000 w)</p>" >"$doc"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 0 ]
	paper_of "<p>$(repeat 1000 w)<em>$(repeat 1000 w)</em>w</p>" >"$doc"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *": a word of 2001 bytes, more than the 2000 allowed; "*"[HLEG-P008]" ]]
	[ "$(wc -l <"$BATS_TEST_TMPDIR/fake/ran")" -eq 2 ]
}

@test "WeasyPrint runs under the cap of 1024 MiB of data and 300 seconds of CPU time, its output not ours" {
	fake_weasyprint "echo \"\$(ulimit -d) \$(ulimit -H -d) \$(ulimit -t) \$(ulimit -H -t)\" >'$BATS_TEST_TMPDIR/limits'
echo 'what WeasyPrint says on its standard output'
$RENDERS"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$SRC"
	[ "$status" -eq 0 ]
	# Standard output is the PDF's alone.
	[ "$output" = "%PDF-1.7 fake" ]
	[ "$(cat "$BATS_TEST_TMPDIR/limits")" = "1048576 1048576 300 301" ]
}

@test "WeasyPrint stopped at the memory cap or the time bound: exit 2, said once, no PDF" {
	need python3
	# A WeasyPrint that needs 2 GiB: without the cap it would succeed.
	mkdir -p "$BATS_TEST_TMPDIR/fake"
	printf '#!/usr/bin/python3\nimport sys\nb = bytearray(2 << 30)\nopen(sys.argv[-1], "wb").write(b"%%PDF-1.7 fake\\n")\n' \
	    >"$BATS_TEST_TMPDIR/fake/weasyprint"
	chmod +x "$BATS_TEST_TMPDIR/fake/weasyprint"
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir "$TMPDIR"
	PATH=$BATS_TEST_TMPDIR/fake:$PATH run --separate-stderr "$BIN/hleg-pdf" "$SRC"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "hleg-pdf: WeasyPrint could not render the paper within 1024 MiB of memory; nothing is written: MemoryError" ]
	[ -z "$(ls -A "$TMPDIR")" ]
	# One killed at the time bound (SIGXCPU).
	fake_weasyprint 'kill -XCPU $$'
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$SRC"
	[ "$status" -eq 2 ]
	[ -z "$output" ]
	[ "$stderr" = "hleg-pdf: WeasyPrint could not render the paper within 300 seconds of CPU time; nothing is written" ]
	[ -z "$(ls -A "$TMPDIR")" ]
}

@test "hleg-pdf killed while WeasyPrint runs: WeasyPrint is stopped and the private directory removed" {
	export TMPDIR=$BATS_TEST_TMPDIR/tmp
	mkdir "$TMPDIR"
	fake_weasyprint "echo \$\$ >'$BATS_TEST_TMPDIR/pid'; exec sleep 600"
	for sig in TERM INT HUP; do
		rm -f "$BATS_TEST_TMPDIR/pid"
		PATH=$FAKE_PATH "$BIN/hleg-pdf" "$SRC" >/dev/null 2>&1 &
		pid=$!
		for i in $(seq 100); do [ -s "$BATS_TEST_TMPDIR/pid" ] && break; sleep 0.1; done
		[ -s "$BATS_TEST_TMPDIR/pid" ]
		[ -n "$(ls -A "$TMPDIR")" ]
		kill -$sig $pid
		status=0
		wait $pid || status=$?
		[ "$status" -eq $((128 + $(kill -l $sig))) ]
		! kill -0 "$(cat "$BATS_TEST_TMPDIR/pid")" 2>/dev/null || false
		[ -z "$(ls -A "$TMPDIR")" ]
	done
}

@test "a paper at the layout budget renders with the real WeasyPrint, well under the cap" {
	need pdfinfo
	big=$BATS_TEST_TMPDIR/items.xml
	"$TOP/bench/large" items 78000 >"$big"
	cost "$BATS_TEST_TMPDIR/cost" "$RELEASE/hleg-pdf" "$big" >"$PDF"
	pdfinfo "$PDF" | grep -q '^Pages:'
	rss=$(rss_of "$BATS_TEST_TMPDIR/cost")
	echo "# $(stat -c %s "$big") bytes of one-word list items: $((rss / 1024)) MiB, $(cpu_of "$BATS_TEST_TMPDIR/cost") s" >&3
	# At most three quarters of the 1024 MiB cap.
	[ "$rss" -lt $((768 * 1024)) ]
}

# collection_of N: a valid collection of N proposals of the fewest
# elements the schema allows.
collection_of() {
	awk -v n="$1" 'BEGIN {
		print "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<collection xmlns=\"urn:hleg:1\">"
		for (i = 1; i <= n; i++)
			printf "<proposal id=\"HLEG-P-%07d\"><title>P</title><date>2008-02-14</date><addressee>ITU Secretary-General</addressee><rapporteur ref=\"m36\"/><work-area ref=\"legal-measures\"/><sector ref=\"ITU-D\"/><summary><p>S.</p></summary><recommendation n=\"1.1\" addressed-to=\"Governments\" consensus=\"full\"><p>R.</p></recommendation><workflow state=\"draft\"/></proposal>\n", i
		print "</collection>"
	}'
}

@test "a collection of more than 448 documents is refused (HLEG-P008) before it is transformed" {
	fake_weasyprint "$RENDERS"
	doc=$BATS_TEST_TMPDIR/c.xml
	collection_of 449 >"$doc"
	"$BIN/hleg-validate" -q "$doc" >/dev/null
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 1 ]
	[[ "$stderr" == "hleg-pdf: $doc:0:0: error: the paper is too large to lay out within WeasyPrint's cap of 1024 MiB of memory and 300 seconds: a collection of 449 documents, more than the 448 allowed; "*"[HLEG-P008]" ]]
	# The bound never refuses what the budget would accept: 448 of the
	# smallest documents are over the budget of boxes too.
	collection_of 448 >"$doc"
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *": its "*" boxes and "*" bytes of text need about "*" MiB, more than the 640 MiB allowed; "*"[HLEG-P008]" ]]
	[ ! -e "$BATS_TEST_TMPDIR/fake/ran" ]
	# A collection of the largest size is refused at once: its
	# transform would cost minutes and more than a GiB.
	"$TOP/bench/large" collection >"$doc"
	start=$(date +%s)
	PATH=$FAKE_PATH run --separate-stderr "$BIN/hleg-pdf" "$doc"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *": a collection of "*" documents, more than the 448 allowed; "*"[HLEG-P008]" ]]
	[ $(($(date +%s) - start)) -lt 60 ]
}
