/*
 * treediff.h - what a commit changed: the files that differ between its
 * parent's tree and its own, as "git diff-tree -r" lists them, without
 * renames or type changes (a file that becomes a directory is deleted and
 * the directory's files added).
 *
 * It walks the two trees side by side, in git's order, and enters only
 * the subtrees whose ids differ, so a commit that changes one document of
 * ten thousand costs one pass over two documents/ trees.  Trees deeper
 * than a bound are listed as themselves rather than entered: nothing of a
 * dossier lies deeper than documents/, and a hostile push may nest
 * directories without end.
 */
#ifndef HLEG_TREEDIFF_H
#define HLEG_TREEDIFF_H

#include <stdint.h>

#include <git2.h>

/* Trees are entered to this depth (1: the root's own entries). */
#define TREEDIFF_DEPTH 2

struct tree_change {
	char		*path;
	git_delta_t	 status;	/* ADDED, DELETED or MODIFIED */
	git_oid		 old_id, new_id;	/* zero when absent */
	uint16_t	 old_mode, new_mode;	/* 0 when absent */
};

/* The subtrees read last, kept for the next call: a commit's documents/
 * is its child's parent's.  Zeroed before the first use. */
#define TREEDIFF_CACHE 4

struct treediff_cache {
	git_tree	*trees[TREEDIFF_CACHE];
	size_t		 next;
};

struct tree_changes {
	struct tree_change	*items;
	size_t			 count, alloc;
	/* What is wrong with the trees of b's side that were walked: a
	 * malloc'd message each, "DIR/: ...", with names escaped. */
	char			**malformed;
	size_t			 nmalformed;
};

/* Appends the changes from tree a to tree b (either may be NULL, an
 * empty tree) to out, reading subtrees through cache (or NULL).  Each
 * tree of b's side that it walks is checked first, as git fsck does: a
 * malformed one (see treediff_malformed) is listed in out->malformed and
 * not compared, since its order cannot be trusted.  a's trees are taken
 * as checked.  Returns 0, or -1 when a subtree cannot be read
 * (git_error_last() tells why). */
int	treediff(git_repository *repo, struct treediff_cache *cache,
	    git_tree *a, git_tree *b, struct tree_changes *out);
void	treediff_cache_clear(struct treediff_cache *cache);

/* Whether tree t is as git writes trees: no name empty, ".", "..",
 * ".git" in any case, or holding '/'; names in git's order (a tree's as if it ended in '/'), no
 * name twice; every mode, as stored, one of the five git writes (100644,
 * 100755, 120000, 040000, 160000), which libgit2 would otherwise
 * normalise.  Returns NULL, or a malloc'd description of the first entry
 * that is not, its name escaped. */
char	*treediff_malformed(const git_tree *t);
void	tree_changes_clear(struct tree_changes *c);

#endif
