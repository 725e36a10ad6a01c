/*
 * paperkeys.c - xsl:key lookups for the briefing papers, indexed once.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/imports.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "msg.h"
#include "paperkeys.h"
#include "util.h"

/* The nodes of one value of a key, in document order. */
struct group {
	xmlNodePtr	*nodes;
	size_t		 n, alloc;
};

/* One document indexed by one xsl:key. */
struct index {
	struct index		*next;
	const xsltKeyDef	*key;
	xmlDocPtr		 doc;
	xmlHashTablePtr		 groups;	/* value -> struct group */
};

/* What a transform has indexed: the module's data for its context. */
struct paper_keys {
	struct index	*indexes;
};

static void
group_free(void *payload, const xmlChar *name)
{
	struct group	*g = payload;

	(void)name;
	free(g->nodes);
	free(g);
}

static void *
keys_init(xsltTransformContextPtr tctxt, const xmlChar *uri)
{
	(void)tctxt; (void)uri;
	return xcalloc(1, sizeof(struct paper_keys));
}

static void
keys_shutdown(xsltTransformContextPtr tctxt, const xmlChar *uri, void *data)
{
	struct paper_keys	*pk = data;
	struct index		*ix, *next;

	(void)tctxt; (void)uri;
	if (pk == NULL)
		return;
	for (ix = pk->indexes; ix != NULL; ix = next) {
		next = ix->next;
		xmlHashFree(ix->groups, group_free);
		free(ix);
	}
	free(pk);
}

static void
index_add(struct index *ix, const xmlChar *value, xmlNodePtr node)
{
	struct group	*g;

	if ((g = xmlHashLookup(ix->groups, value)) == NULL) {
		g = xcalloc(1, sizeof(*g));
		if (xmlHashAddEntry(ix->groups, value, g) != 0)
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
			index_add(ix, value, cur);
			xmlFree(value);
			continue;
		}
		for (int k = 0; use->nodesetval != NULL &&
		    k < use->nodesetval->nodeNr; k++) {
			value = xmlXPathCastNodeToString(
			    use->nodesetval->nodeTab[k]);
			index_add(ix, value, cur);
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

/* Pops the arguments name and value, and finds the group of
 * key(name, value) in the document of the context node, indexing the
 * document first if it has not been.  Returns 0 with the group in *gp
 * (NULL when no node has the value), or -1 after an XPath error. */
static int
key_group(xmlXPathParserContextPtr ctxt, int nargs, const char *fn,
    struct group **gp)
{
	xsltTransformContextPtr	 tctxt = xsltXPathGetTransformContext(ctxt);
	struct paper_keys	*pk;
	struct index		*ix;
	const xsltKeyDef	*key;
	xmlNodePtr		 node = ctxt->context->node;
	xmlDocPtr		 doc;
	xmlChar			*name, *value;
	int			 rc = 0;

	*gp = NULL;
	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return -1;
	}
	value = xmlXPathPopString(ctxt);
	name = xmlXPathPopString(ctxt);
	if (ctxt->error != 0 || name == NULL || value == NULL ||
	    tctxt == NULL) {
		rc = -1;
		goto out;
	}
	if (node != NULL && node->type == XML_NAMESPACE_DECL)
		node = NULL;
	doc = node != NULL ? node->doc : ctxt->context->doc;
	if (doc == NULL ||
	    (pk = xsltGetExtData(tctxt, (const xmlChar *)PAPER_KEYS_NS)) ==
	    NULL)
		goto out;
	if ((key = find_key(tctxt, name)) == NULL || key->comp == NULL ||
	    key->usecomp == NULL) {
		xsltTransformError(tctxt, NULL, NULL, "%s(): no key '%s'\n",
		    fn, (const char *)name);
		xmlXPathSetError(ctxt, XPATH_EXPR_ERROR);
		rc = -1;
		goto out;
	}
	for (ix = pk->indexes; ix != NULL; ix = ix->next)
		if (ix->key == key && ix->doc == doc)
			break;
	if (ix == NULL) {
		ix = xcalloc(1, sizeof(*ix));
		ix->key = key;
		ix->doc = doc;
		if ((ix->groups = xmlHashCreate(0)) == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
		ix->next = pk->indexes;
		pk->indexes = ix;
		if (index_build(tctxt, ix) != 0) {
			xsltTransformError(tctxt, NULL, NULL,
			    "%s(): key '%s' cannot be built\n", fn,
			    (const char *)name);
			xmlXPathSetError(ctxt, XPATH_EXPR_ERROR);
			rc = -1;
			goto out;
		}
	}
	*gp = xmlHashLookup(ix->groups, value);
out:
	xmlFree(name);
	xmlFree(value);
	return rc;
}

/* hp:key(name, value): the group, a node-set of its own. */
static void
fn_key(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct group	*g;
	xmlNodeSetPtr	 set;

	if (key_group(ctxt, nargs, "hp:key", &g) != 0)
		return;
	if ((set = xmlXPathNodeSetCreate(NULL)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	for (size_t i = 0; g != NULL && i < g->n; i++)
		if (xmlXPathNodeSetAddUnique(set, g->nodes[i]) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	valuePush(ctxt, xmlXPathWrapNodeSet(set));
}

/* hp:key-first(name, value): the first node of the group, or none. */
static void
fn_key_first(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct group	*g;

	if (key_group(ctxt, nargs, "hp:key-first", &g) != 0)
		return;
	valuePush(ctxt, xmlXPathNewNodeSet(g != NULL && g->n > 0 ?
	    g->nodes[0] : NULL));
}

/* hp:key-count(name, value): the number of nodes of the group. */
static void
fn_key_count(xmlXPathParserContextPtr ctxt, int nargs)
{
	struct group	*g;

	if (key_group(ctxt, nargs, "hp:key-count", &g) != 0)
		return;
	valuePush(ctxt, xmlXPathNewFloat(g != NULL ? (double)g->n : 0));
}

void
paper_keys_register(void)
{
	const xmlChar	*ns = (const xmlChar *)PAPER_KEYS_NS;

	xsltRegisterExtModule(ns, keys_init, keys_shutdown);
	xsltRegisterExtModuleFunction((const xmlChar *)"key", ns, fn_key);
	xsltRegisterExtModuleFunction((const xmlChar *)"key-first", ns,
	    fn_key_first);
	xsltRegisterExtModuleFunction((const xmlChar *)"key-count", ns,
	    fn_key_count);
}
