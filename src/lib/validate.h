/*
 * validate.h - check one document: parse it safely, recognise its kind by
 * its root element, validate it against the schema, run the business
 * rules.  This is hleg-validate's work, and every program that writes a
 * document checks its result the same way.
 *
 * validate_setup() does the process-wide, single-threaded part once: the
 * safety defences, XSLT security, the schema and the compiled rules.  A
 * validator is then made per thread.
 */
#ifndef HLEG_VALIDATE_H
#define HLEG_VALIDATE_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "diag.h"
#include "roster.h"
#include "source.h"

#define HLEG_NS "urn:hleg:1"

enum kind {
	KIND_NONE,		/* not an hleg document */
	KIND_PROPOSAL,
	KIND_REPORT,
	KIND_ROSTER,
	KIND_COLLECTION,
	KIND_WORKFLOW		/* a workflow definition */
};

/* What every thread shares, read-only once made. */
struct validate_setup {
	xmlSchemaPtr	 schema;
	xmlDocPtr	 rules;		/* the compiled rules stylesheet */
};

/* Initialises libxml2, the safety defences and libxslt, loads the schema
 * and compiles the rules.  Returns 0, or -1 after a message. */
int	validate_setup(struct validate_setup *setup);
void	validate_cleanup(struct validate_setup *setup);

/* The kind of doc from its root element. */
enum kind	kind_of(xmlDocPtr doc);
const char	*kind_name(enum kind kind);

/* Whether doc, read from src, the file of document id, holds that
 * document; when not, adds HLEG-W017 to diags. */
int		 kind_id_matches(xmlDocPtr doc, const char *id,
		    const struct source *src, struct diag_list *diags);

struct validator;

struct validator	*validator_new(const struct validate_setup *setup);
void			 validator_free(struct validator *v);

/* Checks src against the schema and rules; roster, when not NULL, is
 * the roster that member references are checked against.  Adds the
 * diagnostics to diags and returns the worst level (0 when clean).  When
 * docp is not NULL and the document could be parsed, *docp receives it
 * (the caller frees it); otherwise it is freed here. */
int	validator_check(struct validator *v, const struct source *src,
	    const struct roster *roster, struct diag_list *diags,
	    xmlDocPtr *docp);

/* One document of validator_check_many(). */
struct validate_item {
	const struct source	*src;
	struct diag_list	*diags;
};

/* Checks n documents that share one roster (or none), as
 * validator_check() does each, but running the rules over all of them
 * in one transform, which is much cheaper than n. */
void	validator_check_many(struct validator *v, struct validate_item *items,
	    size_t n, const struct roster *roster);

#endif
