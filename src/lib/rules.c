/*
 * rules.c - compile and run the business rules.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

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

xmlDocPtr
rules_compile(const char *sch_path, const char *compiler_path)
{
	xsltStylesheetPtr	 compiler;
	xsltTransformContextPtr	 ctxt;
	xmlDocPtr		 sch, out = NULL;
	char			*errors = NULL;

	xsltRegisterExtModuleFunction((const xmlChar *)"line",
	    (const xmlChar *)HLEG_XSLT_NS, fn_line);
	xsltRegisterExtModuleFunction((const xmlChar *)"roster",
	    (const xmlChar *)HLEG_XSLT_NS, fn_roster);
	xsltRegisterExtModuleFunction((const xmlChar *)"roster-member",
	    (const xmlChar *)HLEG_XSLT_NS, fn_roster_member);
	xsltRegisterExtModuleFunction((const xmlChar *)"roster-person",
	    (const xmlChar *)HLEG_XSLT_NS, fn_roster_person);

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
	struct run		 run = { roster };
	xmlDocPtr		 batch, out = NULL;
	xmlNodePtr		*placeholders;
	char			*errors = NULL;

	if (n == 0)
		return;
	placeholders = xcalloc(n, sizeof(*placeholders));
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
	free(errors);
}
