#!/usr/bin/env bats
# Fault injection: the writing programs killed at random moments, a full
# disk, a read-only dossier, stale locks, git gc and repack running beside
# transitions.  After each, git fsck and hleg-verify accept the dossier,
# no event is half-recorded, and the error told the user what happened
# and what to do.

load helpers
bats_require_minimum_version 1.5.0

ROSTER=$TOP/fixtures/dossier/roster.xml
P=HLEG-P-2008-001

# sound DIR: git fsck finds nothing and hleg-verify is clean.
sound() {
	run git -C "$1" fsck --strict --no-dangling
	[ "$status" -eq 0 ] || { echo "fsck: $output"; return 1; }
	run "$BIN/hleg-verify" -C "$1"
	[ "$status" -eq 0 ] || { echo "verify: $output"; return 1; }
}

# group_alive PGID: whether a process of group PGID lives (zombies,
# which a container's init may never reap, do not count).
group_alive() {
	local f stat rest
	for f in /proc/[0-9]*/stat; do
		read -r stat 2>/dev/null <"$f" || continue
		rest=${stat##*) }	# state ppid pgrp ..., after the name
		read -r -a rest <<<"$rest"
		[ "${rest[2]}" = "$1" ] && [ "${rest[0]}" != Z ] && return 0
	done
	return 1
}

# kill_soon PID [MIN MAX]: SIGKILL, a random MIN to MAX ms (0 to 40 by
# default) after the call, to the process group that PID leads (start it
# with setsid), so that no child it forked goes on writing while the
# dossier is checked; returns when the group is gone.  Nothing it does
# before the kill forks but sleep, so the instant is the one drawn.
kill_soon() {
	local start=${EPOCHREALTIME//[!0-9]/} min=${2:-0} max=${3:-40} us
	us=$(( (min + RANDOM % (max - min + 1)) * 1000 -
	    (${EPOCHREALTIME//[!0-9]/} - start) ))
	[ "$us" -le 0 ] || sleep "$((us / 1000000)).$(printf %06d $((us % 1000000)))"
	# setsid(1) makes its group first thing; a kill sooner would miss.
	for _ in $(seq 1 100); do
		leads_group "$1" && break
		sleep 0.001
	done
	leads_group "$1" || ! kill -0 "$1" 2>/dev/null ||
	    { echo "$1 leads no process group"; return 1; }
	kill -9 -- "-$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	for _ in $(seq 1 500); do
		group_alive "$1" || return 0
		sleep 0.01
	done
	echo "process group $1 outlived SIGKILL"
	return 1
}

# leads_group PID: whether PID leads its process group.
leads_group() {
	local stat rest
	read -r stat 2>/dev/null </proc/"$1"/stat || return 1
	rest=${stat##*) }
	read -r -a rest <<<"$rest"
	[ "${rest[2]}" = "$1" ]
}

@test "SIGKILL of hleg-init at random moments: the dossier is whole or absent" {
	for i in $(seq 1 30); do
		D=$BATS_TEST_TMPDIR/d$i
		bare=
		[ $((i % 2)) -eq 0 ] && bare=--bare
		setsid "$BIN/hleg-init" $bare --roster "$ROSTER" "$D" >/dev/null 2>&1 &
		kill_soon $!
		if [ -e "$D" ]; then
			[ "$(git -C "$D" rev-parse --verify -q main)" ] ||
			    { echo "$D is there but has no main"; return 1; }
			sound "$D"
			[ -z "$bare" ] || [ -x "$D/hooks/pre-receive" ]
		else
			# Nothing in the way: the same command makes it.
			run "$BIN/hleg-init" $bare --roster "$ROSTER" "$D"
			[ "$status" -eq 0 ]
			sound "$D"
		fi
	done
}

@test "SIGKILL of hleg-init --clone at random moments: the clone is whole or absent" {
	make_dossier "$BATS_TEST_TMPDIR/central.git" --bare
	for i in $(seq 1 20); do
		C=$BATS_TEST_TMPDIR/c$i
		setsid "$BIN/hleg-init" --clone "$BATS_TEST_TMPDIR/central.git" "$C" >/dev/null 2>&1 &
		kill_soon $!
		if [ -e "$C" ]; then
			sound "$C"
			[ -f "$C/documents/$P.xml" ]
			git -C "$C" config diff.hleg.textconv >/dev/null
		else
			run "$BIN/hleg-init" --clone "$BATS_TEST_TMPDIR/central.git" "$C"
			[ "$status" -eq 0 ]
		fi
	done
}

@test "SIGKILL of hleg-transition --batch at random moments: every event whole or absent" {
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	for i in $(seq 1 15); do
		# A batch of endorsements by members who are no rapporteur.
		for m in 12 30 40; do
			for id in HLEG-P-2008-001 HLEG-P-2008-003 HLEG-P-2008-005; do
				printf '%s\tendorse\tm%s\n' "$id" "$m"
			done
		done >"$BATS_TEST_TMPDIR/batch"
		setsid "$BIN/hleg-transition" -C "$D" --batch <"$BATS_TEST_TMPDIR/batch" >/dev/null 2>&1 &
		kill_soon $!
		# A lock left by the killed writer is reported, with what to do.
		if [ -e "$D/.git/refs/heads/main.lock" ]; then
			run "$BIN/hleg-transition" -C "$D" HLEG-P-2008-002 endorse --as m12
			[ "$status" -eq 2 ]
			echo "$output" | grep -q "main.lock exists, so main cannot move"
			echo "$output" | grep -q "remove $D/.git/refs/heads/main.lock and try again"
			rm -f "$D/.git/refs/heads/main.lock"
		fi
		rm -f "$D/.git/index.lock"
		sound "$D"
	done
}

@test "SIGKILL of hleg-transition at random moments, 40 times, with a work tree: the next event on the document brings it up to date" {
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	# The instants are drawn from the second half of an uninterrupted
	# run (the shortest of three) and a little after, where main moves
	# and the work tree and the index follow it.
	ms=
	for m in m12 m30 m33; do
		t0=$(date +%s%N)
		"$BIN/hleg-transition" -C "$D" HLEG-P-2008-001 endorse --as $m >/dev/null
		t=$(( ($(date +%s%N) - t0) / 1000000 ))
		[ -n "$ms" ] && [ "$ms" -le "$t" ] || ms=$t
	done
	kills=0 recorded=0 behind=0 locks=0
	# Ten members who are no rapporteur of the four documents: each
	# pair is one event, killed once, then recorded or found recorded.
	for m in m39 m40 m41 m43 m44 m45 m46 m48 m49 m50; do
		for id in HLEG-P-2008-001 HLEG-P-2008-002 HLEG-P-2008-003 HLEG-P-2008-004; do
			before=$(git -C "$D" rev-parse main)
			setsid "$BIN/hleg-transition" -C "$D" $id endorse --as $m >/dev/null 2>&1 &
			kill_soon $! $((ms / 2)) $((ms + 5))
			kills=$((kills + 1))
			# Locks the kill left are reported with what to do;
			# doing it is all it takes.
			if [ -e "$D/.git/refs/heads/main.lock" ]; then
				run "$BIN/hleg-transition" -C "$D" $id endorse --as $m
				[ "$status" -eq 2 ]
				[[ "$output" == *"main.lock exists, so main cannot move"*"remove $D/.git/refs/heads/main.lock and try again"* ]]
				rm "$D/.git/refs/heads/main.lock"
			fi
			if [ -e "$D/.git/index.lock" ]; then
				run "$BIN/hleg-transition" -C "$D" $id endorse --as $m
				[ "$status" -eq 2 ]
				[[ "$output" == *"documents/$id.xml: stands at the version before commit $(git -C "$D" rev-parse --short=7 main), whose event an interrupted transition recorded, and cannot be brought up to date: $D/.git/index.lock exists; if no git is running on the dossier, remove it and try again"* ]]
				[[ "${lines[1]}" == "hleg-transition: nothing was recorded" ]]
				rm "$D/.git/index.lock"
				locks=$((locks + 1))
			fi
			killed=$(git -C "$D" rev-parse --short=7 main)
			[ "$(git -C "$D" rev-parse main)" = "$before" ] || recorded=$((recorded + 1))
			# The same event again: recorded now, or refused
			# because the killed run recorded it.
			run --separate-stderr "$BIN/hleg-transition" -C "$D" $id endorse --as $m
			case $status in
			0)	[[ "$output" == "endorse $id: draft -> draft ["*"]" ]]
				[ "$(git -C "$D" rev-parse main~1)" = "$before" ] ;;
			1)	[ "$(git -C "$D" rev-parse main)" != "$before" ]
				[[ "$stderr" == *"error: $m has already endorsed this version"*"[HLEG-W013]" ]] ;;
			*)	echo "$stderr"; return 1 ;;
			esac
			if [[ "$stderr" == *"brought up to date"* ]]; then
				[ "${stderr%%$'\n'*}" = "hleg-transition: documents/$id.xml: brought up to date with commit $killed, whose event an interrupted transition recorded" ]
				behind=$((behind + 1))
			fi
			[ -z "$(git -C "$D" status --porcelain)" ]
			[ "$(git -C "$D" log --format='%(trailers:key=HLEG-Document,valueonly,separator=) %(trailers:key=HLEG-Actor,valueonly,separator=)' main | grep -c "^$id $m\$")" -eq 1 ]
			sound "$D"
		done
	done
	echo "# $kills kills: $recorded recorded the event, $behind left the document behind and the next event brought it up to date, $locks left index.lock" >&3
}

need_strace() {
	need strace
	strace -o /dev/null true 2>/dev/null || skip "strace cannot trace here"
}

# traced_at CALL PATH INJECT CMD...: CMD under strace, which does INJECT
# (as strace -e inject=CALL:INJECT) when CMD enters CALL on PATH, in the
# background; its trace goes to $BATS_TEST_TMPDIR/trace.  LeakSanitizer
# cannot work under ptrace.
traced_at() {
	local call=$1 path=$2 inject=$3
	shift 3
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
	    strace -f -qq -o "$BATS_TEST_TMPDIR/trace" -P "$path" \
	    -e trace="$call" -e inject="$call:$inject" "$@"
}

# stopped: waits until the command that traced_at stops with SIGSTOP has
# stopped, and prints its pid.
stopped() {
	local pid
	for _ in $(seq 1 1000); do
		pid=$(awk '/--- stopped by SIGSTOP ---/ { print $1; exit }' "$BATS_TEST_TMPDIR/trace" 2>/dev/null)
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.01
	done
	echo "the command never stopped" >&2
	return 1
}

# resume PID JOB: lets PID, stopped, go on until JOB ends.
resume() {
	while kill -CONT "$1" 2>/dev/null; do
		kill -0 "$2" 2>/dev/null || break
		sleep 0.01
	done
	wait "$2"
}

@test "SIGKILL after main moved: before the file, before the index, with index.lock made; the next event brings the document up to date" {
	need_strace
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	# killed_at ID CALL PATH [ERROR]: the endorsement of ID by m12 is
	# recorded, and hleg-transition killed as it enters CALL on PATH.
	killed_at() {
		run traced_at "$2" "$3" "${4:+error=$4:}signal=KILL" \
		    "$BIN/hleg-transition" -C "$D" "$1" endorse --as m12
		[ "$status" -eq 137 ]
		[ "$(trailer "$D" HLEG-Document)" = "$1" ]
		[ "$(trailer "$D" HLEG-Actor)" = m12 ]
		E=$(git -C "$D" rev-parse --short=7 main)
	}
	brought_forward() {
		run --separate-stderr "$BIN/hleg-transition" -C "$D" "$1" endorse --as m30
		echo "$stderr"
		[ "$status" -eq 0 ]
		[ "$stderr" = "hleg-transition: documents/$1.xml: brought up to date with commit $E, whose event an interrupted transition recorded" ]
		[ -z "$(git -C "$D" status --porcelain)" ]
		sound "$D"
	}
	# The checkout begins by clearing the git directory of temporary
	# files that killed runs left: killed there, nothing follows main.
	killed_at HLEG-P-2008-001 openat "$D/.git/"
	[ "$(git -C "$D" status --porcelain)" = "M  documents/HLEG-P-2008-001.xml" ]
	brought_forward HLEG-P-2008-001
	# The file follows, not yet the index.
	killed_at HLEG-P-2008-002 openat "$D/.git/index.lock" EIO
	[ "$(git -C "$D" status --porcelain)" = "MM documents/HLEG-P-2008-002.xml" ]
	[ ! -e "$D/.git/index.lock" ]
	brought_forward HLEG-P-2008-002
	# The new index written, not yet renamed into place: the lock is
	# left, named with what to do, and nothing is written until then.
	killed_at HLEG-P-2008-003 rename "$D/.git/index.lock"
	[ -e "$D/.git/index.lock" ]
	before=$(fingerprint "$D")
	run --separate-stderr "$BIN/hleg-transition" -C "$D" HLEG-P-2008-003 endorse --as m30
	[ "$status" -eq 2 ]
	[ "${stderr_lines[0]}" = "hleg-transition: $D: documents/HLEG-P-2008-003.xml: stands at the version before commit $E, whose event an interrupted transition recorded, and cannot be brought up to date: $D/.git/index.lock exists; if no git is running on the dossier, remove it and try again" ]
	[ "${stderr_lines[1]}" = "hleg-transition: nothing was recorded" ]
	[ "$(fingerprint "$D")" = "$before" ]
	rm "$D/.git/index.lock"
	brought_forward HLEG-P-2008-003
}

@test "a change made to the document while its event is recorded is left as it is, and the next event says how to keep or drop it" {
	need_strace
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	F=$D/documents/$P.xml
	# Stopped as main moves, after the document was found clean.
	traced_at rename "$D/.git/refs/heads/main.lock" signal=STOP \
	    "$BIN/hleg-transition" -C "$D" $P endorse --as m12 >"$BATS_TEST_TMPDIR/out" 2>&1 &
	job=$!
	pid=$(stopped)
	echo "<!-- edited -->" >>"$F"
	resume "$pid" "$job"
	cat "$BATS_TEST_TMPDIR/out"
	[ "$(sed -n 1p "$BATS_TEST_TMPDIR/out")" = "hleg-transition: the event is recorded; documents/$P.xml changed while it was recorded and is left as it is: the next hleg-transition on it brings it up to date, or says what to do" ]
	[[ "$(sed -n 2p "$BATS_TEST_TMPDIR/out")" == "endorse $P: draft -> draft ["*"]" ]]
	[ "$(trailer "$D" HLEG-Actor)" = m12 ]
	[ "$(tail -1 "$F")" = "<!-- edited -->" ]
	# The index is as the event found it: the edit is over it.
	[ "$(git -C "$D" rev-parse :documents/$P.xml)" = "$(git -C "$D" rev-parse main~1:documents/$P.xml)" ]
	before=$(fingerprint "$D")
	run "$BIN/hleg-transition" -C "$D" $P endorse --as m30
	[ "$status" -eq 1 ]
	[[ "$output" == *"error: the file has changes that are not committed, over an index that an interrupted transition left at the version before commit $(git -C "$D" rev-parse --short=7 main): "*"[HLEG-W020]" ]]
	[ "$(fingerprint "$D")" = "$before" ]
}

@test "a change made while a document left behind is brought up to date is left as it is" {
	need_strace
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	F=$D/documents/$P.xml
	"$BIN/hleg-transition" -C "$D" $P endorse --as m12 >/dev/null
	git -C "$D" checkout main~1 -- documents/$P.xml
	main=$(git -C "$D" rev-parse main)
	# Stopped as the file is about to be written, after it was proved
	# left behind.
	traced_at openat "$D/.git/" signal=STOP \
	    "$BIN/hleg-transition" -C "$D" $P endorse --as m30 >"$BATS_TEST_TMPDIR/out" 2>&1 &
	job=$!
	pid=$(stopped)
	echo "<!-- edited -->" >>"$F"
	status=0
	resume "$pid" "$job" || status=$?
	cat "$BATS_TEST_TMPDIR/out"
	[ "$status" -eq 2 ]
	# (strace says how it took the path with a slash.)
	[ "$(grep -v '^strace: ' "$BATS_TEST_TMPDIR/out")" = "hleg-transition: documents/$P.xml: changed while it was checked; it is left as it is: try again
hleg-transition: nothing was recorded" ]
	[ "$(git -C "$D" rev-parse main)" = "$main" ]
	[ "$(tail -1 "$F")" = "<!-- edited -->" ]
	[ "$(git -C "$D" status --porcelain)" = "MM documents/$P.xml" ]
}

@test "temporary files that killed transitions left in the git directory are removed; one that a running transition holds is not" {
	need flock
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	echo partial >"$D/.git/hleg-checkout-999999-0.tmp"
	echo partial >"$D/.git/hleg-checkout-999999-1.tmp"
	echo writing >"$D/.git/hleg-checkout-999998-0.tmp"
	flock -o "$D/.git/hleg-checkout-999998-0.tmp" sleep 60 &
	holder=$!
	for _ in $(seq 1 500); do
		flock -n "$D/.git/hleg-checkout-999998-0.tmp" true || break
		sleep 0.01
	done
	run "$BIN/hleg-transition" -C "$D" $P endorse --as m12
	kill "$holder"
	wait "$holder" || true
	[ "$status" -eq 0 ]
	[ "$(cd "$D/.git" && ls hleg-*)" = "hleg-checkout-999998-0.tmp" ]
	[ -z "$(git -C "$D" status --porcelain)" ]
}

@test "SIGKILL of the pre-receive hook: the push is refused or accepted whole" {
	B=$BATS_TEST_TMPDIR/central.git
	W=$BATS_TEST_TMPDIR/w
	make_dossier "$B" --bare
	git clone -q "$B" "$W"
	for i in $(seq 1 8); do
		for id in HLEG-P-2008-001 HLEG-P-2008-003 HLEG-P-2008-005 HLEG-P-2008-007; do
			"$BIN/hleg-transition" -C "$W" "$id" endorse --as "m$((11 + i))" >/dev/null 2>&1 || true
		done
		before=$(git -C "$B" rev-parse main)
		git -C "$W" push -q origin main >/dev/null 2>&1 &
		push=$!
		need pgrep
		for t in $(seq 1 200); do
			# This test's hook only: git runs it in the central
			# dossier, and other dossiers' hooks may be running on
			# the machine.
			pid=$(for p in $(pgrep -f "hleg-verify --pre-receive"); do
				[ "$(readlink "/proc/$p/cwd")" = "$B" ] && echo "$p"
			done | head -1)
			[ -n "$pid" ] && { kill -9 "$pid" 2>/dev/null || true; break; }
			kill -0 "$push" 2>/dev/null || break
			sleep 0.005
		done
		wait "$push" || true
		after=$(git -C "$B" rev-parse main)
		[ "$after" = "$before" ] || [ "$after" = "$(git -C "$W" rev-parse main)" ]
		sound "$B"
	done
}

@test "a full disk during a commit: nothing is recorded, and the message says what to do" {
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	before=$(fingerprint "$D")
	# Files may not grow past 1 KiB: the new objects cannot be written.
	run bash -c "trap '' XFSZ; ulimit -f 1; '$BIN/hleg-transition' -C '$D' $P endorse --as m12"
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "cannot write the commit: .*File too large; nothing was recorded: make room on the disk"
	[ "$(fingerprint "$D")" = "$before" ]
	sound "$D"
	run "$BIN/hleg-transition" -C "$D" $P endorse --as m12
	[ "$status" -eq 0 ]
	sound "$D"
	# hleg-init makes nothing half.
	run bash -c "trap '' XFSZ; ulimit -f 1; '$BIN/hleg-init' --roster '$ROSTER' '$BATS_TEST_TMPDIR/new'"
	[ "$status" -eq 2 ]
	[ ! -e "$BATS_TEST_TMPDIR/new" ]
	! ls -d "$BATS_TEST_TMPDIR"/new.hleg-init-* 2>/dev/null
}

@test "a full file system (tmpfs) during a commit: nothing is recorded" {
	M=$BATS_TEST_TMPDIR/small
	mkdir "$M"
	mount -t tmpfs -o size=4m tmpfs "$M" 2>/dev/null || skip "cannot mount a tmpfs here"
	make_dossier "$M/d"
	before=$(fingerprint "$M/d")
	dd if=/dev/zero of="$M/fill" bs=4k 2>/dev/null || true
	run "$BIN/hleg-transition" -C "$M/d" $P endorse --as m12
	status_full=$status
	output_full=$output
	after=$(fingerprint "$M/d")
	rm -f "$M/fill"
	sound "$M/d" || { umount "$M"; return 1; }
	umount "$M"
	[ "$status_full" -eq 2 ]
	echo "$output_full" | grep -q "nothing was recorded"
	[ "$after" = "$before" ]
}

@test "a read-only dossier: refused with the reason, nothing changed, reading still works" {
	need setpriv
	R=$(mktemp -d /tmp/hleg-ro.XXXXXX)
	chmod 755 "$R"
	make_dossier "$R/d"
	chown -R 65534:65534 "$R/d"
	chmod -R a-w "$R/d"
	before=$(fingerprint "$R/d")
	nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME="$R" "$@"; }
	run nobody "$BIN/hleg-transition" -C "$R/d" $P endorse --as m12
	[ "$status" -eq 2 ]
	echo "$output" | grep -q "Permission denied"
	echo "$output" | grep -q "nothing was recorded"
	[ "$(fingerprint "$R/d")" = "$before" ]
	run nobody "$BIN/hleg-verify" -C "$R/d"
	[ "$status" -eq 0 ]
	run nobody "$BIN/hleg-ls" -C "$R/d"
	[ "$status" -eq 0 ]
	chmod -R u+w "$R/d"
	rm -rf "$R"
}

@test "a stale index.lock: the event is recorded and the work tree's catch-up is explained" {
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	: >"$D/.git/index.lock"
	run "$BIN/hleg-transition" -C "$D" $P endorse --as m12
	echo "$output" | grep -q "index.lock"
	echo "$output" | grep -q "the event is recorded; bring the work tree up to date with: git checkout HEAD -- documents/$P.xml"
	rm "$D/.git/index.lock"
	git -C "$D" checkout HEAD -- "documents/$P.xml"
	[ -z "$(git -C "$D" status --porcelain)" ]
	sound "$D"
}

@test "git gc and git repack beside transitions: every event recorded once, the dossier sound" {
	D=$BATS_TEST_TMPDIR/d
	make_dossier "$D"
	(
		while [ ! -e "$BATS_TEST_TMPDIR/stop" ]; do
			git -C "$D" gc -q 2>/dev/null
			git -C "$D" repack -a -d -q 2>/dev/null
		done
	) &
	gc=$!
	n=0
	# Enough events that a commit removed by gc before main points at
	# it (git-gc(1), NOTES) is met in most runs without the rewrite.
	for m in $(seq 12 50); do
		for id in HLEG-P-2008-001 HLEG-P-2008-002 HLEG-P-2008-003 HLEG-P-2008-004; do
			"$BIN/hleg-transition" -C "$D" "$id" endorse --as "m$m" >/dev/null 2>"$BATS_TEST_TMPDIR/err" ||
			    { cat "$BATS_TEST_TMPDIR/err" >>"$BATS_TEST_TMPDIR/refusals"; grep -q ' is a rapporteur.*\[HLEG-W005\]$' "$BATS_TEST_TMPDIR/err" || { cat "$BATS_TEST_TMPDIR/err"; touch "$BATS_TEST_TMPDIR/stop"; wait $gc; return 1; }; continue; }
			n=$((n + 1))
		done
	done
	touch "$BATS_TEST_TMPDIR/stop"
	wait $gc
	echo "$n events; refused: $(grep -o "\[HLEG-W[0-9]*\]" "$BATS_TEST_TMPDIR/refusals" | sort | uniq -c | tr -s " \n" " ")" >&3
	[ "$(git -C "$D" rev-list --count main)" -eq $((n + 2)) ]
	[ "$(git -C "$D" log --format=%s main | grep -c '^endorse ')" -eq "$n" ]
	[ -z "$(git -C "$D" status --porcelain)" ]
	sound "$D"
}
