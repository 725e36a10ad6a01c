/*
 * keyindex.h - an xsl:key indexed once per document, in linear time.
 *
 * libxslt builds an xsl:key by checking each node against the group it
 * joins, and copies the whole group on every key() call, so that a value
 * that k nodes share costs k squared.  The extension functions that
 * stand in for key() (hp:key... in paperkeys.h, hx:key-nth() and
 * hx:key-position() in rules.h) index instead each xsl:key they are
 * asked about, in each document, once: the nodes its match selects, in
 * document order, by each string its use gives, in time linear in the
 * document.  A node is in a group once, however many times its use gives
 * that value, as in key()'s node-set.
 *
 * A group of nodes: its nodes[0] to nodes[n - 1], in document order.
 * A hash table of groups, by value, is also what textpaper.c indexes a
 * collection's history in.
 *
 * Use, in an extension function of a transform whose struct keyindex
 * is ki (made by keyindex_new(), freed by keyindex_free() when the
 * transform ends):
 *
 *	if (keyindex_pop_group(ki, ctxt, "hx:fn", &g) == 0 && g != NULL)
 *		... g->nodes[0] ...
 */
#ifndef HLEG_KEYINDEX_H
#define HLEG_KEYINDEX_H

#include <stddef.h>

#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

/* The nodes of one value, in document order. */
struct keyindex_group {
	xmlNodePtr	*nodes;
	size_t		 n, alloc;
};

/* A hash table of groups, empty, that never fails to be made. */
xmlHashTablePtr	 keyindex_groups_new(void);

/* Adds node to the group of value in groups, made when it has none.
 * Nodes are added in document order: node comes after the group's last
 * node, or is that node, and then is not added again. */
void		 keyindex_groups_add(xmlHashTablePtr groups,
		    const xmlChar *value, xmlNodePtr node);

/* Frees groups (NULL or not) and its groups. */
void		 keyindex_groups_free(xmlHashTablePtr groups);

/* The indexes one transform has made: xsl:keys by document. */
struct keyindex;

struct keyindex	*keyindex_new(void);
void		 keyindex_free(struct keyindex *ki);

/*
 * Pops the arguments name and value (value on top) of the XPath function
 * fn, and finds the group of key(name, value) in the document of the
 * context node: the first xsl:key named name of the running stylesheet
 * or of those it imports, in import precedence, indexed into ki the
 * first time it is asked about in that document.  Returns 0 with the
 * group in *gp, NULL when no node has the value or when ki is NULL or
 * the context has no document; or -1, *gp NULL, when popping failed or
 * no transform runs, or after an XPath error set on ctxt (no such key,
 * or its match or use fails), reported as fn's.
 */
int		 keyindex_pop_group(struct keyindex *ki,
		    xmlXPathParserContextPtr ctxt, const char *fn,
		    const struct keyindex_group **gp);

#endif
