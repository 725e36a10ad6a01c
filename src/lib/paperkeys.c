/*
 * paperkeys.c - xsl:key lookups for the briefing papers, indexed once
 * (keyindex.c).
 */
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "keyindex.h"
#include "msg.h"
#include "paperkeys.h"
#include "util.h"
#include "xslt.h"

static void *
keys_init(xsltTransformContextPtr tctxt, const xmlChar *uri)
{
	(void)tctxt; (void)uri;
	return keyindex_new();
}

static void
keys_shutdown(xsltTransformContextPtr tctxt, const xmlChar *uri, void *data)
{
	(void)tctxt; (void)uri;
	keyindex_free(data);
}

/* Pops the arguments name and value, and finds the group of
 * key(name, value) as keyindex_pop_group() does, in this transform's
 * indexes.  Returns 0 with the group in *gp (NULL when no node has the
 * value), or -1 after an XPath error. */
static int
key_group(xmlXPathParserContextPtr ctxt, int nargs, const char *fn,
    const struct keyindex_group **gp)
{
	xsltTransformContextPtr	 tctxt = xsltXPathGetTransformContext(ctxt);

	*gp = NULL;
	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return -1;
	}
	return keyindex_pop_group(tctxt != NULL ? xsltGetExtData(tctxt,
	    (const xmlChar *)PAPER_KEYS_NS) : NULL, ctxt, fn, gp);
}

/* hp:key(name, value): the group, a node-set of its own. */
static void
fn_key(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct keyindex_group	*g;
	xmlNodeSetPtr			 set;

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
	const struct keyindex_group	*g;

	if (key_group(ctxt, nargs, "hp:key-first", &g) != 0)
		return;
	valuePush(ctxt, xmlXPathNewNodeSet(g != NULL && g->n > 0 ?
	    g->nodes[0] : NULL));
}

/* hp:key-count(name, value): the number of nodes of the group. */
static void
fn_key_count(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct keyindex_group	*g;

	if (key_group(ctxt, nargs, "hp:key-count", &g) != 0)
		return;
	valuePush(ctxt, xmlXPathNewFloat(g != NULL ? (double)g->n : 0));
}

static const struct xslt_function functions[] = {
	{ "key",	fn_key },
	{ "key-first",	fn_key_first },
	{ "key-count",	fn_key_count },
	{ NULL,		NULL }
};

void
paper_keys_register(void)
{
	xsltRegisterExtModule((const xmlChar *)PAPER_KEYS_NS, keys_init,
	    keys_shutdown);
	xslt_register_functions(PAPER_KEYS_NS, functions);
}
