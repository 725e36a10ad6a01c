#!/usr/bin/env bats
# The cost of the business rules and of the central dossier's gate grows
# in proportion to their input: each shape of bench/large that once made
# a rule quadratic, at the 16 MiB input limit, costs per byte at most
# SLACK times what the same shape costs at 1 MiB.  Quadratic code would
# cost 16 times as much per byte.  Ratios of CPU time measured in one
# run, never a clock: "make bench" has the absolute figures.

load helpers

setup() {
	cost_test
}

SMALL=1048576
BIG=16777216
SLACK=3

# judged: the status of a program that judged its input, valid or not;
# one stopped at its CPU cap (SIGXCPU, or SIGKILL at the hard limit)
# is left for no_worse_per_byte to report.
judged() {
	case $status in
	0|1) ;;
	152|137) echo "stopped at its CPU cap" >&2 ;;
	*) echo "$output" | head; return 1 ;;
	esac
}

# validate_cost SHAPE: the rules and schemas over SHAPE, small and big.
validate_cost() {
	local shape=$1 small=$BATS_TEST_TMPDIR/small.xml big=$BATS_TEST_TMPDIR/big.xml
	"$TOP/bench/large" "$shape" $SMALL >"$small"
	"$TOP/bench/large" "$shape" $BIG >"$big"
	run cost "$BATS_TEST_TMPDIR/small.cost" "$BIN/hleg-validate" -q "$small"
	judged
	cap=$(cpu_cap "$(stat -c %s "$small")" "$(cpu_of "$BATS_TEST_TMPDIR/small.cost")" \
	    "$(stat -c %s "$big")" $SLACK)
	run cost -c "$cap" "$BATS_TEST_TMPDIR/big.cost" "$BIN/hleg-validate" -q "$big"
	judged
	no_worse_per_byte "hleg-validate $shape" \
	    "$(stat -c %s "$small")" "$(cpu_of "$BATS_TEST_TMPDIR/small.cost")" \
	    "$(stat -c %s "$big")" "$(cpu_of "$BATS_TEST_TMPDIR/big.cost")" $SLACK
}

@test "rules over recommendations numbered apart cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost recs-valid
}

@test "rules over recommendation numbers repeated (HLEG-R003) cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost recs
}

@test "rules over one recommendation number repeated (HLEG-R003) cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost recs-same
}

@test "rules over a workflow record of endorse steps cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost steps
}

@test "rules over placeholder paragraphs (HLEG-R038) cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost paras
}

@test "rules over sections nested to the limit cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost deep
}

@test "rules over a collection of small proposals cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost collection
}

@test "rules over a roster of one repeated member cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost roster
}

@test "rules over a roster of distinct Member States cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost roster-valid
}

@test "rules over a workflow definition of many states cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost workflow
}

@test "rules over a workflow definition of one repeated state cost the same per byte at 16 MiB as at 1 MiB" {
	validate_cost workflow-dup
}

# The gate is hleg-verify --pre-receive as git runs it in the central
# dossier: the pushed objects are in the repository but no ref reaches
# them, and the hook reads "OLD NEW REF" on standard input.

# gate_setup: a central dossier $B and a clone $W of it.
gate_setup() {
	B=$BATS_TEST_TMPDIR/central.git
	W=$BATS_TEST_TMPDIR/work
	rm -rf "$B" "$W"
	"$BIN/hleg-init" --bare --roster "$TOP/fixtures/dossier/roster.xml" "$B" >/dev/null
	git clone -q "$B" "$W" 2>/dev/null
}

# gate_judge FILE [CAP]: the hook judges what $W's main brings over $B's; its
# cost goes to FILE and its status and messages to $status and $output;
# $pushed is the size in bytes of the objects the push brings.  CAP is
# the hook's CPU limit (cpu_cap).
gate_judge() {
	local old new before
	old=$(git -C "$B" rev-parse main)
	before=$(git -C "$B" count-objects -v | awk '/^size(-pack)?:/ { s += $2 } END { print s }')
	git -C "$B" fetch -q "$W" main:refs/incoming
	git -C "$B" repack -q -d
	new=$(git -C "$B" rev-parse refs/incoming)
	git -C "$B" update-ref -d refs/incoming
	pushed=$(git -C "$W" rev-list --objects "$old..$new" | cut -d' ' -f1 |
	    git -C "$W" cat-file --batch-check='%(objectsize)' | awk '{ s += $1 } END { print s }')
	run cost ${2:+-c "$2"} "$1" env -C "$B" "$BIN/hleg-verify" --pre-receive <<<"$old $new refs/heads/main"
	judged
}

# gate_cost SHAPE: the gate judging one commit that adds a document of
# SHAPE, small and big.
gate_cost() {
	local shape=$1 small_bytes small_cpu cap=
	for size in $SMALL $BIG; do
		gate_setup
		"$TOP/bench/large" "$shape" "$size" >"$W/documents/HLEG-P-2008-900.xml"
		git -C "$W" add documents
		as m36 -C "$W" commit -qm "A large draft"
		[ "$size" = $BIG ] && cap=$(cpu_cap "$small_bytes" "$small_cpu" \
		    "$(stat -c %s "$W/documents/HLEG-P-2008-900.xml")" $SLACK)
		gate_judge "$BATS_TEST_TMPDIR/$size.cost" $cap
		[ "$size" = $SMALL ] && small_bytes=$pushed small_cpu=$(cpu_of "$BATS_TEST_TMPDIR/$size.cost")
	done
	no_worse_per_byte "the gate, $shape" "$small_bytes" "$small_cpu" \
	    "$pushed" "$(cpu_of "$BATS_TEST_TMPDIR/$BIG.cost")" $SLACK
}

@test "the gate costs the same per pushed byte for a 16 MiB draft as for a 1 MiB one" {
	gate_cost recs-valid
	[ "$status" -eq 0 ]
}

@test "the gate costs the same per pushed byte for 16 MiB of placeholder paragraphs as for 1 MiB" {
	gate_cost paras
	[ "$status" -eq 0 ]
}

@test "the gate costs the same per pushed byte for 16 MiB of repeated recommendation numbers (refused) as for 1 MiB" {
	gate_cost recs
	[ "$status" -eq 1 ]
	[[ $output == *"[HLEG-R003]"* ]]
}

@test "the gate costs the same per pushed byte for 16 MiB of forged steps (refused) as for 1 MiB" {
	gate_cost steps
	[ "$status" -eq 1 ]
	[[ $output == *"[HLEG-V007]"* ]]
}

@test "the gate costs the same per pushed byte for sections nested to the limit, 16 MiB as 1 MiB" {
	gate_cost deep
	[ "$status" -eq 1 ]
}

@test "the gate costs the same per commit for the 10,000 commits a push may bring as for 625" {
	gate_setup
	empty_commits "$W" 625
	gate_judge "$BATS_TEST_TMPDIR/small.cost"
	[ "$status" -eq 0 ]
	gate_setup
	empty_commits "$W" 10000
	gate_judge "$BATS_TEST_TMPDIR/big.cost" "$(cpu_cap 625 "$(cpu_of "$BATS_TEST_TMPDIR/small.cost")" 10000 $SLACK)"
	[ "$status" -eq 0 ]
	no_worse_per_byte "the gate, commits" 625 "$(cpu_of "$BATS_TEST_TMPDIR/small.cost")" \
	    10000 "$(cpu_of "$BATS_TEST_TMPDIR/big.cost")" $SLACK
}

@test "the gate costs the same per file for the 10,000 files a push may change as for 625" {
	gate_setup
	drafts "$W" 625
	gate_judge "$BATS_TEST_TMPDIR/small.cost"
	[ "$status" -eq 0 ]
	gate_setup
	drafts "$W" 10000
	gate_judge "$BATS_TEST_TMPDIR/big.cost" "$(cpu_cap 625 "$(cpu_of "$BATS_TEST_TMPDIR/small.cost")" 10000 $SLACK)"
	[ "$status" -eq 0 ]
	no_worse_per_byte "the gate, files" 625 "$(cpu_of "$BATS_TEST_TMPDIR/small.cost")" \
	    10000 "$(cpu_of "$BATS_TEST_TMPDIR/big.cost")" $SLACK
}
