#!/usr/bin/env bats
# Fault injection: the writing programs killed at random moments, a full
# disk, a read-only dossier, stale locks, git gc and repack running beside
# transitions.  After each, git fsck and hleg-verify accept the dossier,
# no event is half-recorded, and the error told the user what happened
# and what to do.

load helpers

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

# kill_soon PID: SIGKILL after a random 0 to 40 ms to the process group
# that PID leads (start it with setsid), so that no child it forked goes
# on writing while the dossier is checked; returns when the group is gone.
kill_soon() {
	need ps
	sleep "0.0$((RANDOM % 40))" 2>/dev/null || sleep 0.01
	[ "$(ps -o pgid= -p "$1" 2>/dev/null | tr -d ' ')" = "$1" ] ||
	    ! kill -0 "$1" 2>/dev/null || { echo "$1 leads no process group"; return 1; }
	kill -9 -- "-$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
	for _ in $(seq 1 500); do
		group_alive "$1" || return 0
		sleep 0.01
	done
	echo "process group $1 outlived SIGKILL"
	return 1
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
