/*
 * keyindex.c - xsl:key indexed once per document, for the extension
 * functions that stand in for key().
 */
#include <stdlib.h>

#include <libxml/hash.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "keyindex.h"
#include "msg.h"
#include "util.h"

/* One document indexed by one xsl:key. */
struct index {
	struct index		*next;
	const xsltKeyDef	*key;
	xmlDocPtr		 doc;
	xmlHashTablePtr		 groups;	/* value -> keyindex_group */
};

struct keyindex {
	struct index	*indexes;
};

xmlHashTablePtr
keyindex_groups_new(void)
{
	xmlHashTablePtr	 groups;

	if ((groups = xmlHashCreate(0)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	return groups;
}

void
keyindex_groups_add(xmlHashTablePtr groups, const xmlChar *value,
    xmlNodePtr node)
{
	struct keyindex_group	*g;

	if ((g = xmlHashLookup(groups, value)) == NULL) {
		g = xcalloc(1, sizeof(*g));
		if (xmlHashAddEntry(groups, value, g) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	}
	/* The nodes come in document order, each once for a value: no
	 * search, unlike libxslt's own keys.  A node whose use gives one
	 * value twice is kept once. */
	if (g->n > 0 && g->nodes[g->n - 1] == node)
		return;
	if (g->n == g->alloc) {
		g->alloc = g->alloc ? g->alloc * 2 : 4;
		g->nodes = xrealloc(g->nodes, g->alloc * sizeof(*g->nodes));
	}
	g->nodes[g->n++] = node;
}

static void
group_free(void *payload, const xmlChar *name)
{
	struct keyindex_group	*g = payload;

	(void)name;
	free(g->nodes);
	free(g);
}

void
keyindex_groups_free(xmlHashTablePtr groups)
{
	xmlHashFree(groups, group_free);
}

struct keyindex *
keyindex_new(void)
{
	return xcalloc(1, sizeof(struct keyindex));
}

void
keyindex_free(struct keyindex *ki)
{
	struct index	*ix, *next;

	if (ki == NULL)
		return;
	for (ix = ki->indexes; ix != NULL; ix = next) {
		next = ix->next;
		keyindex_groups_free(ix->groups);
		free(ix);
	}
	free(ki);
}

/* Indexes ix->doc by ix->key as xsl:key says: the nodes its match
 * selects, in document order, by each string its use gives.  Returns 0,
 * or -1 when an expression fails. */
static int
index_build(xsltTransformContextPtr tctxt, struct index *ix)
{
	xmlXPathContextPtr	 xp = tctxt->xpathCtxt;
	xmlXPathObjectPtr	 match, use = NULL;
	xmlNodeSetPtr		 nodes;
	xmlNodePtr		 old_node = xp->node, old_current = tctxt->node;
	xmlDocPtr		 old_doc = xp->doc;
	xmlNsPtr		*old_ns = xp->namespaces;
	int			 old_nsnr = xp->nsNr, old_size = xp->contextSize;
	int			 old_pos = xp->proximityPosition, rc = 0;
	xmlChar			*value;

	xp->doc = ix->doc;
	xp->node = (xmlNodePtr)ix->doc;
	xp->namespaces = ix->key->nsList;
	xp->nsNr = ix->key->nsNr;
	match = xmlXPathCompiledEval(ix->key->comp, xp);
	if (match == NULL || match->type != XPATH_NODESET)
		rc = -1;
	nodes = match != NULL ? match->nodesetval : NULL;
	xp->contextSize = xp->proximityPosition = 1;
	for (int i = 0; rc == 0 && nodes != NULL && i < nodes->nodeNr; i++) {
		xmlNodePtr	 cur = nodes->nodeTab[i];

		xp->node = tctxt->node = cur;
		xmlXPathFreeObject(use);
		if ((use = xmlXPathCompiledEval(ix->key->usecomp, xp)) ==
		    NULL) {
			rc = -1;
			break;
		}
		if (use->type != XPATH_NODESET) {
			value = xmlXPathCastToString(use);
			keyindex_groups_add(ix->groups, value, cur);
			xmlFree(value);
			continue;
		}
		for (int k = 0; use->nodesetval != NULL &&
		    k < use->nodesetval->nodeNr; k++) {
			value = xmlXPathCastNodeToString(
			    use->nodesetval->nodeTab[k]);
			keyindex_groups_add(ix->groups, value, cur);
			xmlFree(value);
		}
	}
	xmlXPathFreeObject(use);
	xmlXPathFreeObject(match);
	xp->node = old_node;
	xp->doc = old_doc;
	xp->namespaces = old_ns;
	xp->nsNr = old_nsnr;
	xp->contextSize = old_size;
	xp->proximityPosition = old_pos;
	tctxt->node = old_current;
	return rc;
}

/* The first xsl:key named name in the running stylesheet or those it
 * imports, in import precedence. */
static const xsltKeyDef *
find_key(xsltTransformContextPtr tctxt, const xmlChar *name)
{
	xsltStylesheetPtr	 style;
	const xsltKeyDef	*key;

	for (style = tctxt->style; style != NULL;
	    style = xsltNextImport(style))
		for (key = style->keys; key != NULL; key = key->next)
			if (key->nameURI == NULL &&
			    xmlStrEqual(key->name, name))
				return key;
	return NULL;
}

/* The group of key(name, value) in doc, for keyindex_pop_group(). */
static int
lookup(struct keyindex *ki, xmlXPathParserContextPtr ctxt,
    xsltTransformContextPtr tctxt, xmlDocPtr doc, const char *fn,
    const xmlChar *name, const xmlChar *value,
    const struct keyindex_group **gp)
{
	struct index		*ix;
	const xsltKeyDef	*key;

	if ((key = find_key(tctxt, name)) == NULL || key->comp == NULL ||
	    key->usecomp == NULL) {
		xsltTransformError(tctxt, NULL, NULL, "%s(): no key '%s'\n",
		    fn, (const char *)name);
		xmlXPathSetError(ctxt, XPATH_EXPR_ERROR);
		return -1;
	}
	for (ix = ki->indexes; ix != NULL; ix = ix->next)
		if (ix->key == key && ix->doc == doc)
			break;
	if (ix == NULL) {
		ix = xcalloc(1, sizeof(*ix));
		ix->key = key;
		ix->doc = doc;
		ix->groups = keyindex_groups_new();
		ix->next = ki->indexes;
		ki->indexes = ix;
		if (index_build(tctxt, ix) != 0) {
			xsltTransformError(tctxt, NULL, NULL,
			    "%s(): key '%s' cannot be built\n", fn,
			    (const char *)name);
			xmlXPathSetError(ctxt, XPATH_EXPR_ERROR);
			return -1;
		}
	}
	*gp = xmlHashLookup(ix->groups, value);
	return 0;
}

int
keyindex_pop_group(struct keyindex *ki, xmlXPathParserContextPtr ctxt,
    const char *fn, const struct keyindex_group **gp)
{
	xsltTransformContextPtr	 tctxt = xsltXPathGetTransformContext(ctxt);
	xmlNodePtr		 node = ctxt->context->node;
	xmlDocPtr		 doc;
	xmlChar			*name, *value;
	int			 rc = 0;

	*gp = NULL;
	value = xmlXPathPopString(ctxt);
	name = xmlXPathPopString(ctxt);
	if (ctxt->error != 0 || name == NULL || value == NULL ||
	    tctxt == NULL)
		rc = -1;
	else {
		if (node != NULL && node->type == XML_NAMESPACE_DECL)
			node = NULL;
		doc = node != NULL ? node->doc : ctxt->context->doc;
		if (ki != NULL && doc != NULL)
			rc = lookup(ki, ctxt, tctxt, doc, fn, name, value, gp);
	}
	xmlFree(name);
	xmlFree(value);
	return rc;
}
