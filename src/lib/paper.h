/*
 * paper.h - a briefing paper from a document: what hleg-brief and
 * hleg-pdf share.
 *
 * The parameters of the paper (-p name=value, passed to the stylesheet
 * as strings, never as XPath); the stock stylesheet of the data
 * directory, or a customisation layer that imports it, compiled under
 * the security preferences; reading and parsing one document of a kind
 * that has a paper; the transform, which returns the result tree; and
 * writing that tree as the stylesheet's xsl:output says.
 *
 * Messages are the program's own ("prog: file: message", msg.h); every
 * function that can fail says why before it returns.  Not for threads.
 */
#ifndef HLEG_PAPER_H
#define HLEG_PAPER_H

#include <stdio.h>

#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "parse.h"
#include "source.h"

/* Records the parameter arg, "name=value"; a later value of a name
 * replaces an earlier one.  Returns 0, or -1 after a message when arg
 * is not name=value, name is not an XML name or value is not UTF-8 (a
 * usage error). */
int	paper_param(const char *arg);

/* Installs the loader and the security preferences (safety.h, xslt.h),
 * which let XSLT read urn:hleg:stylesheets:NAME and the data directory
 * only.  Returns 0, or -1 after a message. */
int	paper_init(void);

/* Releases the parameters and what paper_init made. */
void	paper_cleanup(void);

/* Compiles the stock stylesheet name, relative to the data directory
 * ("stylesheets/brief-html.xsl").  Returns it, or NULL after a message
 * (a system error). */
xsltStylesheetPtr paper_stock(const char *name);

/* Compiles the customisation layer file, which the user named, so it
 * may be read from anywhere; what it imports or includes passes the
 * loader and the security preferences like any other read.  Returns the
 * stylesheet, or NULL after a message with *status set (1: it does not
 * compile; 2: it cannot be read). */
xsltStylesheetPtr paper_layer(const char *file, int *status);

/* Reads path ("-" for standard input) into src, bounded by
 * HLEG_MAX_COLLECTION (the parser refuses any other document over
 * HLEG_MAX_INPUT at its root), and parses it; a document that is not a proposal,
 * report or collection is refused (HLEG-P006).  Prints the diagnostics
 * and returns the exit status; when it is 0, *docp is the document
 * (free it with xmlFreeDoc) and src holds the bytes it was parsed from.
 * The caller frees src (source_free) in every case. */
int	paper_parse(struct parser *parser, const char *path,
	    struct source *src, xmlDocPtr *docp);

/* Transforms doc, read from file (the name for messages), with style and
 * the parameters, prints the messages of the transform, and shows the
 * controls of the result (visible.h).  Returns the
 * result tree (free it with xmlFreeDoc), or NULL when the transform
 * failed, after saying so, with *status set to the exit status. */
xmlDocPtr paper_transform(xsltStylesheetPtr style, xmlDocPtr doc,
	    const char *file, int *status);

/* Writes res to out as style's xsl:output says.  HTML is written as
 * xsltSaveResultToFile writes it, less the <meta http-equiv=
 * "Content-Type"> that libxslt adds to the head: the HTML5 stylesheet
 * declares <meta charset="utf-8">, and two declarations of the encoding
 * are an error in HTML5.  Returns 0, or -1 when out cannot be written
 * (ferror(out) is then set, or nothing was said). */
int	paper_write(FILE *out, xmlDocPtr res, xsltStylesheetPtr style);

/*
 * What a paper asks of the program that lays it out (WeasyPrint, for
 * hleg-pdf), counted on the result tree: its memory and time grow with
 * the boxes and the text, its time with the cells of the widest table
 * row and the square of the longest word too.  hleg-pdf(1), LIMITS,
 * says how these predict WeasyPrint's cost.
 */
struct paper_size {
	size_t	boxes;		/* elements, a list item counting twice
				 * (its marker is a box of its own) */
	size_t	text;		/* bytes of text */
	size_t	row;		/* cells in the widest table row */
	size_t	word;		/* bytes in the longest run of text without
				 * white space or a block's boundary */
};

/* Measures the result tree res into *size, in time linear in its
 * nodes. */
void	paper_measure(xmlDocPtr res, struct paper_size *size);

#endif
