/*
 * treediff.c - the files that differ between two trees.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "msg.h"
#include "treediff.h"
#include "util.h"

struct walker {
	git_repository		*repo;
	struct treediff_cache	*cache;
	struct tree_changes	*out;
};

static int	walk(struct walker *, git_tree *, git_tree *, const char *,
		    int);

/* Looks up the tree of e, from the cache when it is there. */
static int
lookup(struct walker *w, const git_tree_entry *e, git_tree **out)
{
	struct treediff_cache	*c = w->cache;
	const git_oid		*id = git_tree_entry_id(e);
	git_tree		**slot;

	if (c != NULL)
		for (size_t i = 0; i < TREEDIFF_CACHE; i++)
			if (c->trees[i] != NULL &&
			    git_oid_equal(git_tree_id(c->trees[i]), id))
				return git_tree_dup(out, c->trees[i]);
	if (git_tree_lookup(out, w->repo, id) != 0)
		return -1;
	if (c != NULL) {
		slot = &c->trees[c->next++ % TREEDIFF_CACHE];
		git_tree_free(*slot);
		if (git_tree_dup(slot, *out) != 0)
			*slot = NULL;
	}
	return 0;
}

static int
is_tree(const git_tree_entry *e)
{
	return git_tree_entry_filemode(e) == GIT_FILEMODE_TREE;
}

/* Compares two entries in the order git keeps them: by name, a tree's
 * name as if it ended in '/'. */
static int
entry_cmp(const git_tree_entry *a, const git_tree_entry *b)
{
	const char	*na = git_tree_entry_name(a), *nb = git_tree_entry_name(b);
	size_t		 la = strlen(na), lb = strlen(nb);
	size_t		 n = la < lb ? la : lb;
	unsigned char	 ca, cb;
	int		 c;

	if ((c = memcmp(na, nb, n)) != 0)
		return c;
	ca = la > n ? (unsigned char)na[n] : is_tree(a) ? '/' : '\0';
	cb = lb > n ? (unsigned char)nb[n] : is_tree(b) ? '/' : '\0';
	return (int)ca - (int)cb;
}

static void
add(struct tree_changes *out, const char *prefix, const git_tree_entry *old,
    const git_tree_entry *new)
{
	struct tree_change	*c;

	if (out->count == out->alloc) {
		out->alloc = out->alloc ? out->alloc * 2 : 16;
		out->items = xrealloc(out->items,
		    out->alloc * sizeof(*out->items));
	}
	c = &out->items[out->count++];
	memset(c, 0, sizeof(*c));
	xappendf(&c->path, "%s%s", prefix,
	    git_tree_entry_name(new ? new : old));
	c->status = old == NULL ? GIT_DELTA_ADDED : new == NULL ?
	    GIT_DELTA_DELETED : GIT_DELTA_MODIFIED;
	if (old != NULL) {
		git_oid_cpy(&c->old_id, git_tree_entry_id(old));
		c->old_mode = (uint16_t)git_tree_entry_filemode(old);
	}
	if (new != NULL) {
		git_oid_cpy(&c->new_id, git_tree_entry_id(new));
		c->new_mode = (uint16_t)git_tree_entry_filemode(new);
	}
}

/* Lists entry e, on the side old (1) or new (0), a file or a whole tree
 * when the depth allows entering it. */
static int
one_side(struct walker *w, const git_tree_entry *e, int old,
    const char *prefix, int depth)
{
	git_tree	*t;
	char		*sub = NULL;
	int		 rc;

	if (!is_tree(e) || depth >= TREEDIFF_DEPTH) {
		add(w->out, prefix, old ? e : NULL, old ? NULL : e);
		return 0;
	}
	if (lookup(w, e, &t) != 0)
		return -1;
	xappendf(&sub, "%s%s/", prefix, git_tree_entry_name(e));
	rc = walk(w, old ? t : NULL, old ? NULL : t, sub, depth + 1);
	free(sub);
	git_tree_free(t);
	return rc;
}

/* The modes git writes in trees. */
static int
mode_written_by_git(git_filemode_t m)
{
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE ||
	    m == GIT_FILEMODE_LINK || m == GIT_FILEMODE_TREE ||
	    m == GIT_FILEMODE_COMMIT;
}

/* What is wrong with entry e of a tree, after entry prev (NULL: the
 * first), or NULL. */
static const char *
entry_malformed(const git_tree_entry *prev, const git_tree_entry *e)
{
	const char	*name = git_tree_entry_name(e);

	if (*name == '\0' || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || strcasecmp(name, ".git") == 0)
		return "a name git never writes";
	if (strchr(name, '/') != NULL)
		return "a name that holds '/'";
	if (!mode_written_by_git(git_tree_entry_filemode_raw(e)))
		return "a mode git never writes";
	if (prev != NULL && strcmp(git_tree_entry_name(prev), name) == 0)
		return "a name the tree already holds";
	if (prev != NULL && entry_cmp(prev, e) > 0)
		return "an entry out of git's order";
	return NULL;
}

/* "the entry 'NAME' (mode M) is WHY", malloc'd, the name escaped. */
static char *
describe(const git_tree_entry *e, const char *why)
{
	const char	*name = git_tree_entry_name(e);
	char		*shown, *out = NULL;

	shown = msg_escape(name, strlen(name));
	xappendf(&out, "the entry '%s' (mode %06o) is %s", shown,
	    (unsigned)git_tree_entry_filemode_raw(e), why);
	free(shown);
	return out;
}

char *
treediff_malformed(const git_tree *t)
{
	size_t			 n = git_tree_entrycount(t);
	const git_tree_entry	*e, *prev = NULL;
	const char		*why;

	for (size_t i = 0; i < n; i++, prev = e) {
		e = git_tree_entry_byindex(t, i);
		if ((why = entry_malformed(prev, e)) != NULL)
			return describe(e, why);
	}
	return NULL;
}

/* Lists what is wrong with entry e of b's side in out->malformed. */
static void
malformed(struct walker *w, const char *prefix, const git_tree_entry *e,
    const char *why)
{
	struct tree_changes	*o = w->out;
	char			*d = describe(e, why);

	o->malformed = xrealloc(o->malformed,
	    (o->nmalformed + 1) * sizeof(*o->malformed));
	o->malformed[o->nmalformed] = NULL;
	xappendf(&o->malformed[o->nmalformed++], "%s: %s",
	    *prefix ? prefix : "the root tree", d);
	free(d);
}

static int
walk(struct walker *w, git_tree *a, git_tree *b, const char *prefix,
    int depth)
{
	size_t			 na = a ? git_tree_entrycount(a) : 0;
	size_t			 nb = b ? git_tree_entrycount(b) : 0;
	size_t			 i = 0, k = 0;
	const git_tree_entry	*ea, *eb, *prev = NULL;
	const char		*why;
	int			 c, matched = 0;

	/* b's entries are checked as they come (entry_malformed), but for
	 * one that has the name, kind and stored mode of an entry of a and
	 * follows another such: a is well-formed, and the walk goes
	 * through a in order, so that much of b is too.  A commit that
	 * changes one document of many costs no more than the walk. */
	while (i < na || k < nb) {
		ea = i < na ? git_tree_entry_byindex(a, i) : NULL;
		eb = k < nb ? git_tree_entry_byindex(b, k) : NULL;
		if (ea == NULL || eb == NULL)
			c = ea == NULL ? 1 : -1;
		else if (strcmp(git_tree_entry_name(ea),
		    git_tree_entry_name(eb)) == 0 && is_tree(ea) == is_tree(eb))
			c = 0;	/* the common case, cheaply */
		else
			c = entry_cmp(ea, eb);
		if (c < 0) {
			if (one_side(w, ea, 1, prefix, depth) != 0)
				return -1;
			i++;
			continue;
		}
		if ((c > 0 || !matched || git_tree_entry_filemode_raw(ea) !=
		    git_tree_entry_filemode_raw(eb)) &&
		    (why = entry_malformed(prev, eb)) != NULL) {
			/* Its order cannot be trusted: compared no further. */
			malformed(w, prefix, eb, why);
			return 0;
		}
		matched = c == 0;
		prev = eb;
		if (c > 0) {
			if (one_side(w, eb, 0, prefix, depth) != 0)
				return -1;
			k++;
			continue;
		}
		i++;
		k++;
		if (git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))
		    && git_tree_entry_filemode(ea) ==
		    git_tree_entry_filemode(eb))
			continue;
		if (is_tree(ea) && depth < TREEDIFF_DEPTH) {
			git_tree	*ta, *tb;
			char		*sub = NULL;
			int		 rc;

			if (lookup(w, ea, &ta) != 0)
				return -1;
			if (lookup(w, eb, &tb) != 0) {
				git_tree_free(ta);
				return -1;
			}
			xappendf(&sub, "%s%s/", prefix,
			    git_tree_entry_name(ea));
			rc = walk(w, ta, tb, sub, depth + 1);
			free(sub);
			git_tree_free(ta);
			git_tree_free(tb);
			if (rc != 0)
				return -1;
		} else
			add(w->out, prefix, ea, eb);
	}
	return 0;
}

int
treediff(git_repository *repo, struct treediff_cache *cache, git_tree *a,
    git_tree *b, struct tree_changes *out)
{
	struct walker	 w = { repo, cache, out };

	return walk(&w, a, b, "", 1);
}

void
treediff_cache_clear(struct treediff_cache *cache)
{
	for (size_t i = 0; i < TREEDIFF_CACHE; i++)
		git_tree_free(cache->trees[i]);
	memset(cache, 0, sizeof(*cache));
}

void
tree_changes_clear(struct tree_changes *c)
{
	for (size_t i = 0; i < c->count; i++)
		free(c->items[i].path);
	free(c->items);
	for (size_t i = 0; i < c->nmalformed; i++)
		free(c->malformed[i]);
	free(c->malformed);
	memset(c, 0, sizeof(*c));
}
