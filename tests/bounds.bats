#!/usr/bin/env bats
# bounds.bats - what each program may cost, as the LIMITS section of its
# page states it.  For each, the densest valid document at the 16 MiB
# limit (bench/large dense: an element and a text node for each 5 bytes)
# against one of 1/16 its size: memory above a tiny input's, per byte, no
# worse than the small one's (with slack), CPU time per byte no worse
# than 3 times, and the peak within the multiple the page states
# ("at most K bytes per byte of ..., plus C MiB").  For hleg-collect: a
# document of the largest size is collected with its history, and a
# collection over its limit is refused before the rest is read.  Memory
# is always measured on the release build ($RELEASE).

load helpers

bats_require_minimum_version 1.5.0

setup_file() {
	# Under the sanitizers every test skips (cost_test): nothing to make.
	case ${HLEG_BIN:-} in *asan*) return 0 ;; esac
	"$TOP/bench/large" dense >"$BATS_FILE_TMPDIR/big.xml"
	"$TOP/bench/large" dense 1048576 >"$BATS_FILE_TMPDIR/small.xml"
}

setup() {
	cost_test
	cd "$TOP"
	T=$BATS_TEST_TMPDIR
	BIG=$BATS_FILE_TMPDIR/big.xml
	SMALL=$BATS_FILE_TMPDIR/small.xml
	TINY=$TOP/fixtures/dossier/documents/HLEG-P-2008-004.xml
	ROSTER=$TOP/fixtures/dossier/roster.xml
	D=$T/d
}

size() { stat -c %s "$1"; }

# stated PAGE: "K C", the memory bound of man/PAGE.1's LIMITS section.
stated() {
	tr '\n' ' ' <"$TOP/man/$1.1" | grep -io 'at most [0-9]* bytes per byte of [^,]*, plus [0-9]* MiB' |
	    head -1 | sed 's/^at most \([0-9]*\) bytes.* plus \([0-9]*\) MiB$/\1 \2/I'
}

# within_stated PAGE BYTES COST: the peak memory in COST is within what
# man/PAGE.1 states for an input of BYTES.
within_stated() {
	local k c rss
	read -r k c <<<"$(stated "$1")"
	[ -n "$k" ] && [ -n "$c" ] || { echo "man/$1.1 states no memory bound" >&2; return 1; }
	rss=$(rss_of "$3")
	echo "$1: $((rss / 1024)) MiB for $2 bytes; at most $k bytes per byte + $c MiB: $(( (k * $2) / 1048576 + c )) MiB" >&2
	[ $((rss * 1024)) -le $((k * $2 + c * 1048576)) ]
}

# scales WHAT TINY_COST SMALL_BYTES SMALL_COST BIG_BYTES BIG_COST: memory
# above the tiny input's is no worse per byte for the big input than 1.5
# times the small one's, and CPU time no worse than 3 times.
scales() {
	local base=$(rss_of "$2")
	no_worse_per_byte "$1: memory (KiB)" "$3" $(($(rss_of "$4") - base)) \
	    "$5" $(($(rss_of "$6") - base)) 1.5
	no_worse_per_byte "$1: CPU (s)" "$3" "$(cpu_of "$4")" "$5" "$(cpu_of "$6")" 3
}

# filter_bounds NAME COMMAND...: COMMAND FILE on the tiny, small and big
# documents, then the ratios and the stated bound (of man/NAME.1).
filter_bounds() {
	local page=$1
	shift
	cost "$T/tiny" "$@" "$TINY" >/dev/null
	cost "$T/small" "$@" "$SMALL" >/dev/null
	cost "$T/big" "$@" "$BIG" >/dev/null
	scales "$*" "$T/tiny" "$(size "$SMALL")" "$T/small" "$(size "$BIG")" "$T/big"
	within_stated "$page" "$(size "$BIG")" "$T/big"
}

@test "every LIMITS section states a memory bound that the tests can read" {
	for page in hleg-validate hleg-brief hleg-collect hleg-ls hleg-transition hleg-verify hleg-new hleg-roster hleg-init; do
		[ -n "$(stated $page)" ] || { echo "$page: no bound"; return 1; }
		grep -q '^\.Sh LIMITS$' "man/$page.1"
	done
	grep -q '^\.Sh LIMITS$' man/hleg.1
	grep -q '^\.Sh LIMITS$' man/hleg-log.1
	[ "$(stated hleg-validate)" = "96 32" ]
}

@test "hleg-validate: the densest 16 MiB document costs memory in proportion, within the stated bound" {
	filter_bounds hleg-validate "$RELEASE/hleg-validate" -q --roster "$ROSTER"
}

@test "hleg-brief -f html: the densest 16 MiB document costs memory in proportion, within the stated bound" {
	filter_bounds hleg-brief "$RELEASE/hleg-brief" -f html
}

@test "hleg-brief -f text: the densest 16 MiB document costs memory in proportion, within the stated bound" {
	filter_bounds hleg-brief "$RELEASE/hleg-brief" -f text
}

@test "hleg-roster and hleg-init: a 16 MiB roster costs memory in proportion, within the stated bound" {
	"$TOP/bench/large" roster-valid >"$T/big-roster.xml"
	"$TOP/bench/large" roster-valid 1048576 >"$T/small-roster.xml"
	for r in tiny small big; do
		f=$T/$r-roster.xml
		[ $r != tiny ] || f=$ROSTER
		cost "$T/roster-$r" "$RELEASE/hleg-roster" "$f" >/dev/null 2>&1 || true
		cost "$T/init-$r" "$RELEASE/hleg-init" --roster "$f" "$T/dossier-$r" >/dev/null 2>&1 || true
	done
	big=$(size "$T/big-roster.xml")
	small=$(size "$T/small-roster.xml")
	scales hleg-roster "$T/roster-tiny" "$small" "$T/roster-small" "$big" "$T/roster-big"
	within_stated hleg-roster "$big" "$T/roster-big"
	scales hleg-init "$T/init-tiny" "$small" "$T/init-small" "$big" "$T/init-big"
	within_stated hleg-init "$big" "$T/init-big"
}

@test "hleg-new: a 16 MiB roster at main costs memory within the stated bound" {
	make_dossier "$D"
	cost "$T/tiny" "$RELEASE/hleg-new" -C "$D" --title T --work-area legal-measures \
	    --sector ITU-D --rapporteur m36 proposal >/dev/null
	"$TOP/bench/large" roster-valid >"$D/roster.xml"
	git_t -C "$D" commit -qam "A roster of 16 MiB"
	run cost "$T/big" "$RELEASE/hleg-new" -C "$D" --title T --work-area legal-measures \
	    --sector ITU-D --rapporteur m36 proposal
	[ "$status" -eq 1 ]	# its rules refuse it, once it is read whole
	within_stated hleg-new "$(size "$D/roster.xml")" "$T/big"
	[ "$(rss_of "$T/big")" -gt $(( $(rss_of "$T/tiny") + 16384 )) ]
}

# dossier_with FILE DIR: a dossier of the fixtures and FILE as
# documents/HLEG-P-2008-090.xml.
dossier_with() {
	make_dossier "$2"
	sed 's/HLEG-P-2008-900/HLEG-P-2008-090/' "$1" >"$2/documents/HLEG-P-2008-090.xml"
	git_t -C "$2" add documents
	git_t -C "$2" commit -qm "A dense draft"
}

@test "hleg-ls and hleg-log: a dossier holding the densest 16 MiB document costs memory in proportion, within the stated bound" {
	make_dossier "$T/tiny-d"
	dossier_with "$SMALL" "$T/small-d"
	dossier_with "$BIG" "$T/big-d"
	for r in tiny small big; do
		cost "$T/ls-$r" "$RELEASE/hleg-ls" -C "$T/$r-d" >/dev/null
		cost "$T/log-$r" "$RELEASE/hleg-log" -C "$T/$r-d" >/dev/null
	done
	scales hleg-ls "$T/ls-tiny" "$(size "$SMALL")" "$T/ls-small" "$(size "$BIG")" "$T/ls-big"
	within_stated hleg-ls "$(size "$BIG")" "$T/ls-big"
	# hleg-log reads no document: at most 32 MiB, as its page says.
	grep -q 'at most 32 MiB' man/hleg-log.1
	[ "$(rss_of "$T/log-big")" -le 32768 ]
	[ "$(rss_of "$T/log-big")" -le $(( $(rss_of "$T/log-tiny") + 2048 )) ]
}

@test "hleg-transition and hleg-verify: the densest document (with room for a step) costs memory in proportion, within the stated bound" {
	"$TOP/bench/large" dense $((16 * 1048576 - 65536)) >"$T/big.xml"
	"$TOP/bench/large" dense $((1048576 - 4096)) >"$T/small.xml"
	make_dossier "$T/tiny-d"
	dossier_with "$T/small.xml" "$T/small-d"
	dossier_with "$T/big.xml" "$T/big-d"
	for r in tiny small big; do
		id=HLEG-P-2008-090
		[ $r != tiny ] || id=HLEG-P-2008-004
		at 2008-04-11T10:00:00Z cost "$T/tr-$r" "$RELEASE/hleg-transition" -C "$T/$r-d" $id endorse --as m12 >/dev/null
		cost "$T/ve-$r" "$RELEASE/hleg-verify" -j 1 -C "$T/$r-d" >/dev/null
	done
	big=$(size "$T/big.xml")
	small=$(size "$T/small.xml")
	scales hleg-transition "$T/tr-tiny" "$small" "$T/tr-small" "$big" "$T/tr-big"
	within_stated hleg-transition "$big" "$T/tr-big"
	scales hleg-verify "$T/ve-tiny" "$small" "$T/ve-small" "$big" "$T/ve-big"
	within_stated hleg-verify "$big" "$T/ve-big"
}

@test "hleg-collect: memory in proportion to the collection it writes, within the stated multiple" {
	make_dossier "$T/tiny-d"
	dossier_with "$SMALL" "$T/small-d"
	dossier_with "$BIG" "$T/big-d"
	cost "$T/tiny" "$RELEASE/hleg-collect" -C "$T/tiny-d" HLEG-P-2008-004 >"$T/tiny.xml"
	cost "$T/small" "$RELEASE/hleg-collect" -C "$T/small-d" HLEG-P-2008-090 >"$T/small.xml"
	cost "$T/big" "$RELEASE/hleg-collect" -C "$T/big-d" HLEG-P-2008-090 >"$T/big.xml"
	# A collection of the densest document is larger than a document
	# may be, and is collected.
	[ "$(size "$T/big.xml")" -gt $((16 * 1048576)) ]
	scales hleg-collect "$T/tiny" "$(size "$T/small.xml")" "$T/small" "$(size "$T/big.xml")" "$T/big"
	within_stated hleg-collect "$(size "$T/big.xml")" "$T/big"
}

@test "hleg-collect: a document of the largest size, with its history, is collected, validated and briefed" {
	make_dossier "$D"
	f=$D/documents/HLEG-P-2008-090.xml
	"$TOP/bench/large" escaped 100000 | sed 's/HLEG-P-2008-900/HLEG-P-2008-090/' >"$f"
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "A draft"
	event() { at "$1" "$BIN/hleg-transition" -C "$D" HLEG-P-2008-090 "${@:2}" >/dev/null; }
	event 2008-04-11T10:00:00Z endorse --as m12
	event 2008-04-12T10:00:00Z endorse --as m30
	# Then it grows to 16 MiB, its workflow kept.  Each '>' of its text
	# is "&gt;" in the collection: four times the document's size.
	git -C "$D" show main:documents/HLEG-P-2008-090.xml |
	    sed -n '/<workflow/,/<\/workflow>/p' >"$T/workflow"
	[ "$(grep -c '<step ' "$T/workflow")" -eq 2 ]
	"$TOP/bench/large" escaped $((16 * 1048576 - 4096)) |
	    sed 's/HLEG-P-2008-900/HLEG-P-2008-090/' |
	    sed -e "/<workflow state=\"draft\"\/>/{r $T/workflow" -e 'd}' >"$f"
	git_t -C "$D" commit -qam "The draft, filled"
	[ "$(size "$f")" -le $((16 * 1048576)) ]
	[ "$(size "$f")" -gt $((16 * 1048576 - 8192)) ]
	"$BIN/hleg-collect" -C "$D" HLEG-P-2008-090 >"$T/out.xml"
	[ "$(size "$T/out.xml")" -gt $((60 * 1048576)) ]
	[ "$(grep -c '<event ' "$T/out.xml")" -eq 2 ]
	"$BIN/hleg-validate" -q --roster "$ROSTER" "$T/out.xml"
	"$BIN/hleg-brief" "$T/out.xml" >"$T/out.html"
	grep -q '&gt;&gt;&gt;' "$T/out.html"
}

@test "hleg-collect: a collection over 80 MiB is refused as soon as it passes, the documents after it unread" {
	make_dossier "$D"
	"$TOP/bench/large" escaped >"$T/e.xml"
	for n in 091 092 093 094; do
		sed "s/HLEG-P-2008-900/HLEG-P-2008-$n/" "$T/e.xml" >"$D/documents/HLEG-P-2008-$n.xml"
	done
	git_t -C "$D" add documents
	git_t -C "$D" commit -qm "Large drafts"
	# The second passes 80 MiB; HLEG-P-2008-099, which does not exist,
	# would be told of if it were read.
	run --separate-stderr cost "$T/cost" "$RELEASE/hleg-collect" -C "$D" \
	    HLEG-P-2008-091 HLEG-P-2008-092 HLEG-P-2008-099 HLEG-P-2008-093 HLEG-P-2008-094
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "hleg-collect: <collection>:0:0: error: the collection is larger than 80 MiB with HLEG-P-2008-092; it is refused: collect fewer documents at a time [HLEG-P002]" ]
	# Two documents' worth: the collection's 80 MiB and one document
	# read, never all five (the old hleg-collect kept every one).
	echo "peak: $(( $(rss_of "$T/cost") / 1024 )) MiB" >&2
	[ "$(rss_of "$T/cost")" -le $((256 * 1024)) ]
	# The sanitizer build refuses it the same way.
	run --separate-stderr "$BIN/hleg-collect" -C "$D" HLEG-P-2008-091 HLEG-P-2008-092 HLEG-P-2008-099
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"larger than 80 MiB with HLEG-P-2008-092"* ]]
}

# in_collection: the proposal on standard input as the one document of a
# collection.
in_collection() {
	sed -e '1s#^<?xml .*#&\n<collection xmlns="urn:hleg:1">#' \
	    -e 's#^<proposal xmlns="urn:hleg:1" #<proposal #'
	echo '</collection>'
}

@test "a collection may be 80 MiB; any other document larger than 16 MiB is refused at its root, unbuilt" {
	"$TOP/bench/large" escaped $((20 * 1048576)) >"$T/p.xml"
	in_collection <"$T/p.xml" >"$T/c.xml"
	"$BIN/hleg-validate" -q --roster "$ROSTER" "$T/c.xml"
	"$BIN/hleg-brief" "$T/c.xml" >"$T/c.html"
	grep -q '&gt;&gt;&gt;' "$T/c.html"
	# The proposal alone: refused, its 20 MiB read but nothing built.
	for prog in "hleg-validate -q" hleg-brief "hleg-brief -f text"; do
		run --separate-stderr cost "$T/cost" $RELEASE/$prog "$T/p.xml"
		[ "$status" -eq 1 ]
		[ "$stderr" = "${prog%% *}: $T/p.xml:0:0: error: the document is larger than 16 MiB; it is refused [HLEG-P002]" ]
		[ "$(rss_of "$T/cost")" -le $((64 * 1024)) ]
		run --separate-stderr $BIN/$prog "$T/p.xml"
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"larger than 16 MiB; it is refused [HLEG-P002]" ]]
	done
	# A collection of another namespace is not a collection.
	sed '2s#urn:hleg:1#urn:other:1#' "$T/c.xml" >"$T/other.xml"
	run --separate-stderr "$BIN/hleg-validate" -q "$T/other.xml"
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"larger than 16 MiB; it is refused [HLEG-P002]" ]]
	# Nor is a collection over 80 MiB read.
	"$TOP/bench/large" escaped $((81 * 1048576)) | in_collection >"$T/huge.xml"
	for prog in "hleg-validate -q" hleg-brief; do
		run --separate-stderr $BIN/$prog "$T/huge.xml"
		[ "$status" -eq 1 ]
		[[ "$stderr" == *"larger than 16 MiB; it is refused [HLEG-P002]" ]]
	done
}

@test "hleg-collect: the rosters of the history are read one at a time, however many" {
	make_dossier "$D"
	P=HLEG-P-2008-004
	"$TOP/bench/large" roster-valid $((4 * 1048576)) >"$T/r.xml"
	# versions ROSTERS: that many versions of a roster of 4 MiB, m12 named
	# N1, N2... in them, each followed by an event of m12's.
	versions() {
		for ((n = 1; n <= $1; n++)); do
			sed "s#<member id=\"m12\" \(.*\)<name>N</name>#<member id=\"m12\" \1<name>N$n</name>#" "$T/r.xml" >"$D/roster.xml"
			git_t -C "$D" commit -qam "Roster $n"
			git_t -C "$D" commit -q --allow-empty -m "endorse $P: $n" -m "HLEG-Document: $P
HLEG-Event: endorse
HLEG-State: draft -> draft
HLEG-Actor: m12"
		done
		cp "$ROSTER" "$D/roster.xml"
		git_t -C "$D" commit -qam "The roster again"
	}
	versions 1
	cost "$T/one" "$RELEASE/hleg-collect" -C "$D" $P >"$T/one.xml"
	versions 6
	cost "$T/seven" "$RELEASE/hleg-collect" -C "$D" $P >"$T/seven.xml"
	[ "$(grep -c '<event ' "$T/seven.xml")" -eq 7 ]
	[ "$(grep -o 'actor-name="N[0-9]*"' "$T/seven.xml" | tr '\n' ' ')" = 'actor-name="N1" actor-name="N1" actor-name="N2" actor-name="N3" actor-name="N4" actor-name="N5" actor-name="N6" ' ]
	# Seven rosters of 4 MiB cost what one costs (the old hleg-collect
	# kept each).
	echo "one roster: $(rss_of "$T/one") KiB, seven: $(rss_of "$T/seven") KiB" >&2
	[ "$(rss_of "$T/seven")" -le $(( $(rss_of "$T/one") + 16384 )) ]
}

@test "hleg-collect: a history that takes the collection over 80 MiB is refused with it" {
	make_dossier "$D"
	"$TOP/bench/large" escaped | sed 's/HLEG-P-2008-900/HLEG-P-2008-091/' >"$D/documents/HLEG-P-2008-091.xml"
	# fill BYTES: HLEG-P-2008-092 of about BYTES, committed; then the
	# size of the collection of both, with an empty history.
	fill() {
		"$TOP/bench/large" escaped "$1" | sed 's/HLEG-P-2008-900/HLEG-P-2008-092/' >"$D/documents/HLEG-P-2008-092.xml"
		git_t -C "$D" add documents
		git_t -C "$D" commit -qm "Drafts of $1"
		"$RELEASE/hleg-collect" -C "$D" HLEG-P-2008-091 HLEG-P-2008-092 | wc -c
	}
	limit=$((80 * 1048576))
	# Each byte of the proposal is about four in the collection: 80 KiB
	# short of the limit, then events of 300 bytes and more.
	s1=$(fill 1000000)
	b=$((1000000 + (limit - 81920 - s1) / 4))
	s=$(fill $b)
	b=$(awk -v b=$b -v s=$s -v s1=$s1 -v l=$((limit - 81920)) \
	    'BEGIN { printf "%d", b + (l - s) * (b - 1000000) / (s - s1) }')
	s=$(fill $b)
	echo "collection without a history: $s bytes" >&2
	[ "$s" -lt $((limit - 40000)) ]
	[ "$s" -gt $((limit - 120000)) ]
	for ((i = 0; i < 500; i++)); do
		git_t -C "$D" commit -q --allow-empty -m "endorse HLEG-P-2008-092: $i" -m "HLEG-Document: HLEG-P-2008-092
HLEG-Event: endorse
HLEG-State: draft -> draft
HLEG-Actor: m12"
	done
	run --separate-stderr "$BIN/hleg-collect" -C "$D" HLEG-P-2008-091 HLEG-P-2008-092
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$stderr" = "hleg-collect: <collection>:0:0: error: the collection is larger than 80 MiB with the history of its documents; it is refused: collect fewer documents at a time [HLEG-P002]" ]
}
