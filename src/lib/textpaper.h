/*
 * textpaper.h - the XPath extension functions of the text paper
 * (stylesheets/text.xsl), namespace urn:hleg:xslt (prefix hx):
 *
 *	hx:wrap(text, first, indent[, width])
 *		text, its white space (space, tab, CR, LF) normalised, as
 *		lines of at most width columns (72 when not given), each
 *		ending in a newline: the first begins with the string first,
 *		the others with indent.  Lines break between words; a word
 *		longer than a line is cut between characters.  U+E000 is
 *		glue: a space at which no line breaks, written as a space.
 *		Empty text gives first alone, right-trimmed, on a line, or
 *		nothing when first is blank.  No line ends in a space.
 *	hx:join(node-set, separator)
 *		the string values of the nodes, each whitespace-normalised,
 *		joined by separator.
 *	hx:events(id)
 *		the event elements of the context document's collection
 *		history (/collection/history/event) whose document is id, in
 *		document order: key('hleg-events', id) in linear time.
 *
 * Columns are counted in characters (UTF-8 code points), and a character
 * that the toolkit shows escaped as \ooo (the controls msg_escape() in
 * msg.h names) counts as wide as its escape, so that a line stays within
 * width once the controls are made visible.  A prefix (first, indent)
 * that leaves fewer than 20 columns loses leading spaces until it leaves
 * 20, or, when it has none left, leaves 20 columns anyway.
 *
 * Every function runs in time linear in its arguments and never nests a
 * call per line: libxslt's recursion limit (3,000 nested calls) does not
 * bound a paragraph's length.  libxslt's own key() builds a group by
 * comparing each node with those already in it; hx:events() indexes the
 * history once per transform.
 */
#ifndef HLEG_TEXTPAPER_H
#define HLEG_TEXTPAPER_H

#include <stddef.h>

/* Registers the functions above with libxslt, once, before stylesheets
 * are compiled. */
void	textpaper_register(void);

/* The malloc'd result of hx:wrap() for the UTF-8 strings text, first
 * and indent. */
char	*textpaper_wrap(const char *text, const char *first,
	    const char *indent, size_t width);

#endif
