/*
 * rules.c - compile and run the business rules.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/transform.h>
#include <libxslt/xsltutils.h>

#include "rules.h"
#include "util.h"
#include "xslt.h"

struct rules {
	xsltStylesheetPtr	 style;
};

/* What an extension function needs to know about the run it serves. */
struct run {
	xmlDocPtr	 roster;
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
		root = xmlDocGetRootElement(run->roster);
	valuePush(ctxt, xmlXPathNewNodeSet(root));
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

	if ((compiler = xslt_load(compiler_path)) == NULL)
		return NULL;
	sch = xmlReadFile(sch_path, NULL, XML_PARSE_NONET);
	if (sch == NULL) {
		warnx("%s: cannot read the rules", sch_path);
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
		warnx("%s: cannot compile the rules: %s", sch_path,
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
		warnx("the compiled rules are not a stylesheet");
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

int
rules_check(struct rules *r, xmlDocPtr doc, xmlDocPtr roster,
    const struct source *src, struct diag_list *diags)
{
	xsltTransformContextPtr	 ctxt;
	struct run		 run = { roster };
	xmlDocPtr		 out;
	xmlNodePtr		 root;
	char			*errors = NULL;
	int			 worst = 0;

	if ((ctxt = xslt_context(r->style, doc, &errors)) == NULL) {
		diag_add(diags, DIAG_ERROR, 0, 0, "HLEG-R000",
		    "cannot run the rules");
		return DIAG_ERROR;
	}
	ctxt->_private = &run;
	out = xsltApplyStylesheetUser(r->style, doc, NULL, NULL, NULL, ctxt);
	if (out == NULL || ctxt->state != XSLT_STATE_OK) {
		diag_add(diags, DIAG_ERROR, 0, 0, "HLEG-R000",
		    "the rules failed on this document: %s",
		    errors ? errors : "unknown error");
		worst = DIAG_ERROR;
		goto done;
	}
	root = xmlDocGetRootElement(out);
	for (xmlNodePtr d = root ? root->children : NULL; d; d = d->next) {
		char		*rule, *level, *line, *name, *msg;
		enum diag_level	 lv;
		long		 ln;

		if (d->type != XML_ELEMENT_NODE)
			continue;
		rule = attribute(d, "rule");
		level = attribute(d, "level");
		line = attribute(d, "line");
		name = attribute(d, "name");
		msg = (char *)xmlNodeGetContent(d);
		lv = level && strcmp(level, "warning") == 0 ? DIAG_WARNING :
		    DIAG_ERROR;
		ln = line ? strtol(line, NULL, 10) : 0;
		if (msg != NULL)
			squeeze(msg);
		diag_add(diags, lv, ln, source_column(src, ln, name),
		    rule ? rule : "HLEG-R000", "%s", msg ? msg : "");
		if ((int)lv > worst)
			worst = lv;
		xmlFree(rule);
		xmlFree(level);
		xmlFree(line);
		xmlFree(name);
		xmlFree(msg);
	}
done:
	xmlFreeDoc(out);
	xsltFreeTransformContext(ctxt);
	free(errors);
	return worst;
}
