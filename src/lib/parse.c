/*
 * parse.c - the safe parser: libxml2's SAX2 handler with three callbacks
 * replaced, so that entity declarations, external DTDs and deep nesting
 * are refused where they appear.
 */
#include <string.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "parse.h"
#include "safety.h"
#include "util.h"
#include "validate.h"

struct parser {
	xmlParserCtxtPtr	 ctxt;
	struct diag_list	*diags;
	const struct source	*src;
};

static struct parser *
owner(void *ctx)
{
	xmlParserCtxtPtr	 ctxt = ctx;

	return ctxt->_private;
}

static long
here(xmlParserCtxtPtr ctxt, int *column)
{
	*column = ctxt->input ? ctxt->input->col : 0;
	return ctxt->input ? ctxt->input->line : 0;
}

static void
refuse(void *ctx, const char *rule, const char *what, const xmlChar *name)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parser		*p = owner(ctx);
	long			 line;
	int			 col;

	line = here(ctxt, &col);
	diag_add(p->diags, DIAG_ERROR, line, col, rule, what,
	    name ? (const char *)name : "");
	xmlStopParser(ctxt);
}

static void
entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public,
    const xmlChar *system, xmlChar *content)
{
	(void)type; (void)public; (void)system; (void)content;
	refuse(ctx, "HLEG-P004", "the DOCTYPE declares entity '%s'; entity "
	    "declarations are refused: write the text itself", name);
}

static void
unparsed_entity_decl(void *ctx, const xmlChar *name, const xmlChar *public,
    const xmlChar *system, const xmlChar *notation)
{
	(void)public; (void)system; (void)notation;
	refuse(ctx, "HLEG-P004", "the DOCTYPE declares entity '%s'; entity "
	    "declarations are refused: write the text itself", name);
}

static void
internal_subset(void *ctx, const xmlChar *name, const xmlChar *external,
    const xmlChar *system)
{
	if (external != NULL || system != NULL) {
		refuse(ctx, "HLEG-P005", "the DOCTYPE names an external DTD "
		    "'%s'; external DTDs are never loaded: remove the "
		    "DOCTYPE", system ? system : external);
		return;
	}
	xmlSAX2InternalSubset(ctx, name, external, system);
}

/* Adds the refusal of a document larger than HLEG_MAX_INPUT to list. */
static void
too_large(struct diag_list *list)
{
	diag_add(list, DIAG_ERROR, 0, 0, "HLEG-P002",
	    "the document is larger than %u MiB; it is refused",
	    HLEG_MAX_INPUT / (1024 * 1024));
}

static void
start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
    const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
    int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr	 ctxt = ctx;

	/* Only a collection may be larger than a document: anything else
	 * is refused at its root, before any of it is built. */
	if (ctxt->nameNr == 0 && owner(ctx)->src->len > HLEG_MAX_INPUT &&
	    (uri == NULL || strcmp((const char *)uri, HLEG_NS) != 0 ||
	    strcmp((const char *)localname, "collection") != 0)) {
		too_large(owner(ctx)->diags);
		xmlStopParser(ctxt);
		return;
	}
	/* nameNr counts the open ancestors of this element. */
	if (ctxt->nameNr + 1 > HLEG_MAX_DEPTH) {
		struct parser	*p = owner(ctx);
		long		 line;
		int		 col;

		line = here(ctxt, &col);
		diag_add(p->diags, DIAG_ERROR, line, col, "HLEG-P003",
		    "elements nest more than %d deep; the document is "
		    "refused", HLEG_MAX_DEPTH);
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
}

static void
structured_error(void *ctx, xmlErrorPtr e)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct parser		*p;

	if (ctxt == NULL || (p = owner(ctxt)) == NULL || e == NULL)
		return;
	/* After a refusal the parser may add its own complaint about the
	 * stop; the refusal says it all. */
	if (e->code == XML_ERR_USER_STOP)
		return;
	diag_add(p->diags, e->level == XML_ERR_WARNING ? DIAG_WARNING :
	    DIAG_ERROR, e->line, e->int2, "HLEG-P001", "%s",
	    e->message ? e->message : "not well-formed");
}

struct parser *
parser_new(void)
{
	struct parser	*p;

	p = xcalloc(1, sizeof(*p));
	if ((p->ctxt = xmlNewParserCtxt()) == NULL) {
		free(p);
		return NULL;
	}
	p->ctxt->_private = p;
	p->ctxt->sax->entityDecl = entity_decl;
	p->ctxt->sax->unparsedEntityDecl = unparsed_entity_decl;
	p->ctxt->sax->internalSubset = internal_subset;
	p->ctxt->sax->startElementNs = start_element;
	p->ctxt->sax->serror = structured_error;
	return p;
}

void
parser_free(struct parser *p)
{
	if (p == NULL)
		return;
	xmlFreeParserCtxt(p->ctxt);
	free(p);
}

xmlDocPtr
parser_read(struct parser *p, const struct source *src,
    struct diag_list *diags)
{
	xmlDocPtr	 doc;
	size_t		 before = diags->count;

	/* A source too large to be read (data NULL) is a document's, as
	 * collections are not read from a dossier. */
	if (src->len > HLEG_MAX_COLLECTION || src->len > (size_t)INT32_MAX ||
	    (src->len > HLEG_MAX_INPUT && src->data == NULL)) {
		too_large(diags);
		return NULL;
	}
	p->diags = diags;
	p->src = src;
	safety_report_to(diags, p->ctxt);
	doc = xmlCtxtReadMemory(p->ctxt, src->data, (int)src->len, src->name,
	    NULL, HLEG_PARSE_OPTIONS);
	safety_report_to(NULL, NULL);
	if (doc == NULL && diags->count == before)
		diag_add(diags, DIAG_ERROR, 0, 0, "HLEG-P001",
		    "the document is not well-formed");
	if (doc != NULL && diags->worst == DIAG_ERROR &&
	    diags->count > before) {
		/* A refusal that did not stop the parser in time. */
		xmlFreeDoc(doc);
		doc = NULL;
	}
	p->diags = NULL;
	p->src = NULL;
	return doc;
}
