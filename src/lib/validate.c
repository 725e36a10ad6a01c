/*
 * validate.c - one document through parser, schema and rules.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>

#include "datadir.h"
#include "parse.h"
#include "rules.h"
#include "safety.h"
#include "schema.h"
#include "util.h"
#include "validate.h"
#include "xslt.h"

struct validator {
	struct parser		*parser;
	struct schema_checker	*schema;
	struct rules		*rules;
};

static const struct {
	const char	*name;
	enum kind	 kind;
} kinds[] = {
	{ "proposal", KIND_PROPOSAL },
	{ "report", KIND_REPORT },
	{ "roster", KIND_ROSTER },
	{ "collection", KIND_COLLECTION },
	{ "workflow-definition", KIND_WORKFLOW },
};

int
validate_setup(struct validate_setup *setup)
{
	char	*xsd, *sch, *compiler;

	memset(setup, 0, sizeof(*setup));
	if (safety_init() == -1)
		return -1;
	xslt_init();
	xsd = datadir_path("schemas/hleg.xsd");
	sch = datadir_path("schemas/rules.sch");
	compiler = datadir_path("stylesheets/schematron.xsl");
	setup->schema = schema_load(xsd);
	if (setup->schema != NULL)
		setup->rules = rules_compile(sch, compiler);
	free(xsd);
	free(sch);
	free(compiler);
	if (setup->schema == NULL || setup->rules == NULL) {
		validate_cleanup(setup);
		return -1;
	}
	return 0;
}

void
validate_cleanup(struct validate_setup *setup)
{
	if (setup->schema != NULL)
		xmlSchemaFree(setup->schema);
	if (setup->rules != NULL)
		xmlFreeDoc(setup->rules);
	memset(setup, 0, sizeof(*setup));
	xslt_cleanup();
	xmlCleanupParser();
}

enum kind
kind_of(xmlDocPtr doc)
{
	xmlNodePtr	 root;

	if ((root = xmlDocGetRootElement(doc)) == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, HLEG_NS) != 0)
		return KIND_NONE;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp((const char *)root->name, kinds[i].name) == 0)
			return kinds[i].kind;
	return KIND_NONE;
}

const char *
kind_name(enum kind kind)
{
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind == kind)
			return kinds[i].name;
	return "unknown";
}

int
kind_id_matches(xmlDocPtr doc, const char *id, const struct source *src,
    struct diag_list *diags)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	xmlChar		*docid;
	int		 match;

	docid = root != NULL ? xmlGetNoNsProp(root,
	    (const xmlChar *)"id") : NULL;
	if (!(match = docid != NULL && strcmp((const char *)docid, id) == 0))
		diag_add(diags, DIAG_ERROR, root ? xmlGetLineNo(root) : 0,
		    root ? source_column(src, xmlGetLineNo(root),
		    (const char *)root->name) : 0, "HLEG-W017",
		    "the file of %s holds the document %s: a document's file "
		    "is named after its id; rename it in a commit of its own",
		    id, docid ? (const char *)docid : "without an id");
	xmlFree(docid);
	return match;
}

struct validator *
validator_new(const struct validate_setup *setup)
{
	struct validator	*v;

	v = xcalloc(1, sizeof(*v));
	v->parser = parser_new();
	v->schema = schema_checker_new(setup->schema);
	v->rules = rules_new(setup->rules);
	if (v->parser == NULL || v->schema == NULL || v->rules == NULL) {
		validator_free(v);
		return NULL;
	}
	return v;
}

void
validator_free(struct validator *v)
{
	if (v == NULL)
		return;
	parser_free(v->parser);
	schema_checker_free(v->schema);
	rules_free(v->rules);
	free(v);
}

/* Parses src and checks its kind and schema.  Returns the document when
 * the rules should run on it; otherwise NULL, or the document in *docp
 * when one was parsed (the caller frees it). */
static xmlDocPtr
check_structure(struct validator *v, const struct source *src,
    struct diag_list *diags, xmlDocPtr *docp)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root;

	*docp = NULL;
	if ((doc = parser_read(v->parser, src, diags)) == NULL)
		return NULL;
	*docp = doc;
	if (kind_of(doc) == KIND_NONE) {
		root = xmlDocGetRootElement(doc);
		diag_add(diags, DIAG_ERROR, root ? xmlGetLineNo(root) : 0,
		    root ? source_column(src, xmlGetLineNo(root),
		    (const char *)root->name) : 0, "HLEG-P006",
		    "the root element '%s'%s%s%s is not an hleg document: "
		    "the root must be proposal, report, roster, collection "
		    "or workflow-definition in namespace " HLEG_NS,
		    root ? (const char *)root->name : "",
		    root && root->ns ? " in namespace '" : "",
		    root && root->ns ? (const char *)root->ns->href : "",
		    root && root->ns ? "'" : " (in no namespace)");
		return NULL;
	}
	/* The rules assume the structure the schema guarantees. */
	if (schema_check(v->schema, doc, src, diags) != 0)
		return NULL;
	return doc;
}

int
validator_check(struct validator *v, const struct source *src,
    const struct roster *roster, struct diag_list *diags, xmlDocPtr *docp)
{
	struct rules_input	 in;
	xmlDocPtr		 doc;

	if ((in.doc = check_structure(v, src, diags, &doc)) != NULL) {
		in.src = src;
		in.diags = diags;
		rules_check(v->rules, &in, 1, roster);
	}
	if (docp != NULL)
		*docp = doc;
	else
		xmlFreeDoc(doc);
	return diags->worst;
}

void
validator_check_many(struct validator *v, struct validate_item *items,
    size_t n, const struct roster *roster)
{
	struct rules_input	*in;
	xmlDocPtr		*docs;
	size_t			 m = 0;

	in = xcalloc(n, sizeof(*in));
	docs = xcalloc(n, sizeof(*docs));
	for (size_t i = 0; i < n; i++) {
		if ((in[m].doc = check_structure(v, items[i].src,
		    items[i].diags, &docs[i])) == NULL)
			continue;
		in[m].src = items[i].src;
		in[m].diags = items[i].diags;
		m++;
	}
	rules_check(v->rules, in, m, roster);
	for (size_t i = 0; i < n; i++)
		xmlFreeDoc(docs[i]);
	free(docs);
	free(in);
}
