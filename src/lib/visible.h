/*
 * visible.h - a paper shows the controls it quotes, never passes them
 * through.
 *
 * A document may hold characters that change how the text around them
 * reads without being seen: bidirectional embeddings, overrides,
 * isolates and marks turn "within 1<U+202E>21<U+202C> months" into
 * "within 12 months" on the screen, C1 controls such as U+009B speak to
 * the terminal of whoever reads git log -p, tabs and carriage returns
 * move the text.  Whatever stylesheet made a paper, the stock ones or a
 * customisation layer, its result tree passes here before it is written:
 * every code point that msg_unsafe() names, but the newline, is written
 * as the messages write it, \ooo for each byte of its UTF-8 (U+202E as
 * \342\200\256), in text and in attribute values, comments and
 * processing instructions alike.  In HTML (an HTML result, or elements
 * in the XHTML namespace) each one in running text is also marked:
 *
 *   <span class="hleg-control" title="U+202E RIGHT-TO-LEFT
 *   OVERRIDE">\342\200\256</span>
 *
 * which brief-html.xsl's CSS shows boxed, in print and on the screen
 * (the first VISIBLE_MAX_MARKS of a paper; the rest are escaped alone);
 * not inside elements whose content is not markup (script, style,
 * title, textarea and the like), nor in text written without escaping,
 * nor in attribute values, which hold the escape alone.  So the text
 * paper, the HTML paper and the PDF read the same characters.
 */
#ifndef HLEG_VISIBLE_H
#define HLEG_VISIBLE_H

#include <libxml/tree.h>

/* Each mark adds a few nodes to the paper: a paper holds at most this
 * many, and the controls past them are escaped without a mark, so that
 * a document of controls costs its paper no more than a document of
 * text. */
#define VISIBLE_MAX_MARKS	10000

/* Rewrites the result tree res as above, in one pass, in time linear
 * in its size.  A control in what cannot hold an escape (the target of
 * a processing instruction, a namespace name, the document type's
 * identifiers) is refused: returns -1 after a message that names file,
 * and the result must not be written.  Returns 0 otherwise. */
int	visible_controls(xmlDocPtr res, const char *file);

#endif
