/*
 * schema.h - W3C XML Schema validation of hleg documents.
 *
 * The schema (schemas/hleg.xsd, every kind in one) is parsed once per
 * process, before threads start; each thread makes its own checker.
 */
#ifndef HLEG_SCHEMA_H
#define HLEG_SCHEMA_H

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "diag.h"
#include "source.h"

/* Parses the schema at path (inside the data directory).  Returns NULL
 * after printing libxml2's complaints when the schema is broken. */
xmlSchemaPtr	 schema_load(const char *path);

struct schema_checker;

/* A checker for one thread; schema must outlive it. */
struct schema_checker	*schema_checker_new(xmlSchemaPtr schema);
void			 schema_checker_free(struct schema_checker *c);

/* Validates doc, parsed from src, adding one diagnostic (HLEG-S001) per
 * violation.  Returns 0 when valid, 1 when not. */
int	schema_check(struct schema_checker *c, xmlDocPtr doc,
	    const struct source *src, struct diag_list *diags);

#endif
