/*
 * schema.c - XSD validation with diagnostics that read well: libxml2's
 * messages with the hleg namespace dropped from element names, at the
 * offending element's line and column.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "msg.h"
#include "parse.h"
#include "schema.h"
#include "util.h"

#define HLEG_NS_BRACED "{urn:hleg:1}"

struct schema_checker {
	xmlSchemaValidCtxtPtr	 vctxt;
	struct diag_list	*diags;
	const struct source	*src;
};

static void
parser_complaint(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (e != NULL && e->level >= XML_ERR_ERROR)
		msg_warnx("%s:%d: %s", e->file ? e->file : "schema", e->line,
		    e->message ? e->message : "error");
}

xmlSchemaPtr
schema_load(const char *path)
{
	xmlSchemaParserCtxtPtr	 pctxt;
	xmlSchemaPtr		 schema;

	if ((pctxt = xmlSchemaNewParserCtxt(path)) == NULL)
		return NULL;
	xmlSchemaSetParserStructuredErrors(pctxt, parser_complaint, NULL);
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (schema == NULL)
		msg_warnx("%s: cannot load the schema", path);
	return schema;
}

/* Copies msg without the "{urn:hleg:1}" of qualified names. */
static char *
readable(const char *msg)
{
	size_t	 n = strlen(HLEG_NS_BRACED);
	char	*out, *o;

	out = o = xmalloc(strlen(msg) + 1);
	while (*msg != '\0') {
		if (strncmp(msg, HLEG_NS_BRACED, n) == 0) {
			msg += n;
			continue;
		}
		*o++ = *msg++;
	}
	*o = '\0';
	return out;
}

static void
valid_error(void *ctx, xmlErrorPtr e)
{
	struct schema_checker	*c = ctx;
	xmlNodePtr		 node;
	char			*msg;
	long			 line;
	int			 col = 0;

	if (e == NULL)
		return;
	node = e->node;
	line = e->line;
	if (node != NULL && node->type == XML_ELEMENT_NODE) {
		char	 qname[256];

		line = xmlGetLineNo(node);
		if (node->ns != NULL && node->ns->prefix != NULL)
			snprintf(qname, sizeof(qname), "%s:%s",
			    node->ns->prefix, node->name);
		else
			snprintf(qname, sizeof(qname), "%s", node->name);
		col = source_column(c->src, line, qname);
	}
	msg = readable(e->message ? e->message : "invalid");
	diag_add(c->diags, e->level == XML_ERR_WARNING ? DIAG_WARNING :
	    DIAG_ERROR, line, col, "HLEG-S001", "%s", msg);
	free(msg);
}

struct schema_checker *
schema_checker_new(xmlSchemaPtr schema)
{
	struct schema_checker	*c;

	c = xcalloc(1, sizeof(*c));
	if ((c->vctxt = xmlSchemaNewValidCtxt(schema)) == NULL) {
		free(c);
		return NULL;
	}
	xmlSchemaSetValidStructuredErrors(c->vctxt, valid_error, c);
	return c;
}

void
schema_checker_free(struct schema_checker *c)
{
	if (c == NULL)
		return;
	xmlSchemaFreeValidCtxt(c->vctxt);
	free(c);
}

int
schema_check(struct schema_checker *c, xmlDocPtr doc,
    const struct source *src, struct diag_list *diags)
{
	size_t	 before = diags->count;
	int	 rc;

	c->diags = diags;
	c->src = src;
	rc = xmlSchemaValidateDoc(c->vctxt, doc);
	if (rc != 0 && diags->count == before)
		diag_add(diags, DIAG_ERROR, 0, 0, "HLEG-S001",
		    "the document does not conform to the hleg schema");
	c->diags = NULL;
	c->src = NULL;
	return rc != 0;
}
