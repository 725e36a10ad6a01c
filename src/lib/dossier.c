/*
 * dossier.c - read and record on a dossier with libgit2.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dossier.h"
#include "ids.h"
#include "msg.h"
#include "treediff.h"
#include "util.h"

/* Tries at writing a commit's objects. */
#define WRITE_ATTEMPTS 5

void
dossier_library_init(void)
{
	git_libgit2_init();
	/* A crash at any instant must leave objects and refs whole. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* Re-hashing every object read costs more than the rest of an
	 * event; the objects' integrity is git fsck's and the audit's to
	 * check, and every object written is still hashed. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

void
dossier_library_shutdown(void)
{
	git_libgit2_shutdown();
}

const char *
dossier_error(void)
{
	const git_error	*e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

/* Opens path (NULL: as git's environment says) with flags, named name
 * in messages. */
static int
open_as(struct dossier *d, const char *name, const char *path,
    unsigned int flags)
{
	struct stat	 st;
	char		*real;
	int		 rc;

	memset(d, 0, sizeof(*d));
	d->name = xstrdup(name);
	if ((rc = git_repository_open_ext(&d->repo, path, flags, NULL)) != 0) {
		/* libgit2 1.5 refuses a repository another user owns with
		 * GIT_ENOTFOUND and "config value 'safe.directory' was not
		 * found" (GIT_EOWNER in later versions). */
		if ((rc == GIT_EOWNER || (rc == GIT_ENOTFOUND &&
		    strstr(dossier_error(), "'safe.directory'") != NULL)) &&
		    path != NULL && (real = realpath(path, NULL)) != NULL) {
			if (stat(real, &st) == 0 && st.st_uid != geteuid())
				msg_warnx("%s: the dossier is owned by another "
				    "user (uid %lu), and git works only in "
				    "repositories the user owns: work in your "
				    "own clone, or, if you trust that user, run "
				    "git config --global --add safe.directory "
				    "%s", d->name, (unsigned long)st.st_uid,
				    real);
			else
				msg_warnx("%s: not a dossier: %s", d->name,
				    dossier_error());
			free(real);
		} else
			msg_warnx("%s: not a dossier: %s", d->name,
			    dossier_error());
		free(d->name);
		d->name = NULL;
		return -1;
	}
	return 0;
}

int
dossier_open(struct dossier *d, const char *dir)
{
	return open_as(d, dir ? dir : ".", dir ? dir : ".",
	    dir ? GIT_REPOSITORY_OPEN_NO_SEARCH : 0);
}

int
dossier_open_around(struct dossier *d)
{
	int	 rc;

	memset(d, 0, sizeof(*d));
	rc = git_repository_open_ext(&d->repo, ".", 0, NULL);
	if (rc == 0) {
		d->name = xstrdup(".");
		return 0;
	}
	if (rc == GIT_ENOTFOUND &&
	    strstr(dossier_error(), "'safe.directory'") == NULL)
		return 1;
	/* Opened again to say why it cannot be. */
	return dossier_open(d, NULL);
}

int
dossier_open_from_env(struct dossier *d)
{
	return open_as(d, getenv("GIT_DIR") ? getenv("GIT_DIR") : ".", NULL,
	    GIT_REPOSITORY_OPEN_FROM_ENV);
}

void
dossier_close(struct dossier *d)
{
	git_repository_free(d->repo);
	free(d->name);
	memset(d, 0, sizeof(*d));
}

int
dossier_commit(struct dossier *d, const char *rev, git_commit **out)
{
	git_object	*obj;

	if (git_revparse_single(&obj, d->repo, rev ? rev : DOSSIER_BRANCH)
	    != 0) {
		msg_warnx("%s: no revision %s: %s", d->name,
		    rev ? rev : "main", dossier_error());
		return -1;
	}
	if (git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT) != 0) {
		msg_warnx("%s: %s is not a commit", d->name, rev ? rev : "main");
		git_object_free(obj);
		return -1;
	}
	git_object_free(obj);
	return 0;
}

const char *
dossier_mode_name(git_filemode_t mode)
{
	switch (mode) {
	case GIT_FILEMODE_BLOB:
		return "a plain file";
	case GIT_FILEMODE_LINK:
		return "a symbolic link";
	case GIT_FILEMODE_BLOB_EXECUTABLE:
		return "an executable file";
	case GIT_FILEMODE_COMMIT:
		return "a submodule";
	case GIT_FILEMODE_TREE:
		return "a directory";
	default:
		return "not a plain file";
	}
}

int
dossier_blob(git_repository *repo, const git_oid *id, const char *name,
    struct source *src)
{
	git_odb		*odb;
	git_blob	*blob;
	git_object_t	 type;
	size_t		 len;
	int		 rc;

	if (git_repository_odb(&odb, repo) != 0)
		return -1;
	rc = git_odb_read_header(&len, &type, odb, id);
	git_odb_free(odb);
	if (rc != 0)
		return -1;
	if (type != GIT_OBJECT_BLOB) {
		git_error_set_str(GIT_ERROR_INVALID, "not a file");
		return -1;
	}
	if (len > HLEG_MAX_INPUT) {
		source_too_large(src, name, len);
		return 0;
	}
	if (git_blob_lookup(&blob, repo, id) != 0)
		return -1;
	source_from_memory(src, name, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	return 0;
}

int
dossier_tree_malformed(struct dossier *d, git_tree *root, const char *path)
{
	const git_tree_entry	*e;
	git_tree		*sub = NULL;
	char			*why;

	if ((why = treediff_malformed(root)) == NULL &&
	    strncmp(path, "documents/", 10) == 0 &&
	    (e = git_tree_entry_byname(root, "documents")) != NULL &&
	    git_tree_entry_filemode_raw(e) == GIT_FILEMODE_TREE &&
	    git_tree_lookup(&sub, d->repo, git_tree_entry_id(e)) == 0) {
		why = treediff_malformed(sub);
		git_tree_free(sub);
		if (why != NULL) {
			char	*in = NULL;

			xappendf(&in, "in documents/, %s", why);
			free(why);
			why = in;
		}
	}
	if (why == NULL)
		return 0;
	git_error_set(GIT_ERROR_INVALID, "the commit's tree is malformed: %s; "
	    "git writes no such tree, and hleg-verify names the commit that "
	    "brought it", why);
	free(why);
	return -1;
}

int
dossier_read(struct dossier *d, git_commit *commit, const char *path,
    struct source *src)
{
	git_tree	*tree = NULL;
	git_tree_entry	*entry = NULL;
	char		*name = NULL, hex[9];
	int		 rc = -1;

	if (git_commit_tree(&tree, commit) != 0) {
		msg_warnx("%s: %s", d->name, dossier_error());
		return -1;
	}
	if (dossier_tree_malformed(d, tree, path) != 0) {
		rc = 2;
		goto done;
	}
	switch (git_tree_entry_bypath(&entry, tree, path)) {
	case 0:
		break;
	case GIT_ENOTFOUND:
		rc = 1;
		goto done;
	default:
		msg_warnx("%s: %s: %s", d->name, path, dossier_error());
		goto done;
	}
	if (git_tree_entry_filemode(entry) != GIT_FILEMODE_BLOB) {
		/* Not followed, not read: a link's target is not the
		 * dossier's to give. */
		git_error_set(GIT_ERROR_INVALID, "%s is %s; it must be a "
		    "plain file", path,
		    dossier_mode_name(git_tree_entry_filemode(entry)));
		rc = 2;
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), git_commit_id(commit));
	xappendf(&name, "%s:%s", hex, path);
	if (dossier_blob(d->repo, git_tree_entry_id(entry), name, src) != 0) {
		msg_warnx("%s: %s: %s", d->name, path, dossier_error());
		goto done;
	}
	rc = 0;
done:
	free(name);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return rc;
}

int
dossier_write(struct dossier *d, git_commit *parent, const char *path,
    const char *data, size_t len, const git_signature *author,
    const git_signature *committer, const char *message, git_oid *out)
{
	git_tree_update	 update;
	git_tree	*base = NULL, *tree = NULL;
	git_oid		 tree_id;
	const git_commit *parents[1] = { parent };
	int		 rc = -1;

	memset(&update, 0, sizeof(update));
	update.action = GIT_TREE_UPDATE_UPSERT;
	update.filemode = GIT_FILEMODE_BLOB;
	update.path = path;
	/* Objects are named by their content, so writing them again is
	 * harmless; it mends a race with git gc, which removes an empty
	 * objects/xx/ directory between libgit2's mkdir and its rename. */
	for (int attempt = 0; rc != 0 && attempt < WRITE_ATTEMPTS; attempt++) {
		if (attempt > 0)
			usleep(10000);
		git_tree_free(tree);
		git_tree_free(base);
		tree = base = NULL;
		if (git_blob_create_from_buffer(&update.id, d->repo, data,
		    len) == 0 && git_commit_tree(&base, parent) == 0 &&
		    git_tree_create_updated(&tree_id, d->repo, base, 1,
		    &update) == 0 &&
		    git_tree_lookup(&tree, d->repo, &tree_id) == 0 &&
		    git_commit_create(out, d->repo, NULL, author, committer,
		    NULL, message, tree, 1, parents) == 0)
			rc = 0;
	}
	if (rc != 0)
		msg_warnx("%s: cannot write the commit: %s; nothing was "
		    "recorded: make room on the disk or mend the repository's "
		    "permissions, then try again", d->name, dossier_error());
	git_tree_free(tree);
	git_tree_free(base);
	return rc;
}

enum dossier_status
dossier_advance(struct dossier *d, const git_oid *old, const git_oid *new,
    const char *reflog)
{
	git_reference	*ref = NULL;
	git_odb		*odb = NULL;
	int		 rc, gone;

	rc = git_reference_create_matching(&ref, d->repo, DOSSIER_BRANCH, new,
	    1, old, reflog);
	git_reference_free(ref);
	switch (rc) {
	case 0:
		return DOSSIER_OK;
	case GIT_EMODIFIED:
		return DOSSIER_MOVED;
	case GIT_ELOCKED:
		return DOSSIER_LOCKED;
	default:
		/* git gc, running beside, may remove a commit that nothing
		 * refers to yet (git-gc(1), NOTES): libgit2 then refuses to
		 * point main at it.  The caller writes it again. */
		gone = git_repository_odb(&odb, d->repo) == 0 &&
		    git_odb_refresh(odb) == 0 && !git_odb_exists(odb, new);
		git_odb_free(odb);
		if (gone)
			return DOSSIER_GONE;
		msg_warnx("%s: cannot move main: %s; nothing was recorded: make "
		    "room on the disk or mend the repository's permissions, "
		    "then try again", d->name, dossier_error());
		return DOSSIER_ERROR;
	}
}

char *
dossier_lock_path(struct dossier *d)
{
	char	*path = NULL;

	xappendf(&path, "%s%s.lock", git_repository_path(d->repo),
	    DOSSIER_BRANCH);
	return path;
}

int
dossier_has_worktree(struct dossier *d)
{
	git_reference	*head = NULL;
	int		 yes;

	if (git_repository_is_bare(d->repo) ||
	    git_reference_lookup(&head, d->repo, "HEAD") != 0)
		return 0;
	yes = git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    strcmp(git_reference_symbolic_target(head), DOSSIER_BRANCH) == 0;
	git_reference_free(head);
	return yes;
}

int
dossier_worktree_path_safe(struct dossier *d, const char *path)
{
	const char	*workdir = git_repository_workdir(d->repo);
	char		*full = NULL;
	struct stat	 st;
	int		 rc = 0;

	if (workdir == NULL)
		return 0;
	xappendf(&full, "%s%s", workdir, path);
	for (char *p = full + strlen(workdir); *p != '\0' && rc == 0; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (lstat(full, &st) == 0 && !S_ISDIR(st.st_mode)) {
			msg_warnx("%s is %s, not a directory: hleg reads and "
			    "writes only the dossier's own directories; make "
			    "it a directory again (git checkout HEAD -- %s)",
			    full, S_ISLNK(st.st_mode) ? "a symbolic link" :
			    "a file", full + strlen(workdir));
			rc = -1;
		}
		*p = '/';
	}
	free(full);
	return rc;
}

/* The value of the environment variable env, else of key in config, as
 * a malloc'd string, or NULL. */
static char *
identity(git_config *config, const char *env, const char *key)
{
	git_buf		 buf = GIT_BUF_INIT;
	const char	*s;
	char		*out = NULL;

	if ((s = getenv(env)) != NULL && *s != '\0')
		return xstrdup(s);
	if (config != NULL && git_config_get_string_buf(&buf, config, key) == 0)
		out = xstrdup(buf.ptr);
	git_buf_dispose(&buf);
	return out;
}

int
dossier_committer(struct dossier *d, long long when, int offset,
    const git_signature *fallback, git_signature **out)
{
	git_config	*config = NULL;
	char		*name, *email;
	int		 rc;

	git_repository_config_snapshot(&config, d->repo);
	name = identity(config, "GIT_COMMITTER_NAME", "user.name");
	email = identity(config, "GIT_COMMITTER_EMAIL", "user.email");
	git_config_free(config);
	if (name == NULL || email == NULL) {
		free(name);
		free(email);
		name = xstrdup(fallback->name);
		email = xstrdup(fallback->email);
	}
	if (!id_signature_text_valid(name) || !id_signature_text_valid(email)) {
		msg_warnx("the committer's name or email (from the git "
		    "configuration) is not safe in a commit: %s <%s>",
		    name, email);
		rc = -1;
	} else if ((rc = git_signature_new(out, name, email, (git_time_t)when,
	    offset)) != 0)
		msg_warnx("the committer: %s", dossier_error());
	free(name);
	free(email);
	return rc == 0 ? 0 : -1;
}

char *
dossier_user_email(struct dossier *d)
{
	git_config	*config = NULL;
	char		*email;

	git_repository_config_snapshot(&config, d->repo);
	email = identity(config, "GIT_AUTHOR_EMAIL", "user.email");
	git_config_free(config);
	return email;
}
