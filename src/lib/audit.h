/*
 * audit.h - judge one commit of a dossier against its parent: what the
 * commit changed (a tree diff), by whom, and whether the roster and
 * workflow definition of the parent allow it (SPEC section 3).
 *
 * A commit that changes a document's workflow record is an event commit:
 * it changes that one document, appends one step, and its trailers and
 * author tell that step.  Any other commit changes the content of drafts,
 * or, by the secretariat, the roster, the workflow definition and the
 * git attributes.  Every file it touches is in the dossier's layout and
 * every document it touches is valid at the commit.
 *
 * The findings name the commit and the file; their rules are HLEG-Vnnn,
 * the HLEG-Wnnn of the state machine when a recorded step is one that
 * hleg-transition would have refused, and the parser's, schema's and
 * rules' own ids for an invalid document.
 */
#ifndef HLEG_AUDIT_H
#define HLEG_AUDIT_H

#include <git2.h>

#include "diag.h"
#include "validate.h"

/* The diagnostics about one file of one commit, or about the commit as
 * a whole (path NULL). */
struct finding {
	git_oid			 commit;
	char			*path;
	struct diag_list	 diags;
};

struct findings {
	struct finding	*items;
	size_t		 count, alloc;
	size_t		 errors;	/* diagnostics of level error */
};

/* Adds an error about path (NULL: the commit) of commit to f. */
void	findings_add(struct findings *f, const git_oid *commit,
	    const char *path, const char *rule, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));
void	findings_clear(struct findings *f);

/* "1a2b3c4d" or "1a2b3c4d:documents/X.xml", as messages name files at a
 * commit (malloc'd). */
char	*finding_name(const struct finding *f);

/* Whether path is documents/ID.xml, with ID a document id, which goes
 * into id. */
int	audit_document_path(const char *path, char id[65]);

struct audit;

/* An auditor of the repository, with its own validator (one thread). */
struct audit	*audit_new(git_repository *repo,
		    const struct validate_setup *setup);
void		 audit_free(struct audit *a);

/* Checks the dossier's first commit, which is trusted: only that it
 * holds a valid roster and workflow definition.  Returns 0, or -1 after
 * a message when the repository cannot be read. */
int	audit_root(struct audit *a, git_commit *c, struct findings *out);

/* Checks commit c against its first parent; a merge may bring the
 * content of drafts but no event.  Returns 0, or -1 after a message when
 * the repository cannot be read. */
int	audit_commit(struct audit *a, git_commit *c, struct findings *out);

#endif
