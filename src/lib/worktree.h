/*
 * worktree.h - in a dossier with a work tree on main, a document's file
 * and its index entry follow main: hleg-transition writes each event's
 * version to both, and mends what an interrupted transition left behind.
 *
 * A transition moves main first, then writes the file (whole, by
 * rename), then the index entry, made from that file.  Killed between
 * the move and the index, it leaves the entry, and perhaps the file, at
 * the version before its event: git shows a staged change that would
 * revert the event.  The entry is written after the file because an
 * entry's stat data must describe the file its blob was hashed from;
 * written first, it would describe the old file.  Both are written only
 * over the version the event began from, so neither a change made
 * meanwhile nor a newer event's version, written first by a transition
 * beside this one, is overwritten.
 *
 * What is left behind is brought forward only when it is proved to be
 * such a leftover (worktree_check).  Walk main's first-parent line back
 * from the tip: the run of event commits that hleg-transition made on
 * the document (one parent, the subject "EVENT ID: ...", HLEG trailers
 * naming the document, the document's file and nothing else changed),
 * interleaved with commits that leave the file as it is, and ending at
 * the first commit that changes it otherwise.  The versions of the file
 * before each event of the run are the versions a transition may have
 * left behind.  The index entry is stale when it is a plain file whose
 * blob is one of them, and the work tree's file (a plain file, never
 * followed) holds, byte for byte, one of them or main's version; or the
 * entry holds main's version and the file one of them.  Anything else is
 * someone's edit: it is left as it is, and worktree_edit_advice() says
 * how to keep or drop it.  The file is always hashed: its stat data,
 * which git trusts, can match an entry of other content (a racily clean
 * entry).  An index.lock that a killed writer left stops the mending.
 *
 * Several events back: each hleg-transition brings the document forward
 * before it records an event, so one killed transition leaves the entry
 * one event behind, however many events on other documents follow.
 * Transitions on the same document running at once, some killed, can
 * leave it further behind; since every version in the run differs from
 * main's only by steps the toolkit appended, the whole run is accepted.
 */
#ifndef HLEG_WORKTREE_H
#define HLEG_WORKTREE_H

#include <sys/stat.h>

#include <git2.h>

#include "dossier.h"

enum worktree_state {
	WORKTREE_ERROR = -1,	/* after a message */
	WORKTREE_CLEAN = 0,	/* the entry and the file hold main's version */
	WORKTREE_STALE,		/* left behind by interrupted transitions */
	WORKTREE_EDITED		/* someone's change: leave it be */
};

/* What kind of change is someone's, for the advice. */
enum worktree_edit {
	EDIT_FILE,		/* the file only; the index follows main */
	EDIT_STAGED,		/* the index, and the file is as staged */
	EDIT_BOTH,		/* the index, and the file otherwise */
	EDIT_ON_OLD		/* the file, over an index left behind */
};

struct worktree_check {
	enum worktree_state	 state;
	enum worktree_edit	 edit;		/* when EDITED */
	git_oid			 tip_blob;	/* main's version */
	git_oid			 index_blob;
	int			 index_behind;	/* the entry must move */
	int			 file_behind;	/* the file must be written */
	git_oid			 last;		/* the run's newest event */
	git_oid			 behind;	/* the event before which
						 * the oldest left stands */
	int			 events;	/* events from behind to last */
	struct stat		 st;		/* the file, as it was hashed */
};

/* Checks the file and index entry of path, the document id, against the
 * tip of main.  Returns the state (also in c->state), or WORKTREE_ERROR
 * after a message (also when the way to path is not safe). */
enum worktree_state worktree_check(struct dossier *d, const char *id,
	    const char *path, struct worktree_check *c);

/* Brings path forward to main's version as c, a STALE check, proved:
 * the file first, when it is behind, then the index entry; says so on
 * standard error.  Nothing is written when index.lock exists, or when
 * the file or the entry changed since the check.  Returns 0, or -1
 * after a message. */
int	worktree_bring_forward(struct dossier *d, const char *path,
	    const struct worktree_check *c);

/* How to keep or drop someone's change to path, c an EDITED check, as
 * the text of a refusal (malloc'd). */
char	*worktree_edit_advice(const char *path, const struct worktree_check *c);

/* Makes the file of path hold data, the blob of path in a commit whose
 * parent is parent and to which main has just moved, and its index entry
 * follow.  Only when both still hold path's version at parent: someone
 * else's change, or a newer event's version written by a transition
 * beside this one, is left as it is.  Returns 0; 1, after a message,
 * when that left them as they were; -1 after a message. */
int	worktree_checkout(struct dossier *d, git_commit *parent,
	    const char *path, const char *data, size_t len);

#endif
