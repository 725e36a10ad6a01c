/*
 * dossier.h - a dossier is a git repository on branch main; this module
 * reads it and records commits on it, with libgit2 only.
 *
 * Reading is always from the tip of refs/heads/main (or a given
 * revision), never from the work tree.  Recording is: write the blob, the
 * tree and the commit (fsynced), then move refs/heads/main from the tip
 * that was read to the new commit by compare-and-swap, so that of two
 * writers neither loses an event: the second sees DOSSIER_MOVED, re-reads
 * and tries again.
 */
#ifndef HLEG_DOSSIER_H
#define HLEG_DOSSIER_H

#include <git2.h>

#include "source.h"

#define DOSSIER_BRANCH "refs/heads/main"

struct dossier {
	git_repository	*repo;
	char		*name;		/* the directory, for messages */
};

enum dossier_status {
	DOSSIER_OK = 0,
	DOSSIER_ERROR = -1,	/* dossier_error() tells why */
	DOSSIER_MOVED = -2,	/* the branch is not where it was read */
	DOSSIER_LOCKED = -3,	/* a .lock file stands in the way */
	DOSSIER_GONE = -4	/* the new commit was removed (by git gc)
				 * before the branch could point at it */
};

/* Initialises libgit2 with fsync of everything written to the git
 * directory.  Once per process, before threads. */
void	dossier_library_init(void);
void	dossier_library_shutdown(void);

/* The last libgit2 error of this thread, or "unknown error". */
const char	*dossier_error(void);

/* Whether the root tree, and for a path under documents/ the documents/
 * tree, is as git writes trees (treediff_malformed): -1, with
 * git_error_last() saying why, when it is not; else 0.  A malformed tree
 * is read differently by git and libgit2 (a name twice, out of order, a
 * mode libgit2 normalises), so nothing is read from it. */
int	dossier_tree_malformed(struct dossier *d, git_tree *root,
	    const char *path);

/* Opens the dossier at dir, or the repository around the current
 * directory when dir is NULL.  Returns 0, or -1 after a message. */
int	dossier_open(struct dossier *d, const char *dir);
void	dossier_close(struct dossier *d);

/* Opens the repository around the current directory, when there is one.
 * Returns 0; 1, with no message, when no repository is around; or -1
 * after a message (one another user owns, one that cannot be read). */
int	dossier_open_around(struct dossier *d);

/* Opens the repository that git's environment names (GIT_DIR,
 * GIT_OBJECT_DIRECTORY, GIT_ALTERNATE_OBJECT_DIRECTORIES), as a hook
 * must to see the objects of a push in their quarantine.  Returns 0, or
 * -1 after a message. */
int	dossier_open_from_env(struct dossier *d);

/* Looks up the commit at rev (NULL: the tip of main).  Returns 0, or -1
 * after a message. */
int	dossier_commit(struct dossier *d, const char *rev, git_commit **out);

/* What a tree entry of mode is, for messages: "a symbolic link"... */
const char *dossier_mode_name(git_filemode_t mode);

/* Reads the blob id of repo into src, named name.  A blob larger than
 * HLEG_MAX_INPUT is not inflated: its size is read from the object's
 * header, and src is made a source too large to parse (parser_read
 * refuses it with HLEG-P002).  Returns 0, or -1 when the blob cannot be
 * read (dossier_error() says why). */
int	dossier_blob(git_repository *repo, const git_oid *id, const char *name,
	    struct source *src);

/* Reads path at commit into src (named "REV:path" for messages) as
 * dossier_blob() does.  Returns 0; 1 when there is no such file; 2 when
 * path is not a plain file (a symbolic link, a directory...), which
 * dossier_error() then describes; -1 after a message. */
int	dossier_read(struct dossier *d, git_commit *commit, const char *path,
	    struct source *src);

/* Writes a commit whose tree is parent's with path set to data, and
 * returns its id in *out.  Moves no ref. */
int	dossier_write(struct dossier *d, git_commit *parent, const char *path,
	    const char *data, size_t len, const git_signature *author,
	    const git_signature *committer, const char *message,
	    git_oid *out);

/* Moves refs/heads/main from old to new, if and only if it still points
 * at old. */
enum dossier_status dossier_advance(struct dossier *d, const git_oid *old,
	    const git_oid *new, const char *reflog);

/* The path of the lock file that a DOSSIER_LOCKED result met. */
char	*dossier_lock_path(struct dossier *d);

/* Whether the work tree follows main: the repository is not bare and its
 * HEAD is refs/heads/main. */
int	dossier_has_worktree(struct dossier *d);

/* 0 when every directory on the way to path in the work tree is a real
 * directory, not a symbolic link that would lead reading or writing out
 * of the dossier; -1 after a message. */
int	dossier_worktree_path_safe(struct dossier *d, const char *path);

/* The committer: user.name and user.email from the environment
 * (GIT_COMMITTER_NAME, GIT_COMMITTER_EMAIL) or the configuration, at
 * when/offset; fallback when neither names one.  Returns 0, or -1. */
int	dossier_committer(struct dossier *d, long long when, int offset,
	    const git_signature *fallback, git_signature **out);

/* user.email from the configuration (a malloc'd string), or NULL. */
char	*dossier_user_email(struct dossier *d);

#endif
