#!/usr/bin/env bats
# hostile.bats - the hostile-input catalogue of the hardening issue.
#
# Every attack is a fixture in fixtures/hostile/ (its diagnostics from
# hleg-validate are NAME.err, which tests/golden.sh compares byte for
# byte) or is made here, and goes through every program that takes that
# input.  Each program refuses it with a message that names the problem
# and the exit status its manual documents, does not crash, reads and
# writes nothing outside what the command is for (strace), and leaves
# the dossier as it was (fingerprint).
#
# hleg-validate and hleg-brief meet every fixture in validate.bats and
# brief.bats as well.  A test marked skip "BUG: ..." says how the
# program should behave and does not yet.

bats_require_minimum_version 1.5.0

load helpers

H=HLEG-P-2008-101	# the id every hostile fixture claims
P=HLEG-P-2008-004	# rapporteurs m17 and m35; Sector ITU-D
ROSTER=$TOP/fixtures/dossier/roster.xml

setup() {
	cd "$TOP"
	T=$BATS_TEST_TMPDIR
	D=$T/d
}

teardown() {
	# The directory that setpriv's unprivileged user may enter.
	if [ -n "${U:-}" ]; then rm -rf "$U"; fi
}

# --- helpers ---------------------------------------------------------

# says TEXT PROG FILE NAME: TEXT holds, from PROG and about FILE, every
# diagnostic that hleg-validate gives for fixtures/hostile/NAME.xml: the
# same line and column, the same message and rule.  The commit that a
# program reading git names before FILE, git's "remote: " and its
# padding are passed over.
says() {
	local text=$1 prog=$2 file=$3 name=$4 d
	text=$(printf '%s\n' "$text" |
	    sed -E "s/^(remote: )?$prog: [0-9a-f]{8}:/$prog: /; s/^remote: //; s/ +\$//")
	while IFS= read -r d; do
		d=${d#"hleg-validate: fixtures/hostile/$name.xml:"}
		grep -qxF -- "$prog: $file:$d" <<<"$text" || {
			echo "expected: $prog: $file:$d"
			echo "in:"
			printf '%s\n' "$text" | head -20
			return 1
		}
	done <"fixtures/hostile/$name.err"
}

# expect STATUS: the last run exited STATUS, and did not crash or hang.
expect() {
	if [ "$status" -ne "$1" ]; then
		echo "exit $status, expected $1"
		echo "stdout: ${output:0:600}"
		echo "stderr: ${stderr:0:600}"
		return 1
	fi
}

# central: a central dossier $B, made with hleg-init --bare and holding
# the fixture documents, and a member's clone of it, $W.
central() {
	B=$T/central.git
	W=$T/work
	make_dossier "$B" --bare
	git clone -q "$B" "$W"
}

# push_refused: pushing main from $W is refused whole by the central
# dossier's hook, which leaves $B as it was; the hook's output is left
# in $output.
push_refused() {
	local before
	before=$(fingerprint "$B")
	run git -C "$W" push -q origin main
	[ "$status" -ne 0 ] || { echo "the push was accepted"; return 1; }
	[[ "$output" == *"pre-receive hook declined"* ]]
	[[ "$output" == *"hleg-verify: the push is refused"* ]]
	[ "$(fingerprint "$B")" = "$before" ]
}

# outside_dir: $T/outside, a directory outside the dossier holding the
# fixture documents and one more; $outside is the fingerprint of its
# files, to show afterwards that nothing there was written.
outside_dir() {
	mkdir "$T/outside"
	cp fixtures/dossier/documents/*.xml "$T/outside/"
	echo '<x/>' >"$T/outside/HLEG-P-2008-500.xml"
	outside=$(find "$T/outside" -type f | sort | xargs sha1sum)
}

# to OUT CMD...: runs CMD as run --separate-stderr does, with its standard
# output closed (OUT=closed) or /dev/full (OUT=full).
to() {
	local out=$1
	shift
	if [ "$out" = closed ]; then
		run --separate-stderr bash -c '"$@" >&-' bash "$@"
	else
		run --separate-stderr bash -c '"$@" >/dev/full' bash "$@"
	fi
}

need_strace() {
	need strace
	strace -o /dev/null true 2>/dev/null || skip "strace cannot trace here"
}

# traced CMD...: runs CMD as run --separate-stderr does, under strace,
# which writes to $T/trace every file CMD and its children open, make,
# rename, link or run, and every socket they make.  (LeakSanitizer
# cannot work under ptrace: make check-asan's leak checks are off here.)
traced() {
	run --separate-stderr env ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -qq -y -s 4096 -o "$T/trace" \
	    -e trace=open,openat,openat2,creat,execve,rename,renameat,renameat2,link,linkat,symlink,symlinkat,unlink,unlinkat,mkdir,mkdirat,socket,connect \
	    "$@"
}

# confined PREFIX...: in $T/trace, no socket was made, and every path
# that was opened, made, renamed or run, as named and as the kernel
# resolved it (so a symbolic link that leads out is caught), lies under
# a PREFIX, the data directory, git's configuration or the system's
# libraries.  A missing file counts as much as a file read.
confined() {
	local data allowed=() path p ok
	data=$(cd "$TOP" && pwd -P)
	if grep -E '^[0-9]+ +(socket|connect)\(' "$T/trace"; then
		echo "a socket was made"
		return 1
	fi
	for p in "$@"; do
		allowed+=("$p")
		[ -e "$p" ] && allowed+=("$(realpath -m "$p")")
	done
	allowed+=("$data/schemas/" "$data/stylesheets/" "$data/templates/"
	    "$(realpath "$BIN")/" "$BIN/" /bin/sh /usr/bin/sh /usr/bin/dash
	    /etc/ld.so.cache /etc/ld.so.preload /lib/ /lib64/ /usr/lib/ /usr/lib64/
	    /usr/local/lib/ /etc/gitconfig /etc/ssl/ /usr/share/zoneinfo/
	    /etc/localtime /sys/devices/system/cpu/ /proc/sys/vm/overcommit_memory
	    /dev/null "$HOME/.gitconfig" "$HOME/.config/git/")
	# The sanitizers' runtime reads its own process's files (make
	# check-asan).
	[ -z "${HLEG_BIN:-}" ] || allowed+=(/proc/self/ /proc/ /sys/)
	{
		# execve: the program run; its other strings are argv.
		sed -nE 's/^[0-9]+ +execve\("([^"]*)".*/\1/p' "$T/trace"
		# every other call: its path arguments, a relative one made
		# absolute from the directory that its descriptor's
		# decoration names (AT_FDCWD<cwd>, or 3<dir> for openat on a
		# directory).
		grep -vE '^[0-9]+ +execve\(' "$T/trace" |
		    sed -nE 's/^[0-9]+ +[a-z0-9_]+\((AT_FDCWD|[0-9]+)<([^>]*)>, "([^/"][^"]*)".*/\2\/\3/p; t; s/.*"([^"]*)".*/\1/p'
		grep -vE '^[0-9]+ +execve\(' "$T/trace" |
		    grep -oE ', "/[^"]*"' | sed 's/^, "//; s/"$//'
		# what the kernel resolved an opened file to.
		grep -oE '= [0-9]+<[^>]*>$' "$T/trace" | sed -E 's/^= [0-9]+<//; s/>$//'
	} | sort -u | while IFS= read -r path; do
		ok=false
		for p in "${allowed[@]}"; do
			case $path in "$p" | "${p%/}/"*) ok=true; break ;; esac
		done
		$ok || { echo "opened outside: $path"; exit 1; }
	done
}

# hostile_dossier DIR: a dossier with the fixture documents and, on top,
# every hostile fixture committed as documents/HLEG-X-NAME.xml, a valid
# file name whose content is hostile.
hostile_dossier() {
	local f id
	make_dossier "$1"
	for f in fixtures/hostile/*.xml; do
		id=HLEG-X-$(basename "$f" .xml | tr 'a-z' 'A-Z')
		cp "$f" "$1/documents/$id.xml"
	done
	git_t -C "$1" add documents
	git_t -C "$1" commit -qm "Hostile drafts"
}

# hostile_ids: the ids hostile_dossier gives the fixtures.
hostile_ids() {
	local f
	for f in fixtures/hostile/*.xml; do
		echo "HLEG-X-$(basename "$f" .xml | tr 'a-z' 'A-Z')"
	done
}

# through_every_program NAME: fixtures/hostile/NAME.xml through every
# program that takes XML: as a roster file, a roster for a new dossier,
# a paper to render, a document and a roster committed to a dossier,
# and pushed to a central one.
through_every_program() {
	local name=$1 f=fixtures/hostile/$1.xml before wellformed=false
	# XInclude is well-formed: it is the schema that refuses it, and
	# the programs that only parse (hleg-ls, the paper) see harmless
	# text.
	[ "$name" = xinclude ] && wellformed=true

	# hleg-roster FILE, and from standard input.
	run --separate-stderr "$BIN/hleg-roster" "$f"
	expect 1
	[ -z "$output" ]
	says "$stderr" hleg-roster "$f" "$name"
	run --separate-stderr "$BIN/hleg-roster" <"$f"
	expect 1
	says "$stderr" hleg-roster "<stdin>" "$name"

	# hleg-init --roster FILE DIR: refused, and DIR is not made.
	for bare in "" --bare; do
		run --separate-stderr "$BIN/hleg-init" $bare --roster "$f" "$T/new"
		expect 1
		says "$stderr" hleg-init "$f" "$name"
		[[ "$stderr" == *"hleg-init: $f: invalid roster; the dossier is not created" ]]
		[ ! -e "$T/new" ]
		[ -z "$(find "$T" -maxdepth 1 -name 'new*')" ]
	done

	# hleg-pdf FILE.  (hleg-pdf passes on hleg-brief's diagnostics
	# under hleg-brief's name: see the test of hleg-pdf's messages.)
	need weasyprint pdftotext
	run --separate-stderr bash -c '"$0" "$1" >"$2"' "$BIN/hleg-pdf" "$f" "$T/out.pdf"
	if $wellformed; then
		expect 0
		pdftotext "$T/out.pdf" - | grep -q XInclude
		! pdftotext "$T/out.pdf" - | grep -q 'root:' || false
	else
		expect 1
		[ ! -s "$T/out.pdf" ]
		says "$(sed 's/^hleg-brief: /hleg-pdf: /' <<<"$stderr")" hleg-pdf "$f" "$name"
	fi

	# A member's clone of a central dossier where the hostile file is
	# committed as documents/H.xml, then pushed: the hook refuses it.
	central
	cp "$f" "$W/documents/$H.xml"
	git_t -C "$W" add documents
	git_t -C "$W" commit -qm "A hostile draft"
	before=$(fingerprint "$W")

	run --separate-stderr "$BIN/hleg-ls" -C "$W"
	if $wellformed; then
		expect 0
		[ "${#lines[@]}" -eq 14 ]
		[[ "$output" == *"$H	proposal	-	XInclude"* ]]
		! grep -q 'root:' <<<"$output" || false
	else
		expect 1
		[ "${#lines[@]}" -eq 13 ]
		[[ "$output" != *"$H"* ]]
		says "$stderr" hleg-ls "documents/$H.xml" "$name"
	fi

	run --separate-stderr "$BIN/hleg-log" -C "$W"
	expect 0
	[ -z "$output" ]
	run --separate-stderr "$BIN/hleg-log" -C "$W" "$H"
	expect 1
	[ "$stderr" = "hleg-log: $H: no events in the history of main" ]

	run --separate-stderr "$BIN/hleg-collect" -C "$W" "$P" "$H"
	expect 1
	[ -z "$output" ]
	says "$stderr" hleg-collect "documents/$H.xml" "$name"

	run --separate-stderr "$BIN/hleg-transition" -C "$W" "$H" endorse --as m12
	expect 1
	says "$stderr" hleg-transition "documents/$H.xml" "$name"
	[[ "$stderr" == *"hleg-transition: documents/$H.xml: error: "*"[HLEG-W018]" ]]

	run --separate-stderr "$BIN/hleg-verify" -C "$W"
	expect 1
	says "$stderr" hleg-verify "documents/$H.xml" "$name"
	[ "$(fingerprint "$W")" = "$before" ]

	push_refused
	says "$output" hleg-verify "documents/$H.xml" "$name"

	# The same clone, where the secretariat replaced roster.xml with
	# it, then pushed: the hook refuses that too.
	git -C "$W" reset -q --hard origin/main
	cp "$f" "$W/roster.xml"
	git_t -C "$W" commit -qam "A hostile roster"
	before=$(fingerprint "$W")

	run --separate-stderr "$BIN/hleg-roster" -C "$W"
	expect 1
	says "$stderr" hleg-roster roster.xml "$name"
	run --separate-stderr "$BIN/hleg-new" -C "$W" --rapporteur m05 --title T \
	    --work-area legal-measures --sector ITU-D proposal
	expect 1
	[ -z "$output" ]
	says "$stderr" hleg-new roster.xml "$name"
	[[ "$stderr" == *"the roster on main is invalid"* ]]
	run --separate-stderr "$BIN/hleg-transition" -C "$W" "$P" endorse --as m12
	expect 1
	says "$stderr" hleg-transition roster.xml "$name"
	[[ "$stderr" == *"roster.xml on the main branch is invalid"*"[HLEG-W018]" ]]
	run --separate-stderr "$BIN/hleg-collect" -C "$W" "$P"
	expect 1
	[ -z "$output" ]
	says "$stderr" hleg-collect roster.xml "$name"
	run --separate-stderr "$BIN/hleg-verify" -C "$W"
	expect 1
	says "$stderr" hleg-verify roster.xml "$name"
	run --separate-stderr "$BIN/hleg-validate" -q -C "$W" "$W/documents/$P.xml"
	expect 1
	says "$stderr" hleg-validate "$W/roster.xml" "$name"
	[ "$(fingerprint "$W")" = "$before" ]

	push_refused
	says "$output" hleg-verify roster.xml "$name"
}

# --- 1. XML attacks ---------------------------------------------------

@test "the catalogue: every hostile fixture has its .err and a test here" {
	for f in fixtures/hostile/*.xml; do
		name=$(basename "$f" .xml)
		[ -f "fixtures/hostile/$name.err" ] || { echo "$name.err is missing"; return 1; }
		grep -q "^@test \"hostile $name: " "$BATS_TEST_FILENAME" ||
		    { echo "no test of $name here"; return 1; }
	done
	for name in xxe-local-file xxe-relative-file network-entity external-dtd \
	    external-dtd-network parameter-entity unparsed-entity billion-laughs \
	    quadratic-blowup deep-nesting bad-utf8 nul-bytes xinclude overlong-utf8 \
	    overlong-utf8-4byte utf8-surrogate utf16-no-bom utf7-entity; do
		[ -f "fixtures/hostile/$name.xml" ] || { echo "$name.xml is missing"; return 1; }
	done
}

@test "deep-nesting.xml nests 10,000 elements deep" {
	[ "$(grep -o '<p>' fixtures/hostile/deep-nesting.xml | wc -l)" -eq 10000 ]
	[ "$(grep -o '</p>' fixtures/hostile/deep-nesting.xml | wc -l)" -eq 10000 ]
}

@test "utf16-no-bom.xml is UTF-16 without a byte order mark, utf7-entity.xml UTF-7" {
	[ "$(head -c 4 fixtures/hostile/utf16-no-bom.xml | od -An -tx1 | tr -d ' \n')" = 3c003f00 ]
	iconv -f UTF-16LE -t UTF-8 fixtures/hostile/utf16-no-bom.xml | grep -q '<!ENTITY secret SYSTEM "file:///etc/passwd">'
	! grep -qa '<!ENTITY' fixtures/hostile/utf7-entity.xml || false
	iconv -f UTF-7 -t UTF-8 fixtures/hostile/utf7-entity.xml | grep -q '<!ENTITY secret SYSTEM "file:///etc/passwd">'
}

@test "hostile xxe-local-file: refused by every program that reads XML" {
	through_every_program xxe-local-file
}

@test "hostile xxe-relative-file: refused by every program that reads XML" {
	through_every_program xxe-relative-file
}

@test "hostile network-entity: refused by every program that reads XML" {
	through_every_program network-entity
}

@test "hostile external-dtd: refused by every program that reads XML" {
	through_every_program external-dtd
}

@test "hostile external-dtd-network: refused by every program that reads XML" {
	through_every_program external-dtd-network
}

@test "hostile parameter-entity: refused by every program that reads XML" {
	through_every_program parameter-entity
}

@test "hostile unparsed-entity: refused by every program that reads XML" {
	through_every_program unparsed-entity
}

@test "hostile billion-laughs: refused by every program that reads XML" {
	through_every_program billion-laughs
}

@test "hostile quadratic-blowup: refused by every program that reads XML" {
	through_every_program quadratic-blowup
}

@test "hostile deep-nesting: refused by every program that reads XML" {
	through_every_program deep-nesting
}

@test "hostile bad-utf8: refused by every program that reads XML" {
	through_every_program bad-utf8
}

@test "hostile nul-bytes: refused by every program that reads XML" {
	through_every_program nul-bytes
}

@test "hostile xinclude: refused by every program that validates, never processed" {
	through_every_program xinclude
}

@test "hostile overlong-utf8: refused by every program that reads XML" {
	through_every_program overlong-utf8
}

@test "hostile overlong-utf8-4byte: refused by every program that reads XML" {
	through_every_program overlong-utf8-4byte
}

@test "hostile utf8-surrogate: refused by every program that reads XML" {
	through_every_program utf8-surrogate
}

@test "hostile utf16-no-bom: refused by every program that reads XML" {
	through_every_program utf16-no-bom
}

@test "hostile utf7-entity: refused by every program that reads XML" {
	through_every_program utf7-entity
}

@test "a valid UTF-16 document without a byte order mark is read as UTF-16, and passes unchanged" {
	iconv -f UTF-8 -t UTF-16LE "fixtures/dossier/documents/$P.xml" |
	    sed 's/U.T.F.-.8/U\x00T\x00F\x00-\x001\x006/' >"$T/p16.xml"
	[ "$(head -c 4 "$T/p16.xml" | od -An -tx1 | tr -d ' \n')" = 3c003f00 ]
	run --separate-stderr "$BIN/hleg-validate" "$T/p16.xml"
	expect 0
	"$BIN/hleg-validate" "$T/p16.xml" | cmp - "$T/p16.xml"
	make_dossier "$D"
	cp "$T/p16.xml" "$D/documents/$P.xml"
	git_t -C "$D" commit -qam "The proposal in UTF-16"
	run --separate-stderr "$BIN/hleg-ls" -C "$D"
	expect 0
	[[ "$output" == *"$P	proposal	draft	Establish national incident response teams"* ]]
	run --separate-stderr "$BIN/hleg-verify" -C "$D"
	expect 0
}

@test "a document in a declared encoding it does not use: every diagnostic in the toolkit's shape" {
	printf '<?xml version="1.0" encoding="ISO-2022-JP"?>\n<proposal xmlns="urn:hleg:1" id="HLEG-P-2008-101"><title>x\033$B</title></proposal>\n' >"$T/jis.xml"
	printf '<?xml version="1.0" encoding="EBCDIC-US"?>\n<proposal/>\n' >"$T/ebcdic.xml"
	for f in "$T/jis.xml" "$T/ebcdic.xml"; do
		for prog in hleg-validate hleg-roster hleg-brief; do
			run --separate-stderr "$BIN/$prog" "$f"
			expect 1
			[ -z "$output" ]
			! grep -v "^$prog: $f:[0-9]*:[0-9]*: error: .* \[HLEG-P[0-9]*\]\$" <<<"$stderr" ||
			    { echo "$prog: a line not in the toolkit's shape"; return 1; }
		done
	done
}

@test "an xml-stylesheet instruction is never followed: the valid document is accepted and nothing is loaded" {
	need_strace
	sed '1a <?xml-stylesheet href="file:///etc/passwd" type="text/xsl"?>\n<?xml-stylesheet href="http://attacker.example/steal.xsl" type="text/xsl"?>' \
	    "fixtures/dossier/documents/$P.xml" >"$T/pi.xml"
	grep -q 'xml-stylesheet href="http' "$T/pi.xml"
	export HOME=$T/home
	mkdir -p "$HOME"
	# hleg-validate: valid, passed on byte for byte.
	traced "$BIN/hleg-validate" "$T/pi.xml"
	expect 0
	[ "$output" = "$(cat "$T/pi.xml")" ]
	confined "$T/pi.xml"
	# hleg-brief, in both formats.  The paper names neither
	# stylesheet, so hleg-pdf's WeasyPrint, which renders it, cannot
	# fetch them.
	traced "$BIN/hleg-brief" "$T/pi.xml"
	expect 0
	! grep -qE 'root:|attacker|/etc/passwd|xml-stylesheet' <<<"$output" || false
	confined "$T/pi.xml"
	traced "$BIN/hleg-brief" -f text "$T/pi.xml"
	expect 0
	! grep -qE 'root:|attacker|/etc/passwd' <<<"$output" || false
	confined "$T/pi.xml"
	need weasyprint
	run --separate-stderr bash -c '"$0" "$1" >/dev/null' "$BIN/hleg-pdf" "$T/pi.xml"
	expect 0
	# Committed, and pushed: every program accepts it.
	central
	cp "$T/pi.xml" "$W/documents/$P.xml"
	git_t -C "$W" commit -qam "A stylesheet instruction"
	traced "$BIN/hleg-ls" -C "$W"
	expect 0
	[ "${#lines[@]}" -eq 13 ]
	confined "$W"
	traced "$BIN/hleg-collect" -C "$W" "$P"
	expect 0
	confined "$W"
	traced "$BIN/hleg-transition" -C "$W" "$P" endorse --as m12
	expect 0
	confined "$W"
	traced "$BIN/hleg-verify" -C "$W"
	expect 0
	confined "$W"
	run git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
	[ "$(git -C "$B" rev-parse main)" = "$(git -C "$W" rev-parse main)" ]
}

# big: a 200 MB proposal whose title is one text node.
big() {
	printf '<?xml version="1.0" encoding="UTF-8"?>\n<proposal xmlns="urn:hleg:1" id="%s"><title>' "$H"
	head -c 200000000 /dev/zero | tr '\0' a
	printf '</title></proposal>\n'
}

@test "a 200 MB text node, from a pipe and from a file, is refused at once by every program that reads XML" {
	big >"$T/big.xml"
	[ "$(stat -c %s "$T/big.xml")" -gt 200000000 ]
	need weasyprint
	for prog in "hleg-validate -q" hleg-roster hleg-brief "hleg-brief -f text" \
	    "hleg-init --roster" hleg-pdf; do
		for from in pipe file; do
			start=$(date +%s%N)
			if [ $from = pipe ]; then
				case $prog in hleg-init*) arg="- $T/new" ;; *) arg= ;; esac
				run --separate-stderr bash -c "cat '$T/big.xml' | timeout 20 $BIN/$prog $arg"
			else
				case $prog in hleg-init*) arg="$T/new" ;; *) arg= ;; esac
				run --separate-stderr timeout 20 $BIN/$prog "$T/big.xml" $arg
			fi
			end=$(date +%s%N)
			echo "$prog from a $from: exit $status in $(( (end - start) / 1000000 )) ms: $stderr"
			[ "$status" -eq 1 ]
			[ -z "$output" ]
			[[ "$stderr" == *"larger than 16 MiB"* ]]
			[ $(( (end - start) / 1000000 )) -lt 5000 ]
			[ ! -e "$T/new" ]
		done
	done
}

@test "a 200 MB document committed and pushed is refused by every program that reads the dossier" {
	central
	big >"$W/documents/$H.xml"
	git_t -C "$W" add documents
	git_t -C "$W" commit -qm "A huge draft"
	rm "$W/documents/$H.xml"
	before=$(fingerprint "$W")
	run --separate-stderr timeout 20 "$BIN/hleg-ls" -C "$W"
	expect 1
	[ "${#lines[@]}" -eq 13 ]
	[[ "$stderr" == *":documents/$H.xml:0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]" ]]
	run --separate-stderr timeout 20 "$BIN/hleg-verify" -C "$W"
	expect 1
	[[ "$stderr" == *":documents/$H.xml:0:0: error: "*"larger than 16 MiB; it is refused [HLEG-P002]"* ]]
	[ "$(fingerprint "$W")" = "$before" ]
	push_refused
	[[ "$output" == *"documents/$H.xml:0:0: error: "*"larger than 16 MiB; it is refused [HLEG-P002]"* ]]
}

@test "a 200 MB committed document: hleg-collect and hleg-transition refuse it as invalid input, with its rule" {
	make_dossier "$D"
	big >"$D/documents/$H.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "A huge draft"
	before=$(fingerprint "$D")
	run --separate-stderr timeout 20 "$BIN/hleg-collect" -C "$D" "$H"
	expect 1
	[ -z "$output" ]
	[[ "$stderr" == *":documents/$H.xml:0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]"* ]]
	run --separate-stderr timeout 20 "$BIN/hleg-transition" -C "$D" "$H" endorse --as m12
	expect 1
	[[ "$stderr" == *":documents/$H.xml:0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]"* ]]
	[[ "$stderr" == *"[HLEG-W018]"* ]]
	[ "$(fingerprint "$D")" = "$before" ]
}

@test "a 200 MB committed document is refused without being read into memory" {
	[ -z "${HLEG_BIN:-}" ] || skip "the sanitizers reserve more address space than the limit"
	make_dossier "$D"
	big >"$D/documents/$H.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "A huge draft"
	# 150 MB of address space is three times what each program needs
	# for the whole fixture dossier, and less than the document.
	for cmd in "hleg-ls -C $D" "hleg-collect -C $D $H" "hleg-transition -C $D $H endorse --as m12" "hleg-verify -j 1 -C $D"; do
		run --separate-stderr bash -c "ulimit -v 150000; exec $BIN/$cmd"
		echo "$cmd: exit $status: $stderr"
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"larger than 16 MiB; it is refused [HLEG-P002]"* ]]
	done
}

# --- strace: one check per program -------------------------------------

@test "strace: hleg-validate reads no file outside its data, and makes no socket" {
	need_strace
	export HOME=$T/home
	traced "$BIN/hleg-validate" -q fixtures/hostile/*.xml
	expect 1
	confined "$TOP/fixtures/hostile/"
	grep -q 'xxe-local-file.xml' "$T/trace"
}

@test "strace: hleg (the dispatcher) runs only hleg programs, which read nothing else" {
	need_strace
	export HOME=$T/home
	traced "$BIN/hleg" validate -q fixtures/hostile/*.xml
	expect 1
	confined "$TOP/fixtures/hostile/"
	hostile_dossier "$D"
	cd "$D"
	traced "$BIN/hleg" endorse HLEG-X-XXE-LOCAL-FILE --as m12
	expect 1
	confined "$D"
}

@test "strace: hleg-roster reads no file outside its data" {
	need_strace
	export HOME=$T/home
	traced sh -c 'for f; do "$0" "$f"; done' "$BIN/hleg-roster" fixtures/hostile/*.xml
	[ "$(grep -c 'hleg-roster: fixtures/hostile/' <<<"$stderr")" -ge "$(ls fixtures/hostile/*.xml | wc -l)" ]
	confined "$TOP/fixtures/hostile/"
	hostile_dossier "$D"
	cp fixtures/hostile/xxe-local-file.xml "$D/roster.xml"
	git_t -C "$D" commit -qam "A hostile roster"
	traced "$BIN/hleg-roster" -C "$D"
	expect 1
	confined "$D"
}

@test "strace: hleg-init --roster reads the roster only, and makes nothing when it is refused" {
	need_strace
	export HOME=$T/home
	mkdir "$T/in"
	cp fixtures/hostile/*.xml "$T/in/"
	traced sh -c 'for f; do "$0" --roster "$f" "${f%.xml}.dossier"; done' "$BIN/hleg-init" "$T"/in/*.xml
	[ "$(grep -c 'invalid roster; the dossier is not created' <<<"$stderr")" -eq "$(ls "$T"/in/*.xml | wc -l)" ]
	[ -z "$(find "$T" -name '*.dossier*')" ]
	confined "$T/in"
	! grep -q '/etc/passwd' "$T/trace" || false
}

@test "strace: hleg-brief reads no file outside its data, and makes no socket" {
	need_strace
	export HOME=$T/home
	traced sh -c 'for f; do "$0" -f text "$f"; "$0" "$f"; done' "$BIN/hleg-brief" fixtures/hostile/*.xml
	confined "$TOP/fixtures/hostile/"
	! grep -q 'root:' <<<"$output" || false
}

@test "strace: hleg-pdf and WeasyPrint read no secret and make no network socket" {
	need_strace
	need weasyprint
	export HOME=$T/home
	# bash, when SHELL is unset, looks its user up in the name service
	# (nscd, then /etc/passwd) before reading the script: that is the
	# shell starting, not hleg-pdf reading, so the test names a shell.
	export SHELL=/bin/sh
	traced sh -c 'for f; do "$0" "$f" >/dev/null; done' "$BIN/hleg-pdf" fixtures/hostile/*.xml
	! grep -E '^[0-9]+ +connect\(' "$T/trace" || false
	! grep -E 'socket\(AF_INET' "$T/trace" || false
	! grep -E '"(/etc/passwd|[^"]*attacker)' "$T/trace" || false
}

@test "strace: hleg-ls reads only the dossier" {
	need_strace
	export HOME=$T/home
	hostile_dossier "$D"
	traced "$BIN/hleg-ls" -C "$D"
	expect 1
	# The dossier's 13 documents.  HLEG-X-XINCLUDE is well-formed,
	# but holds HLEG-P-2008-101: not listed.
	[ "${#lines[@]}" -eq 13 ]
	[[ "$stderr" == *"documents/HLEG-X-XINCLUDE.xml:3:1: error: the file of HLEG-X-XINCLUDE holds the document HLEG-P-2008-101"*"[HLEG-W017]"* ]]
	confined "$D"
}

@test "strace: hleg-log reads only the dossier" {
	need_strace
	export HOME=$T/home
	hostile_dossier "$D"
	"$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 >/dev/null
	traced "$BIN/hleg-log" -C "$D"
	expect 0
	[ "${#lines[@]}" -eq 1 ]
	confined "$D"
}

@test "strace: hleg-collect reads only the dossier" {
	need_strace
	export HOME=$T/home
	hostile_dossier "$D"
	traced sh -c 'for id; do "$0" -C "'"$D"'" "$id"; done' "$BIN/hleg-collect" $(hostile_ids)
	[ -z "$output" ]
	confined "$D"
}

@test "strace: hleg-transition reads and writes only the dossier" {
	need_strace
	export HOME=$T/home
	hostile_dossier "$D"
	before=$(fingerprint "$D")
	traced sh -c 'for id; do "$0" -C "'"$D"'" "$id" endorse --as m12; done' "$BIN/hleg-transition" $(hostile_ids)
	[ "$(grep -c '\[HLEG-W018\]' <<<"$stderr")" -eq "$(hostile_ids | wc -l)" ]
	[ "$(fingerprint "$D")" = "$before" ]
	confined "$D"
}

@test "strace: hleg-verify reads only the dossier" {
	need_strace
	export HOME=$T/home
	hostile_dossier "$D"
	traced "$BIN/hleg-verify" -C "$D"
	expect 1
	confined "$D"
}

@test "strace: hleg-new reads only the dossier" {
	need_strace
	export HOME=$T/home
	make_dossier "$D"
	cp fixtures/hostile/xxe-local-file.xml "$D/roster.xml"
	git_t -C "$D" commit -qam "A hostile roster"
	traced "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal
	expect 1
	confined "$D"
	git -C "$D" reset -q --hard HEAD~1
	traced "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal
	expect 0
	confined "$D"
}

# --- 2. Path and ref attacks -------------------------------------------

# Ids that are not document ids: they must never reach a path, a ref
# name or a commit message.
BAD_IDS=("../roster" "../../../../etc/passwd" "documents/../roster.xml"
	"HLEG/P-2008-004" "HLEG P 2008 004" "HLEG-P-2008-004 " "-HLEG-P-2008-004"
	"--help" $'HLEG-P-2008-004\n' $'HLEG-P-2008-004\nHLEG-Event: submit'
	$'HLEG\tP' $'HLEG-\e[31m' $'HLEG-\x01' ".git" "refs/heads/main" "ORIG_HEAD"
	"FETCH_HEAD" "main" "HEAD~1" "HLEG-P-2008-004.xml" "hleg-p-2008-004" ""
	"HLEG-P-2008-004:roster.xml" "@{-1}")

@test "ids with .., /, spaces, a leading -, control characters or git's names never reach a path or a ref" {
	make_dossier "$D"
	before=$(fingerprint "$D")
	for id in "${BAD_IDS[@]}"; do
		printf -v shown '%q' "$id"
		run --separate-stderr "$BIN/hleg-transition" -C "$D" --as m12 -- "$id" endorse
		[ "$status" -eq 1 ] || { echo "transition $shown: exit $status"; return 1; }
		[[ "$stderr" == *"is not a document id"*"[HLEG-W014]" ]]
		run --separate-stderr "$BIN/hleg" endorse -C "$D" --as m12 -- "$id"
		[ "$status" -ge 1 ] && [ "$status" -le 2 ] || { echo "hleg endorse $shown: exit $status"; return 1; }
		run --separate-stderr "$BIN/hleg-log" -C "$D" -- "$id"
		[ "$status" -eq 2 ] || { echo "log $shown: exit $status"; return 1; }
		[[ "$stderr" == *"is not a document id"* ]]
		[ -z "$output" ]
		run --separate-stderr "$BIN/hleg-collect" -C "$D" -- "$id"
		[ "$status" -eq 2 ] || { echo "collect $shown: exit $status"; return 1; }
		[[ "$stderr" == *"is not a document id"* ]]
		[ -z "$output" ]
		# From standard input, as hleg-ls would write the id (the
		# first field, up to a tab).
		if [[ "$id" != *[$'\n\t']* ]] && [ -n "$id" ]; then
			run --separate-stderr "$BIN/hleg-collect" -C "$D" <<<"$id	proposal	draft	x"
			[ "$status" -eq 2 ] || { echo "collect < $shown: exit $status"; return 1; }
			[[ "$stderr" == *"is not a document id"* ]]
			[ -z "$output" ]
		fi
		# A line of --batch.
		run --separate-stderr "$BIN/hleg-transition" -C "$D" --batch <<<"${id//$'\n'/ }	endorse	m12"
		[ "$status" -ge 1 ] && [ "$status" -le 2 ] || { echo "batch $shown: exit $status"; return 1; }
		[ -z "$output" ]
	done
	[ "$(fingerprint "$D")" = "$before" ]
	[ "$(git -C "$D" for-each-ref --format='%(refname)')" = refs/heads/main ]
}

@test "strace: ids that are paths or refs open nothing outside the dossier" {
	need_strace
	export HOME=$T/home
	make_dossier "$D"
	for prog in "hleg-transition -C $D --as m12 --" "hleg-log -C $D --" "hleg-collect -C $D --"; do
		traced sh -c 'for id; do $0 "$id" endorse; done' "$BIN/$prog" "${BAD_IDS[@]}"
		confined "$D"
		# (The ids themselves are in the arguments of execve.)
		! grep -v 'execve(' "$T/trace" | grep 'passwd' || false
		! grep -v 'execve(' "$T/trace" | grep -E '"[^"]*(ORIG_HEAD|FETCH_HEAD|refs/heads/main\.xml)"' || false
	done
}

@test "member ids, work areas, Sectors and events that are not in their grammar are refused" {
	make_dossier "$D"
	before=$(fingerprint "$D")
	for bad in "../m05" "m05/" "-m05" "M05" "m05 " $'m05\n' $'m\e[2J' "" ".git" "HEAD"; do
		printf -v shown '%q' "$bad"
		run --separate-stderr "$BIN/hleg-new" -C "$D" --rapporteur "$bad" --title T \
		    --work-area legal-measures --sector ITU-D proposal
		[ "$status" -eq 2 ] || { echo "new --rapporteur $shown: exit $status"; return 1; }
		[ -z "$output" ]
		[[ "$stderr" == "hleg-new: --rapporteur "*"not a roster id"* ]]
		run --separate-stderr "$BIN/hleg-transition" -C "$D" "$P" endorse --as "$bad"
		[ "$status" -eq 1 ] || { echo "transition --as $shown: exit $status"; return 1; }
		[[ "$stderr" == *"[HLEG-W003]" ]]
		run --separate-stderr "$BIN/hleg-transition" -C "$D" --as m12 -- "$P" "$bad"
		[ "$status" -eq 1 ] || { echo "transition event $shown: exit $status"; return 1; }
		[[ "$stderr" == *"[HLEG-W001]" ]]
		run --separate-stderr "$BIN/hleg-ls" -C "$D" --state "$bad"
		[ "$status" -eq 2 ]
		run --separate-stderr "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T \
		    --work-area "$bad" --sector ITU-D proposal
		[ "$status" -eq 2 ]
		run --separate-stderr "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T \
		    --work-area legal-measures --sector "$bad" proposal
		[ "$status" -eq 2 ]
	done
	[ "$(fingerprint "$D")" = "$before" ]
	[ -z "$(git -C "$D" for-each-ref --format='%(refname)' | grep -v '^refs/heads/main$')" ]
}

@test "git's names are only ids: a document HEAD is a document, never a ref" {
	make_dossier "$D"
	run --separate-stderr "$BIN/hleg-transition" -C "$D" HEAD endorse --as m12
	expect 1
	[ "$stderr" = "hleg-transition: documents/HEAD.xml: error: there is no document HEAD on the main branch [HLEG-W017]" ]
	run --separate-stderr "$BIN/hleg-log" -C "$D" HEAD
	expect 1
	[ "$stderr" = "hleg-log: HEAD: no events in the history of main" ]
	run --separate-stderr "$BIN/hleg-collect" -C "$D" HEAD
	expect 1
	[ -z "$output" ]
	# A document whose id is HEAD, a name the id grammar allows.
	sed "s/id=\"$P\"/id=\"HEAD\"/" "fixtures/dossier/documents/$P.xml" >"$D/documents/HEAD.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "A document named HEAD"
	"$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 >/dev/null
	run --separate-stderr "$BIN/hleg-transition" -C "$D" HEAD endorse --as m30
	expect 0
	run --separate-stderr "$BIN/hleg-log" -C "$D" HEAD
	expect 0
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == *"	HEAD	endorse	draft -> draft	m30	"* ]]
	run --separate-stderr "$BIN/hleg-ls" -C "$D"
	expect 0
	[[ "$output" == *"HEAD	proposal	draft	"* ]]
	run --separate-stderr "$BIN/hleg-collect" -C "$D" HEAD
	expect 0
	run --separate-stderr "$BIN/hleg-verify" -C "$D"
	expect 0
	[ "$(git -C "$D" for-each-ref --format='%(refname)')" = refs/heads/main ]
}

# craft NAME...: on $W's main, a commit by the secretariat that adds
# documents/NAME for each NAME, a copy of a fixture proposal, made with
# git's plumbing, which takes the names that git add refuses (".git",
# "..", a newline).
craft() {
	local blob docs root commit name
	blob=$(git -C "$W" hash-object -w "$TOP/fixtures/dossier/documents/$P.xml")
	docs=$({ git -C "$W" ls-tree -z origin/main:documents
		for name; do printf '100644 blob %s\t%s\0' "$blob" "$name"; done; } | git -C "$W" mktree -z)
	root=$(git -C "$W" ls-tree -z origin/main |
	    sed -z "s/^040000 tree [0-9a-f]*\tdocuments\$/040000 tree $docs\tdocuments/" | git -C "$W" mktree -z)
	commit=$(git_t -C "$W" commit-tree -p origin/main -m "Add documents under odd names" "$root")
	git -C "$W" update-ref refs/heads/main "$commit"
}

@test "pushed file names under documents/ that are not document ids are refused, and listed by nobody" {
	central
	names=("HLEG P 2008.xml" "-HLEG-P-2008-004.xml" "git~1" \
	    "ORIG_HEAD.xml" "HLEG-P-2008-004.XML" "HLEG-P-2008-004" "HLEG-P-2008-004.xml.orig" \
	    "..xml" ".gitattributes" ".gitmodules" $'HLEG\x01P.xml' $'HLEG-P-2008-005\n.xml' "$P.xml ")
	# Names git never writes make a malformed tree, refused whole by git
	# (receive.fsckObjects) and by the hook, which names the first.
	for name in ".git" ".." "." ".GIT"; do
		git -C "$W" reset -q --hard origin/main
		craft "$name"
		git -C "$B" config receive.fsckObjects false
		push_refused
		[[ "$output" == *"documents/: the entry '$name' (mode 100644) is a name git never writes"*"[HLEG-V020]"* ]] ||
		    { echo "$name: $output"; return 1; }
		git -C "$B" config receive.fsckObjects true
		run git -C "$W" push -q origin main
		[ "$status" -ne 0 ]
		[[ "$output" == *"fsck error"* ]]
	done
	git -C "$W" reset -q --hard origin/main
	craft "${names[@]}"
	# git refuses "git~1", which NTFS reads as .git; the hook refuses
	# every name, each in a finding of its own.
	run git -C "$W" push -q origin main
	[ "$status" -ne 0 ]
	[[ "$output" == *"hasDotgit"* ]]
	git -C "$B" config receive.fsckObjects false
	push_refused
	# Each is named, in a finding of its own.
	[ "$(grep -c '\[HLEG-V001\]' <<<"$output")" -eq "${#names[@]}" ]
	for name in "${names[@]}"; do
		# Control characters are shown as \ooo.
		shown=$(printf '%s' "$name" | perl -pe 's/([\x00-\x1f\x7f])/sprintf("\\%03o", ord $1)/ge')
		[[ "$output" == *"documents/$shown is outside the dossier's layout"* ]] ||
		    { echo "documents/$shown: no finding"; return 1; }
	done
	run --separate-stderr "$BIN/hleg-ls" -C "$W"
	expect 0
	[ "${#lines[@]}" -eq 13 ]
	[ "$(grep -c 'it is not listed \[HLEG-W014\]' <<<"$stderr")" -eq "${#names[@]}" ]
	run --separate-stderr "$BIN/hleg-verify" -C "$W"
	expect 1
	[ "$(grep -c '\[HLEG-V001\]' <<<"$stderr")" -eq "${#names[@]}" ]
	# A name that is an id, but not the id of the document it holds
	# (hleg-ls: see the next test).
	git -C "$W" reset -q --hard origin/main
	craft HEAD.xml
	push_refused
	[[ "$output" == *"documents/HEAD.xml:0:0: error: the file holds the document $P"*"[HLEG-V002]"* ]]
	# A directory where a document belongs, and refs/heads/main as a path.
	git -C "$W" reset -q --hard origin/main
	mkdir -p "$W/documents/refs/heads"
	cp "fixtures/dossier/documents/$P.xml" "$W/documents/refs/heads/main.xml"
	git_t -C "$W" add documents
	git_t -C "$W" commit -qm "A document as a path"
	push_refused
	[[ "$output" == *"documents/refs:0:0: error: "*"[HLEG-V001]"* ]]
	[ "$(git -C "$B" for-each-ref --format='%(refname)')" = refs/heads/main ]
}

@test "a malformed tree on main (a name twice in documents/) is read by no program" {
	make_dossier "$D"
	fake=$(sed 's/<title>/<title>Forged: /' "$D/documents/$P.xml" | git -C "$D" hash-object -w --stdin)
	[ "$fake" != "$(git -C "$D" rev-parse "main:documents/$P.xml")" ]
	entry() { printf '%s %s\0' "$1" "$2"; printf "$(echo "$3" | sed 's/../\\x&/g')"; }
	docs=$(git -C "$D" ls-tree main:documents | while read -r mode type oid name; do
		entry "$mode" "$name" "$oid"
		[ "$name" = "$P.xml" ] && entry 100644 "$P.xml" "$fake"
	done | git -C "$D" hash-object --literally -t tree -w --stdin)
	root=$(git -C "$D" ls-tree main | while read -r mode type oid name; do
		[ "$name" = documents ] && oid=$docs
		entry "$mode" "$name" "$oid"
	done | git -C "$D" hash-object --literally -t tree -w --stdin)
	git -C "$D" update-ref refs/heads/main "$(git_t -C "$D" commit-tree "$root" -p main -m "a forged draft")"
	why="the commit's tree is malformed: in documents/, the entry '$P.xml' (mode 100644) is a name the tree already holds"
	run --separate-stderr "$BIN/hleg-ls" -C "$D"
	expect 2
	[[ "$stderr" == *"$why"* ]]
	run --separate-stderr "$BIN/hleg-collect" -C "$D" "$P"
	expect 1
	[[ "$stderr" == *"$why"*"[HLEG-W017]"* ]]
	[ -z "$output" ]
	# A bare copy, as the work tree of $D is still at the commit before.
	git clone -q --bare "$D" "$T/bare.git"
	before=$(fingerprint "$T/bare.git")
	run --separate-stderr "$BIN/hleg-transition" -C "$T/bare.git" "$P" endorse --as m12
	expect 1
	[[ "$stderr" == *"$why"*"[HLEG-W017]"* ]]
	[ "$(fingerprint "$T/bare.git")" = "$before" ]
	run --separate-stderr "$BIN/hleg-verify" -C "$D"
	expect 1
	[[ "$stderr" == *"[HLEG-V020]"* ]]
}

@test "hleg-ls does not list a file that holds another document than its name says" {
	make_dossier "$D"
	cp "fixtures/dossier/documents/$P.xml" "$D/documents/HEAD.xml"
	cp "fixtures/dossier/documents/$P.xml" "$D/documents/HLEG-P-2008-099.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "Copies under other names"
	run --separate-stderr "$BIN/hleg-ls" -C "$D"
	expect 1
	[ "${#lines[@]}" -eq 13 ]
	[[ "$stderr" == *"documents/HEAD.xml:"*"HLEG-P-2008-004"* ]]
	[[ "$stderr" == *"documents/HLEG-P-2008-099.xml:"*"HLEG-P-2008-004"* ]]
	run --separate-stderr bash -c '"$1" -C "$2" | "$3" -C "$2" >/dev/null' bash "$BIN/hleg-ls" "$D" "$BIN/hleg-collect"
	expect 0
}

@test "symbolic links under documents/, committed and pushed, are never followed" {
	need_strace
	export HOME=$T/home
	mkdir "$T/outside"
	cp fixtures/dossier/documents/*.xml "$T/outside/"
	echo SECRET >"$T/outside/secret.txt"
	make_dossier "$D"
	ln -s "../../outside/$P.xml" "$D/documents/HLEG-P-2008-099.xml"
	ln -s /etc/passwd "$D/documents/HLEG-P-2008-098.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "Links"
	before=$(fingerprint "$D")
	outside=$(find "$T/outside" -type f | sort | xargs sha1sum)
	traced "$BIN/hleg-ls" -C "$D"
	expect 0
	[ "${#lines[@]}" -eq 13 ]
	[[ "$stderr" == *"documents/HLEG-P-2008-098.xml:0:0: warning: this is a symbolic link, not a document; it is not listed [HLEG-W014]"* ]]
	confined "$D"
	for id in HLEG-P-2008-098 HLEG-P-2008-099; do
		traced "$BIN/hleg-collect" -C "$D" "$id"
		expect 1
		[ -z "$output" ]
		confined "$D"
		traced "$BIN/hleg-transition" -C "$D" "$id" endorse --as m12
		expect 1
		confined "$D"
		# The link in the work tree leads out: never followed.
		! grep -E "= [0-9]+<(/etc/passwd|$T/outside)" "$T/trace" || false
	done
	traced "$BIN/hleg-verify" -C "$D"
	expect 1
	[[ "$stderr" == *"documents/HLEG-P-2008-098.xml:0:0: error: documents/HLEG-P-2008-098.xml is a symbolic link; a document must be a plain file [HLEG-V001]"* ]]
	confined "$D"
	traced "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal
	expect 0
	confined "$D"
	[ "$(fingerprint "$D")" = "$before" ]
	[ "$(find "$T/outside" -type f | sort | xargs sha1sum)" = "$outside" ]
	# Pushed: refused.
	central
	ln -s /etc/passwd "$W/documents/HLEG-P-2008-098.xml"
	git_t -C "$W" add documents
	git_t -C "$W" commit -qm "A link"
	push_refused
	[[ "$output" == *"documents/HLEG-P-2008-098.xml is a symbolic link; a document must be a plain file [HLEG-V001]"* ]]
}

@test "a committed symbolic link where a document belongs is named for what it is" {
	make_dossier "$D"
	ln -s /etc/passwd "$D/documents/HLEG-P-2008-098.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "A link"
	run --separate-stderr "$BIN/hleg-collect" -C "$D" HLEG-P-2008-098
	expect 1
	[[ "$stderr" == *"documents/HLEG-P-2008-098.xml"*"symbolic link"* ]]
	run --separate-stderr "$BIN/hleg-transition" -C "$D" HLEG-P-2008-098 endorse --as m12
	expect 1
	[[ "$stderr" == *"symbolic link"*"[HLEG-W017]" ]]
}

@test "a committed symbolic link in place of roster.xml: no dossier, and the message says why" {
	make_dossier "$D"
	rm "$D/roster.xml"
	ln -s /etc/passwd "$D/roster.xml"
	git_t -C "$D" add roster.xml
	git_t -C "$D" commit -qm "The roster as a link"
	before=$(fingerprint "$D")
	for cmd in "hleg-new -C $D --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal" \
	    "hleg-roster -C $D" "hleg-collect -C $D $P" "hleg-transition -C $D $P endorse --as m12"; do
		run --separate-stderr $BIN/$cmd
		[ "$status" -eq 2 ] || { echo "$cmd: exit $status: $stderr"; return 1; }
		[[ "$stderr" == *"not a dossier: "*"roster.xml is a symbolic link; it must be a plain file"* ]] ||
		    { echo "$cmd: $stderr"; return 1; }
	done
	[ "$(fingerprint "$D")" = "$before" ]
}

@test "a dossier whose documents/ is committed as a symbolic link to a directory outside" {
	need_strace
	export HOME=$T/home
	outside_dir
	make_dossier "$D"
	git -C "$D" rm -rq documents
	ln -s ../outside "$D/documents"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "documents as a link"
	before=$(fingerprint "$D")
	traced "$BIN/hleg-ls" -C "$D"
	expect 2
	[[ "$stderr" == *"documents at main is not a directory"* ]]
	confined "$D"
	traced "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal
	expect 2
	[ -z "$output" ]
	[[ "$stderr" == *"documents"*"not a directory"* ]]
	confined "$D"
	traced "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12
	[ "$status" -ge 1 ] && [ "$status" -le 2 ]
	[ -n "$stderr" ]
	confined "$D"
	traced "$BIN/hleg-collect" -C "$D" "$P"
	expect 1
	[ -z "$output" ]
	confined "$D"
	traced "$BIN/hleg-verify" -C "$D"
	expect 1
	[[ "$stderr" == *":documents:0:0: error: "*"[HLEG-V001]"* ]]
	confined "$D"
	[ "$(fingerprint "$D")" = "$before" ]
	[ "$(find "$T/outside" -type f | sort | xargs sha1sum)" = "$outside" ]
	# Pushed: refused.
	central
	git -C "$W" rm -rq documents
	ln -s ../outside "$W/documents"
	git_t -C "$W" add documents
	git_t -C "$W" commit -qm "documents as a link"
	push_refused
	[[ "$output" == *":documents:0:0: error: "*"[HLEG-V001]"* ]]
}

@test "a work tree whose documents/ is a symbolic link to a directory outside: nothing there is read or written" {
	need_strace
	export HOME=$T/home
	outside_dir
	make_dossier "$D"
	rm -rf "$D/documents"
	ln -s "$T/outside" "$D/documents"
	main=$(git -C "$D" rev-parse main)
	# What reads main's tree is not misled.
	traced "$BIN/hleg-ls" -C "$D"
	expect 0
	[ "${#lines[@]}" -eq 13 ]
	confined "$D"
	traced "$BIN/hleg-collect" -C "$D" "$P"
	expect 0
	confined "$D"
	traced "$BIN/hleg-verify" -C "$D"
	expect 0
	confined "$D"
	# What reads or writes the work tree refuses.
	traced "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal
	expect 2
	[ -z "$output" ]
	[[ "$stderr" == *"$D/documents is not a directory"* ]]
	confined "$D"
	traced "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12
	[ "$status" -ge 1 ] && [ "$status" -le 2 ]
	[[ "$stderr" == *"$D/documents"* ]]
	confined "$D"
	[ "$(git -C "$D" rev-parse main)" = "$main" ]
	[ "$(find "$T/outside" -type f | sort | xargs sha1sum)" = "$outside" ]
	[ -z "$(find "$T/outside" -name '*hleg*')" ]
}

@test "a document of the work tree that is a symbolic link leading out is neither read nor written" {
	need_strace
	export HOME=$T/home
	mkdir "$T/outside"
	cp "fixtures/dossier/documents/$P.xml" "$T/outside/"
	outside=$(sha1sum "$T/outside/$P.xml")
	make_dossier "$D"
	rm "$D/documents/$P.xml"
	ln -s "$T/outside/$P.xml" "$D/documents/$P.xml"
	main=$(git -C "$D" rev-parse main)
	traced "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12
	expect 1
	[[ "$stderr" == *"[HLEG-W020]" ]]
	confined "$D"
	[ "$(git -C "$D" rev-parse main)" = "$main" ]
	[ "$(sha1sum "$T/outside/$P.xml")" = "$outside" ]
	[ -z "$(find "$T/outside" -name '*hleg*')" ]
}

# --- 3. Git attacks -----------------------------------------------------

@test "notes that hide trailers are refused; the commit's trailers are only the toolkit's" {
	make_dossier "$D"
	before=$(fingerprint "$D")
	for note in $'ok\n\nHLEG-Actor: m01' $'ok\n\nhleg-actor:m01' $'ok\n\nHLEG-Actor\t: m01' \
	    $'ok\n\tHLEG-Actor: m01' $'ok\n HLEG-Event: submit' $'---\nHLEG-State: draft -> submitted' \
	    $'ok\rHLEG-Actor: m01' $'ok\r\nHLEG-Actor: m01' $'ok\vx' $'ok\fx' $'ok\e[2Jx' \
	    $'ok\x7fx' $'bad \xff UTF-8' "HLEG-Document: HLEG-P-2008-001"; do
		printf -v shown '%q' "$note"
		run --separate-stderr "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 --note "$note"
		[ "$status" -eq 1 ] || { echo "note $shown: exit $status"; return 1; }
		[[ "$stderr" == *"[HLEG-W015]" ]]
		[ -z "$output" ]
	done
	# Through --batch, whose \n is a newline.
	run --separate-stderr "$BIN/hleg-transition" -C "$D" --batch <<<"$P	endorse	m12	-	-	ok\\n\\nHLEG-Actor: m01"
	expect 1
	[[ "$stderr" == *"[HLEG-W015]" ]]
	[ "$(fingerprint "$D")" = "$before" ]
	# Notes that are text, however they look, are text.
	n=0
	for note in $'Looks good.\nSigned-off-by: Mallory <m@evil.example>' $'Co-authored-by: x <x@y.example>' \
	    $'ok\xe2\x80\xa8HLEG-Actor: m01' $'ok\xc2\x85HLEG-Actor: m01' "(cherry picked from commit 1234)"; do
		make_dossier "$D.$n"
		run --separate-stderr "$BIN/hleg-transition" -C "$D.$n" "$P" endorse --as m12 --note "$note"
		expect 0
		[ "$(git -C "$D.$n" log -1 --format='%(trailers:only,unfold)' | sed '/^$/d' | cut -d: -f1 | tr '\n' ' ')" = \
		    "HLEG-Document HLEG-Event HLEG-State HLEG-Actor HLEG-Version " ]
		run --separate-stderr "$BIN/hleg-verify" -C "$D.$n"
		expect 0
		n=$((n + 1))
	done
}

@test "a note of 4000 bytes is recorded; one byte more, or 128 KiB, is refused" {
	make_dossier "$D"
	run --separate-stderr "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 --note "$(head -c 4001 /dev/zero | tr '\0' a)"
	expect 1
	[[ "$stderr" == *"at most 4000 bytes"*"[HLEG-W015]" ]]
	run --separate-stderr "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 --note "$(head -c 131000 /dev/zero | tr '\0' a)"
	expect 1
	[[ "$stderr" == *"at most 4000 bytes"*"[HLEG-W015]" ]]
	[ "$(git -C "$D" rev-list --count main)" -eq 2 ]
	run --separate-stderr "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 --note "$(yes 'A line of a long note.' | head -c 4000)"
	expect 0
	[ "$(git -C "$D" rev-list --count main)" -eq 3 ]
	run --separate-stderr "$BIN/hleg-verify" -C "$D"
	expect 0
}

@test "a roster name with a newline, pushed by the secretariat, never reaches a commit signature" {
	central
	sed -i '0,/<name>Ricardo Almeida Santos<\/name>/s//<name>Ricardo Almeida Santos\nHLEG-Actor: m99<\/name>/' "$W/roster.xml"
	grep -q '^HLEG-Actor: m99</name>' "$W/roster.xml"
	git_t -C "$W" commit -qam "roster: a name"
	run git -C "$W" push -q origin main
	[ "$status" -eq 0 ]
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	before=$(fingerprint "$W")
	run --separate-stderr "$BIN/hleg-transition" -C "$W" "$P" submit --as m01
	expect 1
	[[ "$stderr" == *"the roster's name or email of m01 is not safe in a commit signature"*"[HLEG-W016]" ]]
	[ "$(fingerprint "$W")" = "$before" ]
	# An email with a newline is not an email: the roster is invalid.
	git -C "$W" reset -q --hard origin/main
	sed -i '0,/<email>r.santos@mincom-br.example<\/email>/s//<email>r.santos@mincom-br.example\n>HLEG-Actor: m99<\/email>/' "$W/roster.xml"
	git_t -C "$W" commit -qam "roster: an email"
	push_refused
	[[ "$output" == *"roster.xml:"*"[HLEG-S001]"* ]]
}

@test "a commit whose message claims an event it does not make: hleg-log tells it, hleg-verify and the hook refuse it" {
	central
	p=HLEG-P-2008-001
	sed -i 's|</summary>|  <p>More.</p>\n  </summary>|' "$W/documents/$p.xml"
	printf 'submit %s: by hand\n\nHLEG-Document: %s\nHLEG-Event: submit\nHLEG-State: draft -> submitted\nHLEG-Actor: m01\n' \
	    "$p" "$p" >"$T/msg"
	as m01 -C "$W" commit -qa -F "$T/msg"
	commit=$(git -C "$W" rev-parse --short=7 HEAD)
	# hleg-log tells what the commits say (hleg-log(1)); judging is
	# hleg-verify's.
	run --separate-stderr "$BIN/hleg-log" -C "$W" "$p"
	expect 0
	[ "$output" = "2008-04-10	$p	submit	draft -> submitted	m01	-	-	$commit" ]
	run --separate-stderr "$BIN/hleg-ls" -C "$W"
	[[ "$output" == *"$p	proposal	draft	"* ]]
	run --separate-stderr "$BIN/hleg-verify" -C "$W"
	expect 1
	[[ "$stderr" == *"the message has HLEG trailers, but the commit records no step"*"[HLEG-V015]"* ]]
	push_refused
	[[ "$output" == *"[HLEG-V015]"* ]]
	# Trailers that are incomplete: hleg-log and hleg-collect say so.
	git -C "$W" reset -q --hard origin/main
	printf 'submit %s: by hand\n\nHLEG-Document: %s\nHLEG-Event: submit\n' "$p" "$p" >"$T/msg"
	as m01 -C "$W" commit -q --allow-empty -F "$T/msg"
	run --separate-stderr "$BIN/hleg-log" -C "$W"
	expect 1
	[[ "$stderr" == *"its HLEG trailers do not record an event: it has no HLEG-State, HLEG-Actor; the commit is not listed"* ]]
	run --separate-stderr "$BIN/hleg-collect" -C "$W" "$p"
	expect 1
	[ -z "$output" ]
	run --separate-stderr "$BIN/hleg-verify" -C "$W"
	expect 1
	[[ "$stderr" == *"[HLEG-V015]"* ]]
	push_refused
	[[ "$output" == *"[HLEG-V015]"* ]]
}

@test "a member who makes themselves chair in roster.xml: the hook refuses the push (HLEG-V004), hleg-verify reports it" {
	central
	# m05 moves the chair's role from m01 to themselves.
	awk '/id="m05"/ { m = 1 } m && /<\/member>/ { print "    <role>chair</role>"; m = 0 } { print }' \
	    "$W/roster.xml" | sed '0,/^    <role>chair<\/role>$/{/^    <role>chair<\/role>$/d}' >"$T/roster.xml"
	mv "$T/roster.xml" "$W/roster.xml"
	[ "$(git -C "$W" diff --numstat | cut -f1,2)" = "1	1" ]
	"$BIN/hleg-validate" -q "$W/roster.xml"
	as m05 -C "$W" commit -qam "roster: the chair"
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m12 >/dev/null
	"$BIN/hleg-transition" -C "$W" "$P" endorse --as m30 >/dev/null
	# hleg-transition judges by the roster of main, which m05 changed
	# in their own clone: it records the submit there ...
	run --separate-stderr "$BIN/hleg-transition" -C "$W" "$P" submit --as m05
	expect 0
	# ... what protects the group is the central dossier's hook.
	push_refused
	[ "$(grep -o '\[HLEG-[A-Z][0-9]*\]' <<<"$output" | sort -u)" = "[HLEG-V004]" ]
	[[ "$output" == *"its author $(person m05 name) <$(person m05 email)> is not the secretariat: only the secretariat changes those [HLEG-V004]"* ]]
	[[ "$output" == *"1 error in the 4 commits it brings"* ]]
	run --separate-stderr "$BIN/hleg-verify" -C "$W"
	expect 1
	[ "$(grep -o '\[HLEG-[A-Z][0-9]*\]' <<<"$stderr" | sort -u)" = "[HLEG-V004]" ]
	# On the central dossier, m05 is no chair.
	run --separate-stderr "$BIN/hleg-transition" -C "$B" "$P" submit --as m05
	expect 1
	[[ "$stderr" == *"[HLEG-W004]" ]]
}

# --- 4. CLI attacks, for every program in bin/ ----------------------------

# cli STATUS PROG ARG...: PROG, with standard input empty, exits STATUS
# (never a crash or a hang), writes nothing on standard output, and says
# why on standard error, first naming itself.
cli() {
	local want=$1 prog=$2
	shift 2
	run --separate-stderr timeout 30 "$BIN/$prog" "$@" </dev/null
	if [ "$status" -ge 124 ]; then
		echo "$prog $(printf '%.80s ' "$@"): exit $status: a crash or a hang"
		return 1
	fi
	if [ "$status" -ne "$want" ]; then
		echo "$prog $(printf '%.80s ' "$@"): exit $status, expected $want: ${stderr:0:300}"
		return 1
	fi
	if [ -n "$output" ]; then
		echo "$prog $(printf '%.80s ' "$@"): wrote to stdout"
		return 1
	fi
	if [[ "$stderr" != "$prog: "* ]]; then
		echo "$prog $(printf '%.80s ' "$@"): the message: ${stderr:0:300}"
		return 1
	fi
}

@test "an argument as long as the kernel allows (128 KiB), to every program" {
	# Linux limits one argument to 128 KiB (MAX_ARG_STRLEN); a 1 MB
	# input is a line of standard input, below.
	make_dossier "$D"
	before=$(fingerprint "$D")
	L=$(head -c 131071 /dev/zero | tr '\0' A)
	p=fixtures/dossier/documents/$P.xml
	cli 2 hleg "$L"
	cli 2 hleg-validate "$L"
	cli 2 hleg-validate --roster "$L" -q "$p"
	cli 2 hleg-validate -C "$L" -q "$p"
	cli 2 hleg-init "$T/${L:0:130000}"
	cli 2 hleg-init --roster "$L" "$T/new"
	cli 2 hleg-new -C "$D" --rapporteur m05 --title "$L" --work-area legal-measures --sector ITU-D proposal
	cli 2 hleg-new -C "$D" --rapporteur "$L" --title T --work-area legal-measures --sector ITU-D proposal
	cli 1 hleg-transition -C "$D" "$L" endorse --as m12
	cli 1 hleg-transition -C "$D" "$P" "$L" --as m12
	cli 1 hleg-transition -C "$D" "$P" endorse --as "$L"
	cli 1 hleg-transition -C "$D" "$P" endorse --as m12 --note "$L"
	cli 2 hleg-ls -C "$D" -r "$L"
	cli 2 hleg-ls -C "$D" --state "$L"
	cli 2 hleg-ls -C "$L"
	cli 2 hleg-log -C "$D" "$L"
	cli 2 hleg-log -C "$D" -r "$L"
	cli 2 hleg-roster "$L"
	cli 2 hleg-collect -C "$D" "$L"
	cli 2 hleg-collect -C "$D" --title "$L" "$P"
	cli 2 hleg-collect -C "$D" -r "$L" "$P"
	cli 2 hleg-brief "$L"
	cli 2 hleg-brief -f "$L" "$p"
	cli 2 hleg-verify -C "$D" "$L"
	cli 2 hleg-verify -C "$D" -j "$L"
	need weasyprint
	cli 2 hleg-pdf "$L"
	[ ! -e "$T/new" ]
	[ -z "$(find "$T" -maxdepth 1 -name 'AAAA*')" ]
	[ "$(fingerprint "$D")" = "$before" ]
}

@test "a line of 1 MB on standard input, to every program that reads lines" {
	make_dossier "$D"
	before=$(fingerprint "$D")
	head -c 1048576 /dev/zero | tr '\0' A >"$T/line"
	echo >>"$T/line"
	run --separate-stderr "$BIN/hleg-collect" -C "$D" <"$T/line"
	expect 2
	[[ "$stderr" == "hleg-collect: <stdin>:1: the line is longer than 65536 bytes"* ]]
	run --separate-stderr "$BIN/hleg-transition" -C "$D" --batch <"$T/line"
	expect 2
	[[ "$stderr" == "hleg-transition: <stdin>:1: the line is longer than 16384 bytes"* ]]
	cd "$D"
	GIT_DIR=.git run --separate-stderr "$BIN/hleg-verify" --pre-receive <"$T/line"
	expect 2
	[[ "$stderr" == "hleg-verify: <stdin>:1: "* ]]
	[ "$(fingerprint "$D")" = "$before" ]
}

@test "invalid UTF-8 in arguments, to every program" {
	make_dossier "$D"
	before=$(fingerprint "$D")
	X=$'\xff\xfe\xc0\xaf'
	p=fixtures/dossier/documents/$P.xml
	cli 2 hleg "$X"
	cli 2 hleg-validate "$T/$X.xml"
	cli 2 hleg-init --roster "$T/$X.xml" "$T/new"
	cli 2 hleg-new -C "$D" --rapporteur m05 --title "T$X" --work-area legal-measures --sector ITU-D proposal
	[[ "$stderr" == *"--title: it is not valid UTF-8"* ]]
	cli 2 hleg-new -C "$D" --rapporteur m05 --title T --work-area "legal-measures$X" --sector ITU-D proposal
	cli 1 hleg-transition -C "$D" "HLEG$X" endorse --as m12
	cli 1 hleg-transition -C "$D" "$P" endorse --as "m12$X"
	cli 1 hleg-transition -C "$D" "$P" endorse --as m12 --note "ok$X"
	cli 2 hleg-ls -C "$D" --state "draft$X"
	cli 2 hleg-ls -C "$D" -r "main$X"
	cli 2 hleg-log -C "$D" "HLEG$X"
	cli 2 hleg-roster "$T/$X.xml"
	cli 2 hleg-collect -C "$D" "HLEG$X"
	cli 2 hleg-collect -C "$D" --title "T$X" "$P"
	cli 2 hleg-brief -p "title=T$X" "$p"
	[[ "$stderr" == *"-p title: the value is not UTF-8"* ]]
	cli 2 hleg-brief -p "$X=1" "$p"
	cli 2 hleg-verify -C "$D" "main$X"
	[ ! -e "$T/new" ]
	[ "$(fingerprint "$D")" = "$before" ]
	# A file name is bytes: a valid document under any name is valid.
	cp "$p" "$T/doc$X.xml"
	run --separate-stderr "$BIN/hleg-validate" -q "$T/doc$X.xml"
	expect 0
	run --separate-stderr "$BIN/hleg-brief" -f text "$T/doc$X.xml"
	expect 0
	cp "$ROSTER" "$T/roster$X.xml"
	run --separate-stderr "$BIN/hleg-roster" "$T/roster$X.xml"
	expect 0
	run --separate-stderr "$BIN/hleg-init" --roster "$T/roster$X.xml" "$T/dossier$X"
	expect 0
	git -C "$T/dossier$X" fsck --strict
}

@test "stdout closed or full: every program that has output to write exits 2 and says so" {
	make_dossier "$D"
	"$BIN/hleg-transition" -C "$D" "$P" endorse --as m12 >/dev/null
	p=fixtures/dossier/documents/$P.xml
	for out in closed full; do
		before=$(fingerprint "$D")
		for cmd in "hleg help" "hleg-validate $p" "hleg-new -C $D --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal" \
		    "hleg-ls -C $D" "hleg-ls -C $D --xml" "hleg-log -C $D" "hleg-log -C $D --xml" "hleg-roster $ROSTER" \
		    "hleg-roster --xml $ROSTER" "hleg-collect -C $D $P" "hleg-brief $p" "hleg-brief -f text $p" \
		    "hleg-verify -C $D --xml" "hleg-validate --version" "hleg-verify --version"; do
			to $out $BIN/$cmd
			if [ $out = closed ]; then
				want="stdout: Bad file descriptor"
			else
				want="stdout: No space left on device"
			fi
			prog=${cmd%% *}
			[ "$status" -eq 2 ] || { echo "$cmd >$out: exit $status"; return 1; }
			[[ "$stderr" == *"$prog: $want"* ]] || { echo "$cmd >$out: $stderr"; return 1; }
		done
		[ "$(fingerprint "$D")" = "$before" ]
		# What writes a dossier says so when it cannot tell it.
		main=$(git -C "$D" rev-parse main)
		if [ $out = closed ]; then
			to $out "$BIN/hleg-transition" -C "$D" "$P" endorse --as m30
		else
			to $out "$BIN/hleg-transition" -C "$D" "$P" endorse --as m40
		fi
		expect 2
		[[ "$stderr" == *"hleg-transition: stdout: "* ]]
		to $out "$BIN/hleg-init" --roster "$ROSTER" "$T/new-$out"
		expect 2
		[[ "$stderr" == *"hleg-init: stdout: "* ]]
	done
}

@test "stdout closed or full: --help and --version of every program exit 2 and say so" {
	for prog in hleg hleg-validate hleg-init hleg-new hleg-transition hleg-ls hleg-log \
	    hleg-roster hleg-collect hleg-brief hleg-verify hleg-pdf; do
		for opt in --help --version; do
			to full "$BIN/$prog" $opt
			[ "$status" -eq 2 ] || { echo "$prog $opt >/dev/full: exit $status"; return 1; }
			[[ "$stderr" == "$prog: "*"No space left on device"* ]]
			to closed "$BIN/$prog" $opt
			[ "$status" -eq 2 ] || { echo "$prog $opt >&-: exit $status"; return 1; }
			[[ "$stderr" == "$prog: "*"Bad file descriptor"* ]]
		done
	done
}

@test "a write error is one message in the toolkit's shape, not libxml2's too" {
	make_dossier "$D"
	p=fixtures/dossier/documents/$P.xml
	for cmd in "hleg-brief $p" "hleg-brief -f text $p" "hleg-verify -C $D --xml" "hleg-ls -C $D --xml" "hleg-collect -C $D $P" "hleg-log -C $D --xml" "hleg-roster -C $D --xml"; do
		to full $BIN/$cmd
		expect 2
		[ "$stderr" = "${cmd%% *}: stdout: No space left on device" ] || { echo "$cmd: $stderr"; return 1; }
	done
}

# nobody CMD...: CMD as an unprivileged user (the tests run as root, who
# reads every file).
nobody() {
	run --separate-stderr env HOME="$U" setpriv --reuid=65534 --regid=65534 --clear-groups "$@" </dev/null
}

@test "an unreadable file or dossier, to every program, as an unprivileged user" {
	need setpriv
	setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null || skip "setpriv cannot change user here"
	U=$(mktemp -d /tmp/hleg-hostile.XXXXXX)
	chmod 755 "$U"
	cp "fixtures/dossier/documents/$P.xml" "$U/p.xml"
	cp "$ROSTER" "$U/roster.xml"
	chmod 600 "$U/p.xml" "$U/roster.xml"
	cp "fixtures/dossier/documents/$P.xml" "$U/readable.xml"
	chmod 644 "$U/readable.xml"
	for cmd in "hleg-validate -q $U/p.xml" "hleg validate -q $U/p.xml" "hleg-roster $U/roster.xml" \
	    "hleg-brief $U/p.xml" "hleg-brief -f text $U/p.xml" "hleg-validate -q --roster $U/roster.xml $U/readable.xml" \
	    "hleg-init --roster $U/roster.xml $U/new"; do
		nobody $BIN/$cmd
		prog=${cmd%% *}
		[ "$prog" = hleg ] && prog=hleg-validate
		[ "$status" -eq 2 ] || { echo "$cmd: exit $status: $stderr"; return 1; }
		[ -z "$output" ]
		[[ "$stderr" == "$prog: $U/"*": Permission denied"* ]] || { echo "$cmd: $stderr"; return 1; }
	done
	need weasyprint
	nobody "$BIN/hleg-pdf" "$U/p.xml"
	expect 2
	[[ "$stderr" == "hleg-pdf: $U/p.xml: "* ]]
	[ ! -e "$U/new" ]
	# A dossier the user may not enter.
	make_dossier "$U/d"
	chmod 700 "$U/d"
	before=$(fingerprint "$U/d")
	for cmd in "hleg-ls -C $U/d" "hleg-log -C $U/d" "hleg-collect -C $U/d $P" "hleg-roster -C $U/d" \
	    "hleg-transition -C $U/d $P endorse --as m12" "hleg-verify -C $U/d" \
	    "hleg-new -C $U/d --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal"; do
		nobody $BIN/$cmd
		[ "$status" -eq 2 ] || { echo "$cmd: exit $status: $stderr"; return 1; }
		[ -z "$output" ]
		[[ "$stderr" == "${cmd%% *}: $U/d: "* ]] || { echo "$cmd: $stderr"; return 1; }
	done
	[ "$(fingerprint "$U/d")" = "$before" ]
}

@test "an unreadable customisation layer is a file that could not be read" {
	need setpriv
	U=$(mktemp -d /tmp/hleg-hostile.XXXXXX)
	chmod 755 "$U"
	cp stylesheets/text.xsl "$U/layer.xsl"
	chmod 600 "$U/layer.xsl"
	cp "fixtures/dossier/documents/$P.xml" "$U/p.xml"
	chmod 644 "$U/p.xml"
	nobody "$BIN/hleg-brief" --stylesheet "$U/layer.xsl" "$U/p.xml"
	expect 2
	[ "$stderr" = "hleg-brief: $U/layer.xsl: Permission denied" ]
}

@test "a dossier that belongs to another user is refused with a message that says so" {
	need setpriv
	U=$(mktemp -d /tmp/hleg-hostile.XXXXXX)
	chmod 755 "$U"
	make_dossier "$U/d"
	chmod 755 "$U/d"
	for cmd in "hleg-ls -C $U/d" "hleg-log -C $U/d" "hleg-verify -C $U/d" "hleg-transition -C $U/d $P endorse --as m12"; do
		nobody $BIN/$cmd
		expect 2
		[[ "$stderr" != *"was not found"* ]]
		[[ "$stderr" == *"owned"* ]] || { echo "$cmd: $stderr"; return 1; }
	done
}

@test "a directory where a file belongs, to every program" {
	make_dossier "$D"
	p=fixtures/dossier/documents/$P.xml
	dir=$T/adir
	mkdir "$dir"
	cli 2 hleg-validate "$dir"
	[[ "$stderr" == *"$dir: Is a directory"* ]]
	cli 2 hleg-roster "$dir"
	cli 2 hleg-brief "$dir"
	cli 2 hleg-brief --stylesheet "$dir" "$p"
	cli 2 hleg-init --roster "$dir" "$T/new"
	[ ! -e "$T/new" ]
	cli 2 hleg-validate -C "$dir" -q "$p"
	run --separate-stderr "$BIN/hleg" validate "$dir"
	expect 2
	[ "$stderr" = "hleg-validate: $dir: Is a directory" ]
	need weasyprint
	cli 2 hleg-pdf "$dir"
	# A file where a dossier belongs.
	for prog in hleg-ls hleg-log hleg-verify hleg-roster; do
		cli 2 $prog -C "$p"
		[[ "$stderr" == *"not a dossier"* ]]
	done
	cli 2 hleg-collect -C "$p" "$P"
	cli 2 hleg-transition -C "$p" "$P" endorse --as m12
	cli 2 hleg-new -C "$p" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D proposal
	cli 2 hleg-init "$p"
	# Standard input that is a directory.
	for cmd in "hleg-validate" "hleg-roster" "hleg-brief" "hleg-collect -C $D" "hleg-transition -C $D --batch" \
	    "hleg-init --roster - $T/new"; do
		run --separate-stderr $BIN/$cmd <"$dir"
		[ "$status" -eq 2 ] || { echo "$cmd < dir: exit $status"; return 1; }
		[[ "$stderr" == "${cmd%% *}: "*"Is a directory" ]] || { echo "$cmd < dir: $stderr"; return 1; }
	done
	cd "$D"
	GIT_DIR=.git run --separate-stderr "$BIN/hleg-verify" --pre-receive <"$dir"
	expect 2
	[ "$stderr" = "hleg-verify: <stdin>: Is a directory" ]
}

@test "a --roster that cannot be used stops the document too" {
	p=fixtures/dossier/documents/$P.xml
	mkdir "$T/adir"
	for roster in "$T/adir" "$T/none.xml" fixtures/invalid/roster-R023-duplicate-id.xml fixtures/hostile/xxe-local-file.xml; do
		run --separate-stderr "$BIN/hleg-validate" --roster "$roster" "$p"
		[ "$status" -ge 1 ]
		[ -z "$output" ] || { echo "--roster $roster: the document reached stdout"; return 1; }
	done
}

@test "hleg-pdf: arguments are never shell code" {
	need weasyprint
	p=$TOP/fixtures/dossier/documents/$P.xml
	printf '#!/bin/sh\ntouch "%s"\n' "$T/pwned" >"$T/evil"
	chmod +x "$T/evil"
	# A parameter whose value has a newline.
	run --separate-stderr bash -c '"$@" >/dev/null' bash "$BIN/hleg-pdf" -p "title=A title
$T/evil" "$p"
	[ ! -e "$T/pwned" ] || { echo "-p ran $T/evil"; rm -f "$T/pwned"; false; }
	# A file name with a newline: a command on a line of its own.
	mkdir "$T/docs"
	cp "$p" "$T/docs/a
evil
.xml"
	cd "$T/docs"
	PATH=$T:$PATH run --separate-stderr bash -c '"$@" >/dev/null' bash "$BIN/hleg-pdf" "a
evil
.xml"
	[ ! -e "$T/pwned" ] || { echo "a file name ran $T/evil"; false; }
	# Quotes, $() and backquotes are text.
	run --separate-stderr bash -c '"$@" >/dev/null' bash "$BIN/hleg-pdf" -p "title=\$(touch $T/pwned)\`touch $T/pwned\`'\"" "$p"
	expect 0
	[ ! -e "$T/pwned" ]
}

@test "hleg-pdf: its own name on its messages, <stdin> for standard input, and a message for every failure" {
	need weasyprint
	p=fixtures/dossier/documents/$P.xml
	run --separate-stderr "$BIN/hleg-pdf" fixtures/hostile/xxe-local-file.xml
	expect 1
	[ "$stderr" = "$(sed 's/^hleg-validate: /hleg-pdf: /' fixtures/hostile/xxe-local-file.err)" ]
	run --separate-stderr "$BIN/hleg-pdf" <fixtures/hostile/xxe-local-file.xml
	expect 1
	[ "$stderr" = "$(sed 's/^hleg-validate: fixtures\/hostile\/xxe-local-file.xml:/hleg-pdf: <stdin>:/' fixtures/hostile/xxe-local-file.err)" ]
	to full "$BIN/hleg-pdf" "$p"
	expect 2
	[ "$stderr" = "hleg-pdf: stdout: No space left on device" ]
	to closed "$BIN/hleg-pdf" "$p"
	expect 2
	[ "$stderr" = "hleg-pdf: stdout: Bad file descriptor" ]
	run --separate-stderr "$BIN/hleg-pdf" -p "title=T"$'\xff' "$p"
	expect 2
	[[ "$stderr" == "hleg-pdf: -p title: the value is not UTF-8"* ]]
	mkdir "$T/adir"
	run --separate-stderr "$BIN/hleg-pdf" <"$T/adir"
	expect 2
	[ "$stderr" = "hleg-pdf: <stdin>: Is a directory" ]
	cp "$p" "$T/doc"$'\xff'".xml"
	run --separate-stderr bash -c '"$1" "$2" >"$3"' bash "$BIN/hleg-pdf" "$T/doc"$'\xff'".xml" "$T/doc.pdf"
	expect 0
	# The attachment of a name that is not UTF-8 is document.xml.
	need pdfdetach
	pdfdetach -list "$T/doc.pdf" | grep -q '^1: document.xml$'
	# WeasyPrint failing: one line, with its last word, exit 2.
	mkdir "$T/fake"
	printf '#!/bin/sh\necho "Traceback (most recent call last):" >&2\necho "ValueError: no fonts" >&2\nexit 1\n' >"$T/fake/weasyprint"
	chmod +x "$T/fake/weasyprint"
	run --separate-stderr env PATH="$T/fake:$PATH" "$BIN/hleg-pdf" "$p"
	expect 2
	[ "$stderr" = "hleg-pdf: WeasyPrint could not render the paper: ValueError: no fonts" ]
	[ -z "$output" ]
}

@test "no message passes an argument's control characters to the terminal" {
	make_dossier "$D"
	x=$'X\e[2J\nhleg-verify: forged'
	p=fixtures/dossier/documents/$P.xml
	failed=
	check() {
		run --separate-stderr timeout 30 "$@" </dev/null
		if grep -q $'\e' <<<"$stderr" || grep -q '^hleg-verify: forged' <<<"$stderr"; then
			failed="$failed
$(printf '%q ' "${@#$BIN/}")"
		fi
	}
	check "$BIN/hleg" "$x"
	check "$BIN/hleg-validate" "$x"
	check "$BIN/hleg-validate" -j "$x" "$p"
	check "$BIN/hleg-roster" "$x"
	check "$BIN/hleg-roster" -C "$x"
	check "$BIN/hleg-brief" "$x"
	check "$BIN/hleg-brief" -f "$x" "$p"
	check "$BIN/hleg-brief" -p "$x" "$p"
	check "$BIN/hleg-init" --roster "$x" "$T/new"
	check "$BIN/hleg-new" -C "$D" --rapporteur "$x" --title T --work-area legal-measures --sector ITU-D proposal
	check "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area "$x" --sector ITU-D proposal
	check "$BIN/hleg-new" -C "$D" --rapporteur m05 --title T --work-area legal-measures --sector ITU-D "$x"
	check "$BIN/hleg-transition" -C "$D" "$x" endorse --as m12
	check "$BIN/hleg-transition" -C "$D" "$P" "$x" --as m12
	check "$BIN/hleg-transition" -C "$D" "$P" endorse --as "$x"
	check "$BIN/hleg-transition" -C "$D" "$P" consider --as s04 --sector "$x" --outcome refine
	check "$BIN/hleg-ls" -C "$D" --state "$x"
	check "$BIN/hleg-ls" -C "$D" -r "$x"
	check "$BIN/hleg-log" -C "$D" "$x"
	check "$BIN/hleg-log" -C "$D" -r "$x"
	check "$BIN/hleg-collect" -C "$D" "$x"
	check "$BIN/hleg-collect" -C "$D" -r "$x" "$P"
	check "$BIN/hleg-verify" -C "$D" "$x"
	# A file name in a commit.
	cp "$p" "$D/documents/$x.xml"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "A name"
	check "$BIN/hleg-verify" -C "$D"
	check "$BIN/hleg-ls" -C "$D"
	[ -z "$failed" ] || { echo "raw control characters from:$failed"; false; }
}

@test "what writes says what it did when standard output fails" {
	make_dossier "$D"
	to full "$BIN/hleg-transition" -C "$D" "$P" endorse --as m12
	expect 2
	[ "$(git -C "$D" rev-list --count main)" -eq 3 ]
	[[ "$stderr" == *"recorded"* ]]
	to full "$BIN/hleg-init" --roster "$ROSTER" "$T/new"
	expect 2
	[ -d "$T/new/.git" ]
	[[ "$stderr" == *"$T/new"* ]]
}
