/*
 * rules.h - business rules: ISO Schematron (schemas/rules.sch) compiled to
 * XSLT by the toolkit's own compiler (stylesheets/schematron.xsl) and run
 * with libxslt.
 *
 * rules_init() registers the XPath extension functions the rules use and
 * compiles the schema once, before threads start; each thread then makes
 * its own stylesheet from the compiled document with rules_new().
 *
 * Extension functions, namespace urn:hleg:xslt:
 *	hx:line(node-set)	the line of the first node
 *	hx:roster()		the root element of the roster checked
 *				against, or an empty node-set
 *	hx:roster-member(id)	the roster's member with that id, or an
 *				empty node-set
 *	hx:roster-person(id)	the roster's member or official with that
 *				id, or an empty node-set
 *	hx:key-nth(name, value, n)
 *				key(name, value)[n]: the n-th node, in
 *				document order, of an xsl:key's group, or an
 *				empty node-set
 *	hx:key-position(name, value)
 *				the position of the context node in
 *				key(name, value), from 1, or 0
 *	hx:union(node-set, ...)	the union of node-sets, in document order
 *	hx:keep(doc, level)	whether the doc-th document of the batch
 *				takes one more diagnostic of level 'error'
 *				or 'warning' (the compiler's; see
 *				rules_check())
 * The roster functions and the key functions look up an index, where
 * XPath would compare every entry: the rules' cost grows with a
 * document's size and no faster.  libxslt's own key() is not used (the
 * compiler refuses it): it copies a key's group on every call, and builds
 * each group by comparing every node with those already in it.  Each key
 * is indexed instead on its first use in a run, by the xsl:key's match
 * and use, in linear time.  XPath's "|" compares every node of one side
 * with every node of the other; hx:union() sorts.
 */
#ifndef HLEG_RULES_H
#define HLEG_RULES_H

#include <libxml/tree.h>

#include "diag.h"
#include "roster.h"
#include "source.h"

#define HLEG_XSLT_NS "urn:hleg:xslt"

/* Compiles the Schematron schema at sch_path with the compiler at
 * compiler_path.  Returns the compiled stylesheet as a document, or NULL
 * after a message. */
xmlDocPtr	 rules_compile(const char *sch_path, const char *compiler_path);

struct rules;

/* A rule checker for one thread, made from rules_compile()'s result. */
struct rules	*rules_new(xmlDocPtr compiled);
void		 rules_free(struct rules *r);

/* One document of a batch: the document, where it was read from, and
 * where its diagnostics go. */
struct rules_input {
	xmlDocPtr		 doc;
	const struct source	*src;
	struct diag_list	*diags;
};

/* Runs the rules on n documents in one transform; roster may be NULL.
 * The documents' root elements are lent to a batch document for the
 * transform and given back before it returns.  Adds a diagnostic per
 * failed rule to the document it concerns; past DIAG_MAX of them, the
 * transform only counts them (hx:keep()), as diag_add() would. */
void	rules_check(struct rules *r, struct rules_input *in, size_t n,
	    const struct roster *roster);

#endif
