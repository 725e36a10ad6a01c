/*
 * rules.c - compile and run the business rules.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "keyindex.h"
#include "msg.h"
#include "rules.h"
#include "util.h"
#include "xslt.h"

struct rules {
	xsltStylesheetPtr	 style;
};

/* What an extension function needs to know about the run it serves. */
struct run {
	const struct roster	*roster;
	struct keyindex		*keys;		/* the xsl:keys indexed */
	struct rules_input	*in;		/* the documents checked */
	size_t			 n;
	size_t			*kept;		/* diagnostics made, each */
};

static void
fn_line(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr	 set;
	xmlNodePtr		 node;
	long			 line = 0;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if ((set = valuePop(ctxt)) == NULL || set->type != XPATH_NODESET) {
		xmlXPathFreeObject(set);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	if (set->nodesetval != NULL && set->nodesetval->nodeNr > 0) {
		node = set->nodesetval->nodeTab[0];
		if (node->type == XML_ATTRIBUTE_NODE)
			node = node->parent;
		line = node ? xmlGetLineNo(node) : 0;
	}
	xmlXPathFreeObject(set);
	valuePush(ctxt, xmlXPathNewFloat(line > 0 ? (double)line : 0));
}

static void
fn_roster(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr	 tctxt;
	struct run		*run;
	xmlNodePtr		 root = NULL;

	if (nargs != 0) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	tctxt = xsltXPathGetTransformContext(ctxt);
	run = tctxt ? tctxt->_private : NULL;
	if (run != NULL && run->roster != NULL)
		root = xmlDocGetRootElement(roster_doc(run->roster));
	valuePush(ctxt, xmlXPathNewNodeSet(root));
}

/* hx:roster-member(id) and hx:roster-person(id). */
static void
lookup(xmlXPathParserContextPtr ctxt, int nargs,
    xmlNodePtr (*find)(const struct roster *, const char *))
{
	xsltTransformContextPtr	 tctxt;
	struct run		*run;
	xmlNodePtr		 node = NULL;
	xmlChar			*id;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if ((id = xmlXPathPopString(ctxt)) == NULL)
		return;
	tctxt = xsltXPathGetTransformContext(ctxt);
	run = tctxt ? tctxt->_private : NULL;
	if (run != NULL && run->roster != NULL)
		node = find(run->roster, (const char *)id);
	xmlFree(id);
	valuePush(ctxt, xmlXPathNewNodeSet(node));
}

static void
fn_roster_member(xmlXPathParserContextPtr ctxt, int nargs)
{
	lookup(ctxt, nargs, roster_member);
}

static void
fn_roster_person(xmlXPathParserContextPtr ctxt, int nargs)
{
	lookup(ctxt, nargs, roster_person);
}

/* The key indexes of the run ctxt serves, or NULL. */
static struct keyindex *
run_keys(xmlXPathParserContextPtr ctxt)
{
	xsltTransformContextPtr	 tctxt = xsltXPathGetTransformContext(ctxt);
	struct run		*run = tctxt ? tctxt->_private : NULL;

	return run != NULL ? run->keys : NULL;
}

/*
 * hx:key-nth(name, value, n): the n-th node, in document order, of
 * key(name, value), or an empty node-set.
 *
 * libxslt's key() copies the whole group on every call, and its keys are
 * built by checking each node against the group it joins, so that a value
 * shared by k nodes costs k squared.  Here each key is indexed once per
 * document, in linear time, and looked up in constant time.
 */
static void
fn_key_nth(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct keyindex_group	*g;
	xmlNodePtr			 found = NULL;
	double				 n;

	if (nargs != 3) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	n = xmlXPathPopNumber(ctxt);
	if (keyindex_pop_group(run_keys(ctxt), ctxt, "hx:key-nth", &g) == 0 &&
	    g != NULL && n >= 1 && n <= (double)g->n &&
	    n == (double)(size_t)n)
		found = g->nodes[(size_t)n - 1];
	if (ctxt->error == 0)
		valuePush(ctxt, xmlXPathNewNodeSet(found));
}

/*
 * hx:key-position(name, value): the position of the context node in
 * key(name, value), in document order from 1, or 0 when it is not there;
 * found by bisection.  It says, without comparing the node with others
 * (generate-id() is slow in Debian's libxslt 1.1.35, growing with the
 * nodes it has named), whether the node is the first of its value.
 */
static void
fn_key_position(xmlXPathParserContextPtr ctxt, int nargs)
{
	const struct keyindex_group	*g;
	xmlNodePtr			 node = ctxt->context->node;
	size_t				 lo = 0, hi, mid;
	int				 cmp, pos = 0;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (keyindex_pop_group(run_keys(ctxt), ctxt, "hx:key-position",
	    &g) == 0 && g != NULL && node != NULL) {
		/* xmlXPathCmpNodes(a, b) is 1 when a comes first. */
		for (hi = g->n; lo < hi;) {
			mid = lo + (hi - lo) / 2;
			if ((cmp = xmlXPathCmpNodes(node, g->nodes[mid])) == 0) {
				pos = (int)mid + 1;
				break;
			}
			if (cmp > 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	if (ctxt->error == 0)
		valuePush(ctxt, xmlXPathNewFloat(pos));
}

/*
 * hx:keep(document, level): whether the transform should write one more
 * diagnostic of level ('error' or 'warning') about the document-th
 * document of the batch.  A document keeps DIAG_MAX diagnostics; those
 * past them are only counted, as diag_add() would, so that a document
 * that breaks a rule a hundred thousand times does not make a result tree
 * of a hundred thousand messages.
 */
static void
fn_keep(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr	 tctxt;
	struct run		*run;
	struct diag_list	*diags;
	enum diag_level		 level;
	xmlChar			*lv;
	double			 doc;
	int			 keep = 1;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	lv = xmlXPathPopString(ctxt);
	doc = xmlXPathPopNumber(ctxt);
	tctxt = xsltXPathGetTransformContext(ctxt);
	run = tctxt ? tctxt->_private : NULL;
	if (ctxt->error == 0 && run != NULL && lv != NULL && doc >= 0 &&
	    doc < (double)run->n) {
		diags = run->in[(size_t)doc].diags;
		level = xmlStrEqual(lv, (const xmlChar *)"warning") ?
		    DIAG_WARNING : DIAG_ERROR;
		if (diags->count + run->kept[(size_t)doc] >= DIAG_MAX) {
			keep = 0;
			diags->dropped++;
			if (level > diags->worst)
				diags->worst = level;
		} else
			run->kept[(size_t)doc]++;
	}
	xmlFree(lv);
	if (ctxt->error == 0)
		valuePush(ctxt, xmlXPathNewBoolean(keep));
}

/*
 * hx:union(node-set, ...): the union of its arguments, in document order,
 * each node once.  XPath's "|" compares every node of one side with every
 * node of the other; here the nodes are put together, sorted (the
 * arguments are each in document order already) and their repeats
 * dropped.
 */
static void
fn_union(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr	 arg;
	xmlNodeSetPtr		 set;
	int			 n = 0;

	if ((set = xmlXPathNodeSetCreate(NULL)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	for (int i = 0; i < nargs; i++) {
		if ((arg = valuePop(ctxt)) == NULL ||
		    arg->type != XPATH_NODESET) {
			xmlXPathFreeObject(arg);
			xmlXPathFreeNodeSet(set);
			xmlXPathSetTypeError(ctxt);
			return;
		}
		for (int k = 0; arg->nodesetval != NULL &&
		    k < arg->nodesetval->nodeNr; k++)
			if (xmlXPathNodeSetAddUnique(set,
			    arg->nodesetval->nodeTab[k]) != 0)
				msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
		xmlXPathFreeObject(arg);
	}
	xmlXPathNodeSetSort(set);
	for (int i = 0; i < set->nodeNr; i++)
		if (n == 0 || set->nodeTab[i] != set->nodeTab[n - 1])
			set->nodeTab[n++] = set->nodeTab[i];
	set->nodeNr = n;
	valuePush(ctxt, xmlXPathWrapNodeSet(set));
}

static const struct xslt_function functions[] = {
	{ "line",		fn_line },
	{ "roster",		fn_roster },
	{ "roster-member",	fn_roster_member },
	{ "roster-person",	fn_roster_person },
	{ "key-nth",		fn_key_nth },
	{ "key-position",	fn_key_position },
	{ "keep",		fn_keep },
	{ "union",		fn_union },
	{ NULL,			NULL }
};

xmlDocPtr
rules_compile(const char *sch_path, const char *compiler_path)
{
	xsltStylesheetPtr	 compiler;
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 sch, out = NULL;
	char			*errors = NULL;

	xslt_register_functions(HLEG_XSLT_NS, functions);
	if ((compiler = xslt_load(compiler_path)) == NULL)
		return NULL;
	sch = xmlReadFile(sch_path, NULL, XML_PARSE_NONET);
	if (sch == NULL) {
		msg_warnx("%s: cannot read the rules", sch_path);
		xsltFreeStylesheet(compiler);
		return NULL;
	}
	if ((ctxt = xslt_context(compiler, sch, &errors)) != NULL) {
		out = xsltApplyStylesheetUser(compiler, sch, NULL, NULL, NULL,
		    ctxt);
		if (ctxt->state != XSLT_STATE_OK && out != NULL) {
			xmlFreeDoc(out);
			out = NULL;
		}
		xsltFreeTransformContext(ctxt);
	}
	if (out == NULL)
		msg_warnx("%s: cannot compile the rules: %s", sch_path,
		    errors ? errors : "unknown error");
	free(errors);
	xmlFreeDoc(sch);
	xsltFreeStylesheet(compiler);
	return out;
}

struct rules *
rules_new(xmlDocPtr compiled)
{
	struct rules	*r;
	xmlDocPtr	 copy;

	if ((copy = xmlCopyDoc(compiled, 1)) == NULL)
		return NULL;
	r = xcalloc(1, sizeof(*r));
	/* The stylesheet owns the copy from here on. */
	if ((r->style = xsltParseStylesheetDoc(copy)) == NULL) {
		xmlFreeDoc(copy);
		free(r);
		msg_warnx("the compiled rules are not a stylesheet");
		return NULL;
	}
	return r;
}

void
rules_free(struct rules *r)
{
	if (r == NULL)
		return;
	xsltFreeStylesheet(r->style);
	free(r);
}

/* Collapses runs of white space to one space, in place, and trims. */
static void
squeeze(char *s)
{
	char	*o = s;
	int	 space = 1;

	for (char *p = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (!space)
				*o++ = ' ';
			space = 1;
		} else {
			*o++ = *p;
			space = 0;
		}
	}
	if (o > s && o[-1] == ' ')
		o--;
	*o = '\0';
}

static char *
attribute(xmlNodePtr node, const char *name)
{
	return (char *)xmlGetProp(node, (const xmlChar *)name);
}

/* Lends the roots of the documents to a new batch document, leaving a
 * placeholder in each; lend_back() undoes it. */
static xmlDocPtr
lend(struct rules_input *in, size_t n, xmlNodePtr *placeholders)
{
	xmlDocPtr	 batch;
	xmlNodePtr	 top, root;

	batch = xmlNewDoc((const xmlChar *)"1.0");
	top = xmlNewDocNode(batch, NULL, (const xmlChar *)"batch", NULL);
	if (batch == NULL || top == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	xmlDocSetRootElement(batch, top);
	for (size_t i = 0; i < n; i++) {
		root = xmlDocGetRootElement(in[i].doc);
		placeholders[i] = xmlNewDocComment(in[i].doc,
		    (const xmlChar *)"");
		xmlReplaceNode(root, placeholders[i]);
		xmlAddChild(top, root);
	}
	return batch;
}

static void
lend_back(xmlDocPtr batch, struct rules_input *in, size_t n,
    xmlNodePtr *placeholders)
{
	xmlNodePtr	 root, next;

	root = xmlDocGetRootElement(batch)->children;
	for (size_t i = 0; i < n; i++, root = next) {
		next = root->next;
		xmlUnlinkNode(root);
		xmlSetTreeDoc(root, in[i].doc);
		xmlReplaceNode(placeholders[i], root);
		xmlFreeNode(placeholders[i]);
	}
	xmlFreeDoc(batch);
}

void
rules_check(struct rules *r, struct rules_input *in, size_t n,
    const struct roster *roster)
{
	xsltTransformContextPtr	 ctxt;
	struct run		 run = { roster, NULL, in, n, NULL };
	xmlDocPtr		 batch, out = NULL;
	xmlNodePtr		*placeholders;
	char			*errors = NULL;

	if (n == 0)
		return;
	placeholders = xcalloc(n, sizeof(*placeholders));
	run.keys = keyindex_new();
	run.kept = xcalloc(n, sizeof(*run.kept));
	batch = lend(in, n, placeholders);
	if ((ctxt = xslt_context(r->style, batch, &errors)) != NULL) {
		ctxt->_private = &run;
		out = xsltApplyStylesheetUser(r->style, batch, NULL, NULL,
		    NULL, ctxt);
		if (ctxt->state != XSLT_STATE_OK) {
			xmlFreeDoc(out);
			out = NULL;
		}
		xsltFreeTransformContext(ctxt);
	}
	keyindex_free(run.keys);
	if (out == NULL)
		for (size_t i = 0; i < n; i++)
			diag_add(in[i].diags, DIAG_ERROR, 0, 0, "HLEG-R000",
			    "the rules failed on this document: %s",
			    errors ? errors : "unknown error");
	for (xmlNodePtr d = out ? xmlDocGetRootElement(out) : NULL,
	    c = d ? d->children : NULL; c != NULL; c = c->next) {
		char		*doc, *rule, *level, *line, *name, *msg;
		enum diag_level	 lv;
		unsigned long	 i;
		long		 ln;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		doc = attribute(c, "doc");
		rule = attribute(c, "rule");
		level = attribute(c, "level");
		line = attribute(c, "line");
		name = attribute(c, "name");
		msg = (char *)xmlNodeGetContent(c);
		i = doc ? strtoul(doc, NULL, 10) : 0;
		if (i < n) {
			lv = level && strcmp(level, "warning") == 0 ?
			    DIAG_WARNING : DIAG_ERROR;
			ln = line ? strtol(line, NULL, 10) : 0;
			if (msg != NULL)
				squeeze(msg);
			/* A column is found by reading the source up to
			 * its line: only for diagnostics that are kept, or
			 * many would make the reading quadratic. */
			diag_add(in[i].diags, lv, ln,
			    in[i].diags->count >= DIAG_MAX ? 0 :
			    source_column(in[i].src, ln, name),
			    rule ? rule : "HLEG-R000", "%s", msg ? msg : "");
		}
		xmlFree(doc);
		xmlFree(rule);
		xmlFree(level);
		xmlFree(line);
		xmlFree(name);
		xmlFree(msg);
	}
	xmlFreeDoc(out);
	lend_back(batch, in, n, placeholders);
	free(placeholders);
	free(run.kept);
	free(errors);
}
