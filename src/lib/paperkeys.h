/*
 * paperkeys.h - the briefing papers' keys in linear time.
 *
 * libxslt builds an xsl:key by checking each node against the group it
 * joins, and copies the whole group on every key() call, so that a value
 * that k nodes share costs k squared: a collection's history of 100,000
 * events of one document, or 30,000 documents in one state.  These
 * functions index an xsl:key of the running stylesheet (or of one it
 * imports) once per document, in time linear in the document, the first
 * time they are asked about it, and answer from the index:
 *
 *	hp:key(name, value)		key(name, value): a node-set of the
 *					group, in document order, in time
 *					linear in the group
 *	hp:key-first(name, value)	key(name, value)[1], in constant
 *					time
 *	hp:key-count(name, value)	count(key(name, value)), in constant
 *					time
 *
 * with xmlns:hp="urn:hleg:paper", as key() looks: in the document of the
 * context node.  A stylesheet asks function-available('hp:key') first,
 * so that xsltproc, which does not have them, runs it with key().
 */
#ifndef HLEG_PAPERKEYS_H
#define HLEG_PAPERKEYS_H

#define PAPER_KEYS_NS	"urn:hleg:paper"

/* Registers the functions for every transform that follows; once,
 * after xslt_init(). */
void	paper_keys_register(void);

#endif
