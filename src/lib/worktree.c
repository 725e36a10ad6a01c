/*
 * worktree.c - a document's file and index entry follow main: written
 * for each event, proved left behind, brought forward (worktree.h).
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier.h"
#include "msg.h"
#include "trailers.h"
#include "util.h"
#include "worktree.h"

/* Temporary files in the git directory, renamed into the work tree. */
#define TMP_PREFIX	"hleg-checkout-"
#define TMP_SUFFIX	".tmp"

/* The id of path's entry at commit in *out, and its mode in *mode when
 * mode is not NULL.  Returns 1 when there is one (when mode is NULL,
 * one that is a plain file); 0 when there is none; -1 with the libgit2
 * error set. */
static int
blob_at(git_commit *commit, const char *path, git_oid *out,
    git_filemode_t *mode)
{
	git_tree	*tree = NULL;
	git_tree_entry	*entry = NULL;
	int		 rc;

	if (git_commit_tree(&tree, commit) != 0)
		return -1;
	rc = git_tree_entry_bypath(&entry, tree, path);
	if (rc == GIT_ENOTFOUND)
		rc = 0;
	else if (rc == 0) {
		if (mode != NULL)
			*mode = git_tree_entry_filemode(entry);
		git_oid_cpy(out, git_tree_entry_id(entry));
		rc = git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB ||
		    mode != NULL ? 1 : 0;
	}
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return rc;
}

/* What a commit on main's first-parent line is to the document. */
enum kind {
	OTHER_EVENT,	/* an event of another document */
	OUR_EVENT,	/* an event of this one, as hleg-transition makes it */
	NOT_OURS,	/* names this document but is not made as the toolkit
			 * makes events */
	NOT_EVENT	/* any other commit */
};

/* Whether commit, whose first parent is parent, changes path and
 * nothing else, a plain file before and after: returns 1, 0, or -1. */
static int
changes_only(git_repository *repo, git_commit *parent, git_commit *commit,
    const char *path)
{
	git_tree		*a = NULL, *b = NULL;
	git_diff		*diff = NULL;
	const git_diff_delta	*delta;
	int			 rc = -1;

	if (git_commit_tree(&a, parent) == 0 &&
	    git_commit_tree(&b, commit) == 0 &&
	    git_diff_tree_to_tree(&diff, repo, a, b, NULL) == 0) {
		delta = git_diff_num_deltas(diff) == 1 ?
		    git_diff_get_delta(diff, 0) : NULL;
		rc = delta != NULL && delta->status == GIT_DELTA_MODIFIED &&
		    strcmp(delta->new_file.path, path) == 0 &&
		    delta->old_file.mode == GIT_FILEMODE_BLOB &&
		    delta->new_file.mode == GIT_FILEMODE_BLOB;
	}
	git_diff_free(diff);
	git_tree_free(b);
	git_tree_free(a);
	return rc;
}

static int
kind_of_commit(git_repository *repo, git_commit *commit, git_commit *parent,
    const char *id, const char *path, enum kind *out)
{
	struct event_record	 r;
	const char		*summary;
	char			*prefix = NULL;
	int			 rc = 0;

	*out = NOT_EVENT;
	if (trailers_read(git_commit_message(commit), &r) == 1) {
		if (strcmp(r.document, id) != 0)
			*out = git_commit_parentcount(commit) == 1 ?
			    OTHER_EVENT : NOT_EVENT;
		else {
			*out = NOT_OURS;
			xappendf(&prefix, "%s %s: ", r.event, id);
			if (git_commit_parentcount(commit) == 1 &&
			    (summary = git_commit_summary(commit)) != NULL &&
			    strncmp(summary, prefix, strlen(prefix)) == 0) {
				rc = changes_only(repo, parent, commit, path);
				if (rc == 1)
					*out = OUR_EVENT;
			}
			free(prefix);
		}
	}
	event_record_clear(&r);
	return rc < 0 ? -1 : 0;
}

/* Walks main's first-parent line back from tip through the document's
 * run of events (worktree.h), looking for the versions before which the
 * index entry (when want_index) and the file (when want_file, holding
 * file) stand.  Fills in c.  Returns 0, or -1 with the libgit2 error
 * set. */
static int
find_behind(git_repository *repo, git_commit *tip, const char *id,
    const char *path, int want_index, int want_file, const git_oid *file,
    struct worktree_check *c)
{
	git_commit	*cur = NULL, *parent = NULL;
	git_oid		 version, at, before;
	enum kind	 kind;
	int		 depth = 0, found, rc = 0, r;

	git_oid_cpy(&version, &c->tip_blob);
	if (git_commit_dup(&cur, tip) != 0)
		return -1;
	while ((want_index && !c->index_behind) ||
	    (want_file && !c->file_behind)) {
		if (git_commit_parentcount(cur) == 0)
			break;
		if ((r = git_commit_parent(&parent, cur, 0)) != 0) {
			/* A shallow history ends here. */
			rc = r == GIT_ENOTFOUND ? 0 : -1;
			break;
		}
		if (kind_of_commit(repo, cur, parent, id, path, &kind) != 0) {
			rc = -1;
			break;
		}
		if (kind != OTHER_EVENT) {
			/* Events of other documents are passed by their
			 * trailers; the version they are taken to leave is
			 * checked here, at the next commit read whole. */
			if ((r = blob_at(cur, path, &at, NULL)) != 1 ||
			    !git_oid_equal(&at, &version) ||
			    (r = blob_at(parent, path, &before, NULL)) != 1) {
				rc = r < 0 ? -1 : 0;
				break;
			}
			if (kind == NOT_OURS ||
			    (kind == NOT_EVENT && !git_oid_equal(&before, &at)))
				break;
			if (kind == OUR_EVENT) {
				if (depth++ == 0)
					git_oid_cpy(&c->last, git_commit_id(cur));
				git_oid_cpy(&version, &before);
				found = 0;
				if (want_index && !c->index_behind &&
				    git_oid_equal(&before, &c->index_blob))
					found = c->index_behind = 1;
				if (want_file && !c->file_behind &&
				    git_oid_equal(&before, file))
					found = c->file_behind = 1;
				if (found) {
					/* The oldest left behind so far. */
					git_oid_cpy(&c->behind,
					    git_commit_id(cur));
					c->events = depth;
				}
			}
		}
		git_commit_free(cur);
		cur = parent;
		parent = NULL;
	}
	git_commit_free(parent);
	git_commit_free(cur);
	return rc;
}

/* Hashes the file at full as git stores it: a plain file's bytes or a
 * link's target.  Returns 0 with *st filled in (st_mode 0 when there is
 * no file), or -1 with the libgit2 error set. */
static int
hash_file(const char *full, struct stat *st, git_oid *out)
{
	char	 target[PATH_MAX];
	ssize_t	 n;

	if (lstat(full, st) != 0) {
		memset(st, 0, sizeof(*st));
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		git_error_set(GIT_ERROR_OS, "%s", strerror(errno));
		return -1;
	}
	if (S_ISLNK(st->st_mode)) {
		if ((n = readlink(full, target, sizeof(target))) < 0) {
			git_error_set(GIT_ERROR_OS, "%s", strerror(errno));
			return -1;
		}
		return git_odb_hash(out, target, (size_t)n,
		    GIT_OBJECT_BLOB) == 0 ? 0 : -1;
	}
	if (S_ISREG(st->st_mode) &&
	    git_odb_hashfile(out, full, GIT_OBJECT_BLOB) != 0)
		return -1;
	return 0;
}

enum worktree_state
worktree_check(struct dossier *d, const char *id, const char *path,
    struct worktree_check *c)
{
	const git_index_entry	*e;
	git_index		*index = NULL;
	git_commit		*tip = NULL;
	git_odb			*odb = NULL;
	git_filemode_t		 mode = 0;
	git_oid			 file;
	char			*full = NULL;
	int			 in_tip, conflict, file_reg, file_link, file_none;
	int			 want_index, want_file, index_same, file_same;

	memset(c, 0, sizeof(*c));
	c->state = WORKTREE_ERROR;
	memset(&file, 0, sizeof(file));
	if (dossier_worktree_path_safe(d, path) != 0)
		return WORKTREE_ERROR;
	if (dossier_commit(d, NULL, &tip) != 0)
		return WORKTREE_ERROR;
	xappendf(&full, "%s%s", git_repository_workdir(d->repo), path);
	if ((in_tip = blob_at(tip, path, &c->tip_blob, &mode)) < 0 ||
	    git_repository_index(&index, d->repo) != 0 ||
	    git_index_read(index, 0) != 0) {
		msg_warnx("%s: %s: %s", d->name, path, dossier_error());
		goto done;
	}
	if (hash_file(full, &c->st, &file) != 0) {
		msg_warnx("%s: %s", full, dossier_error());
		goto done;
	}
	e = git_index_get_bypath(index, path, 0);
	conflict = git_index_get_bypath(index, path, 1) != NULL ||
	    git_index_get_bypath(index, path, 2) != NULL ||
	    git_index_get_bypath(index, path, 3) != NULL;
	if (e != NULL)
		git_oid_cpy(&c->index_blob, &e->id);
	file_reg = S_ISREG(c->st.st_mode);
	file_link = S_ISLNK(c->st.st_mode);
	file_none = c->st.st_mode == 0;

	/* As git status says for one path: main against the index, the
	 * index against the file, the file hashed (never its stat data
	 * trusted, which a racily clean entry shares with another
	 * content). */
	index_same = in_tip && e != NULL && !conflict &&
	    git_oid_equal(&e->id, &c->tip_blob);
	if (!in_tip) {
		/* No document on main for the work tree to follow: the
		 * caller says so, and a new file, staged or not, is left
		 * as it is. */
		c->state = WORKTREE_CLEAN;
		goto done;
	}
	if (mode == GIT_FILEMODE_LINK)
		/* A committed link: the caller refuses it when it reads
		 * the commit. */
		file_same = file_link && git_oid_equal(&file, &c->tip_blob);
	else
		file_same = file_reg && git_oid_equal(&file, &c->tip_blob);
	if (index_same && file_same) {
		c->state = WORKTREE_CLEAN;
		goto done;
	}

	/* Left behind?  Only a plain file and a plain entry of a document
	 * that is a plain file on main, and only versions main had. */
	want_index = want_file = 0;
	if (mode == GIT_FILEMODE_BLOB && e != NULL && !conflict &&
	    e->mode == GIT_FILEMODE_BLOB && file_reg) {
		want_index = !index_same;
		want_file = !file_same;
		if (want_file && (git_repository_odb(&odb, d->repo) != 0 ||
		    !git_odb_exists(odb, &file)))
			want_file = -1;	/* never committed: someone's */
		if (find_behind(d->repo, tip, id, path, want_index,
		    want_file > 0, &file, c) != 0) {
			msg_warnx("%s: %s: %s", d->name, path, dossier_error());
			goto done;
		}
	}
	if (want_index == c->index_behind && want_file == c->file_behind &&
	    (want_index || want_file)) {
		c->state = WORKTREE_STALE;
		goto done;
	}
	c->state = WORKTREE_EDITED;
	if (c->index_behind)
		c->edit = EDIT_ON_OLD;
	else if (index_same)
		c->edit = EDIT_FILE;
	else if (e != NULL ? !conflict && (file_reg || file_link) &&
	    git_oid_equal(&e->id, &file) : !conflict && file_none)
		c->edit = EDIT_STAGED;
	else
		c->edit = EDIT_BOTH;
	c->index_behind = c->file_behind = 0;
done:
	free(full);
	git_odb_free(odb);
	git_index_free(index);
	git_commit_free(tip);
	return c->state;
}

/* Removes the temporary files in dir that a killed writer left: those
 * that no process holds locked. */
static void
sweep(const char *dir)
{
	DIR		*dp;
	struct dirent	*de;
	struct stat	 a, b;
	size_t		 n, lp = strlen(TMP_PREFIX), ls = strlen(TMP_SUFFIX);
	int		 fd;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		n = strlen(de->d_name);
		if (n <= lp + ls || strncmp(de->d_name, TMP_PREFIX, lp) != 0 ||
		    strcmp(de->d_name + n - ls, TMP_SUFFIX) != 0)
			continue;
		fd = openat(dirfd(dp), de->d_name,
		    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1)
			continue;
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && fstat(fd, &a) == 0 &&
		    fstatat(dirfd(dp), de->d_name, &b,
		    AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(a.st_mode) &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino)
			unlinkat(dirfd(dp), de->d_name, 0);
		close(fd);
	}
	closedir(dp);
}

/* Writes len bytes of data to fd.  Returns 0, or -1 with errno set. */
static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Creates, holding a lock on it that sweep() respects, a temporary file
 * in the git directory of d holding data.  Returns its descriptor with
 * *tmp its name, or -1 with errno set. */
static int
tmp_create(struct dossier *d, const char *data, size_t len, char **tmp)
{
	struct stat	 st;
	int		 fd = -1, e;

	*tmp = NULL;
	sweep(git_repository_path(d->repo));
	for (unsigned n = 0; fd == -1 && n < 100; n++) {
		free(*tmp);
		*tmp = NULL;
		xappendf(tmp, "%s%s%ld-%u%s", git_repository_path(d->repo),
		    TMP_PREFIX, (long)getpid(), n, TMP_SUFFIX);
		fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
		    O_CLOEXEC, 0666);
		if (fd == -1) {
			if (errno == EEXIST)
				continue;
			break;
		}
		/* A sweep that locked it first has removed it. */
		if (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 ||
		    st.st_nlink == 0) {
			close(fd);
			fd = -1;
		}
	}
	if (fd != -1 && write_all(fd, data, len) != 0) {
		e = errno;
		unlink(*tmp);
		close(fd);
		errno = e;
		fd = -1;
	}
	if (fd == -1) {
		free(*tmp);
		*tmp = NULL;
	}
	return fd;
}

/* Whether the file at full is still as *st says: same file, size and
 * times. */
static int
unchanged(const char *full, const struct stat *st)
{
	struct stat	 now;

	return lstat(full, &now) == 0 && now.st_dev == st->st_dev &&
	    now.st_ino == st->st_ino && now.st_size == st->st_size &&
	    now.st_mtim.tv_sec == st->st_mtim.tv_sec &&
	    now.st_mtim.tv_nsec == st->st_mtim.tv_nsec &&
	    now.st_ctim.tv_sec == st->st_ctim.tv_sec &&
	    now.st_ctim.tv_nsec == st->st_ctim.tv_nsec;
}

/* Replaces the file at full, whole, by one holding data: a temporary
 * file in the git directory, where one left by a crash shows nowhere,
 * renamed in; beside full when the git directory is on another file
 * system.  When was is given, only if the file is still as it says.
 * Returns 0; 1 when the file had changed; -1 after a message. */
static int
replace(struct dossier *d, const char *full, const char *data, size_t len,
    const struct stat *was)
{
	char	*tmp = NULL;
	int	 fd, rc = -1;

	if ((fd = tmp_create(d, data, len, &tmp)) == -1) {
		msg_warn("%s%s*%s", git_repository_path(d->repo), TMP_PREFIX,
		    TMP_SUFFIX);
		return -1;
	}
	if (was != NULL && !unchanged(full, was))
		rc = 1;
	else if (rename(tmp, full) == 0)
		rc = 0;
	else if (errno == EXDEV) {
		unlink(tmp);
		close(fd);
		free(tmp);
		tmp = NULL;
		xappendf(&tmp, "%s.hleg-tmp", full);
		if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
		    O_CLOEXEC, 0666)) == -1 || write_all(fd, data, len) != 0)
			msg_warn("%s", tmp);
		else if (was != NULL && !unchanged(full, was))
			rc = 1;
		else if (rename(tmp, full) == 0)
			rc = 0;
		else
			msg_warn("%s", full);
	} else
		msg_warn("%s", full);
	if (rc != 0 && tmp != NULL)
		unlink(tmp);
	if (fd != -1)
		close(fd);
	free(tmp);
	return rc;
}

/* Sets the index entry of path from the file at full, as git add would,
 * when the file holds want; its stat data then describe the file whose
 * bytes were hashed.  Returns 0; 1 when the file holds something else;
 * -1 with the libgit2 error set. */
static int
entry_from_file(git_index *index, const char *path, const char *full,
    const git_oid *want)
{
	git_index_entry	 e;
	struct stat	 st;
	git_oid		 id;

	/* Stat first, then hash: a change after the stat changes the
	 * stat data too, so git will look at the file again. */
	if (lstat(full, &st) != 0) {
		git_error_set(GIT_ERROR_OS, "%s: %s", full, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode))
		return 1;
	if (git_odb_hashfile(&id, full, GIT_OBJECT_BLOB) != 0)
		return -1;
	if (!git_oid_equal(&id, want))
		return 1;
	memset(&e, 0, sizeof(e));
	e.ctime.seconds = (int32_t)st.st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)st.st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)st.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)st.st_mtim.tv_nsec;
	e.dev = (uint32_t)st.st_dev;
	e.ino = (uint32_t)st.st_ino;
	e.mode = GIT_FILEMODE_BLOB;
	e.uid = (uint32_t)st.st_uid;
	e.gid = (uint32_t)st.st_gid;
	e.file_size = (uint32_t)st.st_size;
	git_oid_cpy(&e.id, want);
	e.path = path;
	return git_index_add(index, &e) == 0 ? 0 : -1;
}

/* The message for an index that cannot be written. */
static void
index_error(struct dossier *d, const char *path, int error, const char *what)
{
	if (error == GIT_ELOCKED)
		msg_warnx("%s: %s: %s: %sindex.lock exists; if no git is "
		    "running on the dossier, remove it", d->name, path, what,
		    git_repository_path(d->repo));
	else
		msg_warnx("%s: %s: %s: %s", d->name, path, what,
		    dossier_error());
}

int
worktree_bring_forward(struct dossier *d, const char *path,
    const struct worktree_check *c)
{
	const git_index_entry	*e;
	git_index		*index = NULL;
	git_blob		*blob = NULL;
	struct stat		 st;
	char			*full = NULL, *lock = NULL, last[8], behind[8];
	int			 rc = -1, r;

	git_oid_tostr(last, sizeof(last), &c->last);
	git_oid_tostr(behind, sizeof(behind), &c->behind);
	xappendf(&full, "%s%s", git_repository_workdir(d->repo), path);
	xappendf(&lock, "%sindex.lock", git_repository_path(d->repo));
	/* A killed writer may have left the lock: then nothing is
	 * written, not even the file. */
	if (lstat(lock, &st) == 0) {
		msg_warnx("%s: %s: stands at the version before commit %s, "
		    "whose event an interrupted transition recorded, and "
		    "cannot be brought up to date: %s exists; if no git is "
		    "running on the dossier, remove it and try again",
		    d->name, path, behind, lock);
		goto done;
	}
	if ((r = git_repository_index(&index, d->repo)) != 0 ||
	    (r = git_index_read(index, 0)) != 0) {
		index_error(d, path, r, "cannot read the index");
		goto done;
	}
	if ((e = git_index_get_bypath(index, path, 0)) == NULL ||
	    !git_oid_equal(&e->id, &c->index_blob)) {
		msg_warnx("%s: its index entry changed while it was checked; "
		    "it is left as it is: try again", path);
		goto done;
	}
	/* The file first, then the entry made from it. */
	if (c->file_behind) {
		if (git_blob_lookup(&blob, d->repo, &c->tip_blob) != 0) {
			msg_warnx("%s: %s: %s", d->name, path, dossier_error());
			goto done;
		}
		r = replace(d, full, git_blob_rawcontent(blob),
		    (size_t)git_blob_rawsize(blob), &c->st);
		if (r == 1)
			msg_warnx("%s: changed while it was checked; it is "
			    "left as it is: try again", path);
		if (r != 0)
			goto done;
	}
	if ((r = entry_from_file(index, path, full, &c->tip_blob)) == 1) {
		msg_warnx("%s: changed while it was brought up to date; its "
		    "index entry is left as it was: try again", path);
		goto done;
	}
	if (r != 0 || (r = git_index_write(index)) != 0) {
		index_error(d, path, r, "the index could not follow");
		goto done;
	}
	if (c->events <= 1)
		msg_warnx("%s: brought up to date with commit %s, whose event "
		    "an interrupted transition recorded", path, last);
	else
		msg_warnx("%s: brought up to date with commit %s from the "
		    "version before commit %s, %d events earlier, whose "
		    "events interrupted transitions recorded", path, last,
		    behind, c->events);
	rc = 0;
done:
	git_blob_free(blob);
	git_index_free(index);
	free(lock);
	free(full);
	return rc;
}

char *
worktree_edit_advice(const char *path, const struct worktree_check *c)
{
	char	*text = NULL, behind[8];

	switch (c->edit) {
	case EDIT_FILE:
		xappendf(&text, "the file has changes that are not committed: "
		    "to keep them, commit them first (git commit %s), or put "
		    "them aside with git stash and take them back after the "
		    "event with git stash pop; to drop them, git restore %s",
		    path, path);
		break;
	case EDIT_STAGED:
		xappendf(&text, "the index has changes to it that are not "
		    "committed: to keep them, commit them first (git commit "
		    "%s), or put them aside with git stash and take them back "
		    "after the event with git stash pop; to drop them, git "
		    "restore --source=HEAD --staged --worktree %s", path, path);
		break;
	case EDIT_BOTH:
		xappendf(&text, "the index and the file have changes that are "
		    "not committed, each its own: to keep them, put them aside "
		    "with git stash and take them back after the event with "
		    "git stash pop --index; to drop them, git restore "
		    "--source=HEAD --staged --worktree %s", path);
		break;
	case EDIT_ON_OLD:
		git_oid_tostr(behind, sizeof(behind), &c->behind);
		xappendf(&text, "the file has changes that are not committed, "
		    "over an index that an interrupted transition left at the "
		    "version before commit %s: they may lack that event, and "
		    "committing them would revert it; to keep them, put them "
		    "aside with git stash and make them again on the recorded "
		    "version (git stash show -p shows them); to drop them, git "
		    "checkout HEAD -- %s", behind, path);
		break;
	}
	return text;
}

int
worktree_checkout(struct dossier *d, git_commit *parent, const char *path,
    const char *data, size_t len)
{
	const git_index_entry	*e;
	git_index		*index = NULL;
	struct stat		 st;
	git_oid			 was, want, file;
	char			*full = NULL;
	int			 rc = -1, r;

	if (dossier_worktree_path_safe(d, path) != 0)
		return -1;
	xappendf(&full, "%s%s", git_repository_workdir(d->repo), path);
	if ((r = blob_at(parent, path, &was, NULL)) != 1 ||
	    git_odb_hash(&want, data, len, GIT_OBJECT_BLOB) != 0) {
		msg_warnx("%s: %s: %s", d->name, path, r == 0 ?
		    "not a plain file at the event's parent" : dossier_error());
		goto done;
	}
	if ((r = git_repository_index(&index, d->repo)) != 0 ||
	    (r = git_index_read(index, 0)) != 0) {
		index_error(d, path, r, "the index could not follow");
		goto done;
	}
	/* Only over the version the event began from: a change made
	 * meanwhile, or a newer event's version that a transition beside
	 * this one wrote first, stays. */
	if (hash_file(full, &st, &file) != 0) {
		msg_warnx("%s: %s", full, dossier_error());
		goto done;
	}
	if ((e = git_index_get_bypath(index, path, 0)) == NULL ||
	    !git_oid_equal(&e->id, &was) || !S_ISREG(st.st_mode) ||
	    !git_oid_equal(&file, &was)) {
		rc = 1;
		goto done;
	}
	if ((r = replace(d, full, data, len, &st)) != 0) {
		rc = r;
		goto done;
	}
	if ((r = entry_from_file(index, path, full, &want)) == 1) {
		rc = 1;
		goto done;
	}
	if (r != 0 || (r = git_index_write(index)) != 0) {
		index_error(d, path, r, "the index could not follow");
		goto done;
	}
	rc = 0;
done:
	if (rc == 1)
		msg_warnx("the event is recorded; %s changed while it was "
		    "recorded and is left as it is: the next hleg-transition "
		    "on it brings it up to date, or says what to do", path);
	git_index_free(index);
	free(full);
	return rc;
}
