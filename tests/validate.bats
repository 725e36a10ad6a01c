#!/usr/bin/env bats
# hleg-validate as a user meets it: options, standard input and output,
# threads, rosters, data directories, hostile input.

load bin

setup() {
	cd "$BATS_TEST_DIRNAME/.."
	V=$BIN/hleg-validate
	P=fixtures/dossier/documents/HLEG-P-2008-004.xml
	T=$BATS_TEST_TMPDIR
}

@test "a valid document from stdin passes to stdout byte for byte" {
	$V <"$P" >"$T/out"
	cmp "$P" "$T/out"
}

@test "the filter chains: cat | validate | validate -q" {
	run bash -c "cat $P | $V | $V -q"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "- names standard input, and diagnostics call it <stdin>" {
	run $V -q - <fixtures/invalid/R001-addressee.xml
	[ "$status" -eq 1 ]
	[[ "$output" == "hleg-validate: <stdin>:6:3: error: the addressee is 'ITU Council';"*"[HLEG-R001]" ]]
}

@test "an invalid document from stdin writes nothing to stdout" {
	$V <fixtures/invalid/R005-partial-without-minority.xml >"$T/out" 2>/dev/null || status=$?
	[ "$status" -eq 1 ]
	[ ! -s "$T/out" ]
}

@test "-q prints nothing on stdout for a valid document" {
	run $V -q "$P"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "several files: valid ones are copied in order, the status is the worst" {
	$V fixtures/dossier/workflow.xml fixtures/invalid/R003-duplicate-number.xml "$P" >"$T/out" 2>"$T/err" || status=$?
	[ "$status" -eq 1 ]
	cat fixtures/dossier/workflow.xml "$P" | cmp - "$T/out"
	grep -q 'R003-duplicate-number.xml:18:3: error: .*\[HLEG-R003\]' "$T/err"
	[ "$(wc -l <"$T/err")" -eq 1 ]
}

@test "-j 4 gives the same diagnostics, in the same order, as one thread" {
	files=(fixtures/dossier/documents/*.xml fixtures/invalid/*.xml fixtures/hostile/*.xml)
	$V -q "${files[@]}" 2>"$T/one" || s1=$?
	$V -q -j 4 "${files[@]}" 2>"$T/four" || s4=$?
	$V -q -j 0 "${files[@]}" 2>"$T/all" || s0=$?
	[ "$s1" -eq 1 ] && [ "$s4" -eq 1 ] && [ "$s0" -eq 1 ]
	diff "$T/one" "$T/four"
	diff "$T/one" "$T/all"
	[ "$(wc -l <"$T/one")" -gt 60 ]
}

@test "-j keeps the pass-through order of valid documents" {
	$V -j 3 fixtures/dossier/documents/*.xml >"$T/out"
	cat fixtures/dossier/documents/*.xml | cmp - "$T/out"
}

@test "-j refuses a bad count with a usage error" {
	run $V -j x "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"-j x: give a number of jobs from 0 to 256"* ]]
	run $V -j 999 "$P"
	[ "$status" -eq 2 ]
}

@test "without a roster, member references are not checked" {
	run $V -q fixtures/invalid/R015-rapporteur-not-member.xml
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "--roster checks rapporteurs against the roster" {
	run $V -q --roster fixtures/dossier/roster.xml fixtures/invalid/R015-rapporteur-not-member.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"rapporteur 'm77' is not a member of the roster"*"[HLEG-R015]"* ]]
}

@test "inside a dossier, documents/ID.xml is checked against the dossier's roster" {
	mkdir -p "$T/d/documents"
	cp fixtures/dossier/roster.xml "$T/d/"
	cp fixtures/invalid/R015-rapporteur-not-member.xml "$T/d/documents/"
	run $V -q "$T/d/documents/R015-rapporteur-not-member.xml"
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-R015]"* ]]
	cd "$T/d/documents"
	run "$BIN/hleg-validate" -q R015-rapporteur-not-member.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-R015]"* ]]
}

@test "an invalid roster is reported and not used" {
	run $V -q --roster fixtures/invalid/roster-R023-duplicate-id.xml "$P"
	[ "$status" -eq 1 ]
	[[ "$output" == *"roster-R023-duplicate-id.xml:56:3: error: the id 'm07' is already used"* ]]
	[[ "$output" == *"the roster is invalid; member references are not checked against it"* ]]
}

@test "a document that is not a roster is refused as --roster" {
	run $V -q --roster "$P" "$P"
	[ "$status" -eq 1 ]
	[[ "$output" == *"this proposal is given as the roster; give a roster [HLEG-P006]"* ]]
}

@test "a missing --roster file is a system error" {
	run $V -q --roster "$T/none.xml" "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"none.xml: No such file or directory"* ]]
}

@test "a missing file is a system error, and the others are still checked" {
	run $V -q "$T/missing.xml" fixtures/invalid/R001-addressee.xml
	[ "$status" -eq 2 ]
	[[ "$output" == *"hleg-validate: $T/missing.xml: No such file or directory"* ]]
	[[ "$output" == *"[HLEG-R001]"* ]]
}

@test "a directory is a system error" {
	run $V -q fixtures
	[ "$status" -eq 2 ]
	[[ "$output" == *"fixtures: Is a directory"* ]]
}

@test "an unknown option is a usage error" {
	run $V --frobnicate
	[ "$status" -eq 2 ]
	[[ "$output" == *"usage: hleg-validate [-hq] [-C dir] [-j jobs] [--roster file] [file ...]"* ]]
}

@test "--help prints the synopsis of the man page and exits 0" {
	run $V --help
	[ "$status" -eq 0 ]
	synopsis=$(man_synopsis_line hleg-validate)
	[ "${lines[0]}" = "usage: $synopsis" ]
	run $V -h
	[ "$status" -eq 0 ]
}

@test "--version names the program and the toolkit" {
	run $V --version
	[ "$status" -eq 0 ]
	[[ "$output" == "hleg-validate (hleg) "* ]]
}

@test "a full disk is an error, not silent loss" {
	[ -w /dev/full ] || skip "no /dev/full"
	run bash -c "$V $P >/dev/full"
	[ "$status" -eq 2 ]
	[[ "$output" == *"stdout: No space left on device"* ]]
}

@test "a 200 MB document from a pipe is refused quickly with a clear error" {
	start=$(date +%s%N)
	run bash -c "{ printf '<proposal xmlns=\"urn:hleg:1\">'; yes '<p>lorem ipsum dolor</p>' | head -c 200000000; } | $V -q"
	end=$(date +%s%N)
	[ "$status" -eq 1 ]
	[ "$output" = "hleg-validate: <stdin>:0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]" ]
	[ $(( (end - start) / 1000000 )) -lt 5000 ]
}

@test "a 200 MB file is refused without reading it all" {
	truncate -s 200M "$T/big.xml"
	run timeout 1 $V -q "$T/big.xml"
	[ "$status" -eq 1 ]
	[[ "$output" == *"big.xml:0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]" ]]
}

@test "no hostile fixture takes more than a second" {
	for f in fixtures/hostile/*.xml; do
		run timeout 1 $V -q "$f"
		[ "$status" -eq 1 ] || { echo "$f: exit $status"; return 1; }
	done
}

@test "no hostile fixture makes the validator open a file outside its data, or a socket" {
	need strace
	strace -o /dev/null true 2>/dev/null || skip "strace cannot trace here"
	strace -f -s 4096 -e trace=open,openat,creat,connect,socket,execve \
	    -o "$T/trace" $V -q fixtures/hostile/*.xml 2>/dev/null || true
	! grep -E 'connect\(|socket\(' "$T/trace"
	data=$(cd "$BATS_TEST_DIRNAME/.." && pwd -P)
	grep -oE '(open|openat|creat)\([^"]*"[^"]*"' "$T/trace" | sed 's/.*"\(.*\)"/\1/' |
	    while read -r path; do
		case "$path" in
		fixtures/hostile/*.xml | "$data"/schemas/* | "$data"/stylesheets/* | \
		/etc/ld.so.cache | /lib/* | /usr/lib/* | /lib64/* | /sys/devices/system/cpu/* | \
		/proc/sys/vm/overcommit_memory) ;;
		# The sanitizers' runtime reads its own process's maps and
		# command line (make check-asan).
		/proc/self/*) [ -n "${HLEG_BIN:-}" ] || { echo "opened $path"; exit 1; } ;;
		*) echo "opened $path"; exit 1 ;;
		esac
	    done
	grep -q 'fixtures/hostile/xxe-local-file.xml' "$T/trace"
	! grep -q '/etc/passwd' "$T/trace"
}

@test "the data directory comes from HLEG_DATADIR when set" {
	mkdir -p "$T/data"
	cp -r schemas stylesheets "$T/data/"
	sed -i 's/submits its work only to/TESTDATA/' "$T/data/schemas/rules.sch"
	HLEG_DATADIR="$T/data" run $V -q fixtures/invalid/R001-addressee.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"TESTDATA the Secretary-General"* ]]
}

@test "a wrong HLEG_DATADIR is a system error that says what to do" {
	HLEG_DATADIR="$T/nowhere" run $V -q "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"HLEG_DATADIR=$T/nowhere: no schemas/hleg.xsd there"* ]]
}

@test "make install puts programs, data and man pages where they work" {
	make -s install DESTDIR="$T/root" PREFIX=/opt/hleg >/dev/null
	[ -x "$T/root/opt/hleg/bin/hleg-validate" ]
	[ -x "$T/root/opt/hleg/bin/hleg-pdf" ]
	[ -f "$T/root/opt/hleg/share/hleg/schemas/hleg.xsd" ]
	[ -f "$T/root/opt/hleg/share/hleg/stylesheets/schematron.xsl" ]
	[ -f "$T/root/opt/hleg/share/man/man1/hleg-validate.1" ]
	run "$T/root/opt/hleg/bin/hleg-validate" -q fixtures/invalid/R003-duplicate-number.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"[HLEG-R003]"* ]]
	run "$T/root/opt/hleg/bin/hleg" validate -q "$P"
	[ "$status" -eq 0 ]
}

@test "the catalog maps the namespace to the schema for xmllint --catalogs" {
	XML_CATALOG_FILES=schemas/catalog.xml run xmllint --catalogs --noout --schema urn:hleg:1 "$P"
	[ "$status" -eq 0 ]
	XML_CATALOG_FILES=schemas/catalog.xml run xmllint --noout --schema urn:hleg:1:roster.xsd fixtures/dossier/roster.xml
	[ "$status" -eq 0 ]
}

@test "every schema file compiles on its own" {
	for x in schemas/*.xsd; do
		xmllint --noout --schema "$x" fixtures/dossier/workflow.xml >/dev/null 2>"$T/err" || true
		! grep -q 'failed to compile' "$T/err" || { cat "$T/err"; return 1; }
	done
}

@test "the rules compiler refuses what it does not know" {
	mkdir -p "$T/data"
	cp -r schemas stylesheets "$T/data/"
	sed -i '0,/<sch:assert id="HLEG-R001"/s//<sch:assert/' "$T/data/schemas/rules.sch"
	HLEG_DATADIR="$T/data" run $V -q "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"cannot compile the rules: an assertion has no id"* ]]
}

@test "the rules compiler refuses key(), whose cost grows with the square of a group" {
	mkdir -p "$T/data"
	cp -r schemas stylesheets "$T/data/"
	sed -i "s/hx:key-position('person-by-id',/key('person-by-id',/" "$T/data/schemas/rules.sch"
	grep -q "key('person-by-id'," "$T/data/schemas/rules.sch"
	HLEG_DATADIR="$T/data" run $V -q "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"cannot compile the rules: key() is refused, as its cost grows with the square of a key's group: use hx:key-nth(name, value, n) or hx:key-position(name, value) in key('person-by-id',"* ]]
}

@test "the rules compiler refuses a context whose first step has an axis" {
	mkdir -p "$T/data"
	cp -r schemas stylesheets "$T/data/"
	sed -i 's|<sch:rule context="/h:roster">|<sch:rule context="/child::h:roster">|' "$T/data/schemas/rules.sch"
	grep -q 'context="/child::h:roster"' "$T/data/schemas/rules.sch"
	HLEG_DATADIR="$T/data" run $V -q "$P"
	[ "$status" -eq 2 ]
	[[ "$output" == *"cannot compile the rules: a rule context the compiler does not know: /child::h:roster (its first step must be a name test, without an axis)"* ]]
}

@test "rosters checked together keep their ids apart" {
	run $V -q -j 1 fixtures/dossier/roster.xml fixtures/dossier/roster.xml fixtures/invalid/roster-R023-duplicate-id.xml fixtures/dossier/roster.xml
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "hleg-validate: fixtures/invalid/roster-R023-duplicate-id.xml:56:3: error: the id 'm07' is already used by an earlier entry"* ]]
}

@test "documents checked in one batch get their own diagnostics" {
	run $V -q -j 1 fixtures/invalid/R003-duplicate-number.xml "$P" fixtures/invalid/R005-partial-without-minority.xml "$P" fixtures/invalid/R003-duplicate-number.xml
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" == "hleg-validate: fixtures/invalid/R003-duplicate-number.xml:18:3: "*"[HLEG-R003]" ]]
	[[ "${lines[1]}" == "hleg-validate: fixtures/invalid/R005-partial-without-minority.xml:14:3: "*"[HLEG-R005]" ]]
	[[ "${lines[2]}" == "hleg-validate: fixtures/invalid/R003-duplicate-number.xml:18:3: "*"[HLEG-R003]" ]]
}

@test "a batch with an unreadable file and a malformed one checks the rest" {
	run $V -q -j 1 fixtures/invalid/not-well-formed.xml "$T/none.xml" fixtures/invalid/R001-addressee.xml
	[ "$status" -eq 2 ]
	[[ "${lines[0]}" == *"not-well-formed.xml:13:12: error: Opening and ending tag mismatch"* ]]
	[[ "${lines[1]}" == *"none.xml: No such file or directory" ]]
	[[ "${lines[2]}" == *"R001-addressee.xml:6:3: error: the addressee is 'ITU Council'"* ]]
}

@test "-C names the dossier whose roster is used" {
	run $V -q -C fixtures/dossier fixtures/invalid/R015-rapporteur-not-member.xml
	[ "$status" -eq 1 ]
	[[ "$output" == *"rapporteur 'm77' is not a member of the roster"*"[HLEG-R015]"* ]]
	run $V -q -C fixtures fixtures/invalid/R015-rapporteur-not-member.xml
	[ "$status" -eq 2 ]
	[ "$output" = "hleg-validate: fixtures: not a dossier: it has no roster.xml" ]
}

@test "tests/deps prints the apt-get line to a user who is not root" {
	id nobody >/dev/null 2>&1 || skip "no user nobody"
	need setpriv
	# A copy where nobody may read it, wherever the clone is.
	copy=$(mktemp /tmp/hleg-deps.XXXXXX)
	cp tests/deps "$copy"
	chmod 755 "$copy"
	run setpriv --reuid=nobody --regid=nogroup --clear-groups env HLEG_DEPS_ALSO=hleg-no-such-package "$copy" build
	rm -f "$copy"
	[ "$status" -eq 1 ]
	[[ "$output" == *"apt-get update && apt-get install -y hleg-no-such-package"* ]]
}

@test "tests/deps need: a tool that is there passes; one that is not names its package; one not in the table is an error" {
	run tests/deps need git xmllint
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# A PATH of awk alone, which tests/deps needs.
	mkdir "$T/path"
	ln -s "$(command -v awk)" "$T/path/awk"
	run env PATH="$T/path" /bin/sh tests/deps need col
	[ "$status" -eq 1 ]
	[ "$output" = "tests/deps: col is not installed: it is in the Debian package bsdextrautils, which 'tests/deps check' installs (as root)" ]
	run tests/deps need hleg-no-such-tool
	[ "$status" -eq 2 ]
	[[ "$output" == "tests/deps: hleg-no-such-tool is not in the table of tests/deps: add it"* ]]
	# Each target's packages; check's hold every package of the table
	# but the benchmark's and the fresh machine's.
	[ "$(tests/deps list build | tr '\n' ' ')" = "gcc make pkg-config libxml2-dev libxslt1-dev libgit2-dev " ]
	tests/deps list check | grep -qx bsdextrautils
	tests/deps list check | grep -qx xsltproc
	tests/deps list demo | grep -qx weasyprint
	tests/deps list fresh | grep -qx debootstrap
	! tests/deps list fresh | grep -qx gcc
}

@test "every tool a test asks for is installed by tests/deps check" {
	for c in $(grep -ho '^[[:space:]]*need [a-z0-9 -]*' tests/*.bats tests/*.bash | sed 's/^[[:space:]]*need //' | tr ' ' '\n' | sort -u); do
		pkg=$(awk -v c="$c" '$1 == c { for (i = 3; i <= NF; i++) if ($i == "check") print $2 }' tests/deps)
		[ -n "$pkg" ] || { echo "$c: not in tests/deps for check"; return 1; }
	done
}

@test "a command a test runs that is not installed is reported, even when the test passes" {
	mkdir "$T/t"
	printf 'load %s\n@test "a test that does not notice" {\n\t[ -z "$(hleg-no-such-tool --version)" ]\n}\n' \
	    "$PWD/tests/bin" >"$T/t/quiet.bats"
	: >"$T/missing"
	HLEG_MISSING_LOG=$T/missing run bats --tap "$T/t/quiet.bats"
	[ "$status" -eq 0 ]
	[ "$(cat "$T/missing")" = "hleg-no-such-tool	quiet.bats: a test that does not notice" ]
}

@test "a collection with a title and a date is checked against the roster like its documents" {
	{
		echo '<?xml version="1.0" encoding="UTF-8"?>'
		echo '<collection xmlns="urn:hleg:1"><title>Briefing</title><date>2008-06-01</date>'
		sed 1d fixtures/dossier/documents/HLEG-P-2008-004.xml
		sed 1d fixtures/invalid/R008-date-outside-term.xml
		echo '</collection>'
	} >"$T/c.xml"
	run $V -q --roster fixtures/dossier/roster.xml "$T/c.xml"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == *"the document is dated 2010-01-15, outside the roster's term"*"[HLEG-R008]" ]]
}
