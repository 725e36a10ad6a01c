/*
 * parse.h - parse untrusted documents with safe options only.
 *
 * No external entity, DTD or network resource is loaded; a DOCTYPE that
 * declares an entity or names an external DTD is refused before the
 * declaration takes effect; nesting deeper than HLEG_MAX_DEPTH stops the
 * parser; XInclude is never processed; the input was bounded when it was
 * read (source.h), and a document larger than HLEG_MAX_INPUT is refused at
 * its root element unless it is a collection (at most
 * HLEG_MAX_COLLECTION).  Every problem becomes a diagnostic with a line and a
 * column.
 */
#ifndef HLEG_PARSE_H
#define HLEG_PARSE_H

#include <libxml/tree.h>

#include "diag.h"
#include "source.h"

/* Elements nest at most this deep; HLEG documents need about 12. */
#define HLEG_MAX_DEPTH 128

/* The parser options used for every document: see LIBRARIES.md. */
#define HLEG_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | \
	XML_PARSE_COMPACT | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct parser;

/* A parser that can be reused for many documents by one thread. */
struct parser	*parser_new(void);
void		 parser_free(struct parser *p);

/* Parses src.  Returns the document, or NULL with at least one error in
 * diags. */
xmlDocPtr	 parser_read(struct parser *p, const struct source *src,
		    struct diag_list *diags);

#endif
