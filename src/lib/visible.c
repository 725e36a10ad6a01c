/*
 * visible.c - the controls of a paper's result tree written as \ooo, and
 * marked in HTML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "msg.h"
#include "utf8.h"
#include "util.h"
#include "visible.h"

#define XHTML_NS	"http://www.w3.org/1999/xhtml"
#define MARK_CLASS	"hleg-control"

/* The names of the code points that are shown, for the mark's title:
 * Unicode's names, or for controls its aliases. */
static const char *const c0_names[32] = {
	"NULL", "START OF HEADING", "START OF TEXT", "END OF TEXT",
	"END OF TRANSMISSION", "ENQUIRY", "ACKNOWLEDGE", "ALERT",
	"BACKSPACE", "CHARACTER TABULATION", "LINE FEED",
	"LINE TABULATION", "FORM FEED", "CARRIAGE RETURN", "SHIFT OUT",
	"SHIFT IN", "DATA LINK ESCAPE", "DEVICE CONTROL ONE",
	"DEVICE CONTROL TWO", "DEVICE CONTROL THREE", "DEVICE CONTROL FOUR",
	"NEGATIVE ACKNOWLEDGE", "SYNCHRONOUS IDLE",
	"END OF TRANSMISSION BLOCK", "CANCEL", "END OF MEDIUM", "SUBSTITUTE",
	"ESCAPE", "INFORMATION SEPARATOR FOUR", "INFORMATION SEPARATOR THREE",
	"INFORMATION SEPARATOR TWO", "INFORMATION SEPARATOR ONE"
};

static const char *const c1_names[32] = {
	"PADDING CHARACTER", "HIGH OCTET PRESET", "BREAK PERMITTED HERE",
	"NO BREAK HERE", "INDEX", "NEXT LINE", "START OF SELECTED AREA",
	"END OF SELECTED AREA", "CHARACTER TABULATION SET",
	"CHARACTER TABULATION WITH JUSTIFICATION", "LINE TABULATION SET",
	"PARTIAL LINE FORWARD", "PARTIAL LINE BACKWARD", "REVERSE LINE FEED",
	"SINGLE SHIFT TWO", "SINGLE SHIFT THREE", "DEVICE CONTROL STRING",
	"PRIVATE USE ONE", "PRIVATE USE TWO", "SET TRANSMIT STATE",
	"CANCEL CHARACTER", "MESSAGE WAITING", "START OF GUARDED AREA",
	"END OF GUARDED AREA", "START OF STRING",
	"SINGLE GRAPHIC CHARACTER INTRODUCER", "SINGLE CHARACTER INTRODUCER",
	"CONTROL SEQUENCE INTRODUCER", "STRING TERMINATOR",
	"OPERATING SYSTEM COMMAND", "PRIVACY MESSAGE",
	"APPLICATION PROGRAM COMMAND"
};

static const struct {
	long		 c;
	const char	*name;
} other_names[] = {
	{ 0x7f, "DELETE" },
	{ 0x061c, "ARABIC LETTER MARK" },
	{ 0x200e, "LEFT-TO-RIGHT MARK" },
	{ 0x200f, "RIGHT-TO-LEFT MARK" },
	{ 0x2028, "LINE SEPARATOR" },
	{ 0x2029, "PARAGRAPH SEPARATOR" },
	{ 0x202a, "LEFT-TO-RIGHT EMBEDDING" },
	{ 0x202b, "RIGHT-TO-LEFT EMBEDDING" },
	{ 0x202c, "POP DIRECTIONAL FORMATTING" },
	{ 0x202d, "LEFT-TO-RIGHT OVERRIDE" },
	{ 0x202e, "RIGHT-TO-LEFT OVERRIDE" },
	{ 0x2066, "LEFT-TO-RIGHT ISOLATE" },
	{ 0x2067, "RIGHT-TO-LEFT ISOLATE" },
	{ 0x2068, "FIRST STRONG ISOLATE" },
	{ 0x2069, "POP DIRECTIONAL ISOLATE" }
};

/* HTML elements whose content is not markup, or not shown, where a mark
 * would be text or lost: only the escape goes there. */
static const char *const unmarked[] = {
	"datalist", "iframe", "noembed", "noframes", "noscript", "optgroup",
	"option", "plaintext", "script", "select", "style", "textarea",
	"title", "xmp"
};

/* Whether the code point c (-1: a byte that is not UTF-8) is shown
 * escaped.  The newline is the text paper's own line break, and white
 * space in HTML. */
static int
shown(long c)
{
	return c < 0 || (c != '\n' && msg_unsafe(c));
}

/* Writes the mark's title for c to buf: "U+202E RIGHT-TO-LEFT
 * OVERRIDE". */
static void
title_of(char *buf, size_t size, long c)
{
	const char	*name = NULL;

	if (c < 0) {
		snprintf(buf, size, "a byte that is not UTF-8");
		return;
	}
	if (c < 0x20)
		name = c0_names[c];
	else if (c >= 0x80 && c <= 0x9f)
		name = c1_names[c - 0x80];
	else
		for (size_t i = 0; i < sizeof(other_names) /
		    sizeof(other_names[0]); i++)
			if (other_names[i].c == c)
				name = other_names[i].name;
	snprintf(buf, size, "U+%04lX%s%s", c, name != NULL ? " " : "",
	    name != NULL ? name : "");
}

/* Finds the next shown code point in s from *p: returns a pointer to it
 * (or to the terminating NUL), with its length in *len and the code
 * point in *c. */
static const unsigned char *
next_shown(const unsigned char *s, size_t *len, long *c)
{
	const unsigned char	*p = s, *q;

	while (*p != '\0') {
		q = p;
		*c = utf8_next(&q);
		if (shown(*c)) {
			*len = (size_t)(q - p);
			return p;
		}
		p = q;
	}
	*len = 0;
	*c = 0;
	return p;
}

/* Writes the len bytes at p as \ooo each to o; returns the end. */
static char *
escape_bytes(char *o, const unsigned char *p, size_t len)
{
	for (size_t i = 0; i < len; i++)
		o += sprintf(o, "\\%03o", p[i]);
	return o;
}

/* s with every shown code point escaped: a malloc'd string, or NULL
 * when there is none. */
static char *
escaped(const xmlChar *s)
{
	const unsigned char	*p = s, *u;
	char			*out, *o;
	size_t			 len;
	long			 c;

	if (s == NULL || *(u = next_shown(p, &len, &c)) == '\0')
		return NULL;
	out = o = xmalloc(strlen((const char *)s) * 4 + 1);
	do {
		memcpy(o, p, (size_t)(u - p));
		o = escape_bytes(o + (u - p), u, len);
		p = u + len;
		u = next_shown(p, &len, &c);
	} while (*u != '\0');
	memcpy(o, p, (size_t)(u - p));
	o[u - p] = '\0';
	return out;
}

/* Escapes the content of the text, comment or processing instruction
 * node in place. */
static void
escape_content(xmlNodePtr node)
{
	char	*text;

	if ((text = escaped(node->content)) == NULL)
		return;
	xmlNodeSetContent(node, (const xmlChar *)text);
	free(text);
}

/* Whether node is an element of HTML: of an HTML result and in no
 * namespace, or in XHTML's. */
static int
html_element(xmlNodePtr node)
{
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return 0;
	if (node->ns != NULL)
		return node->ns->href != NULL &&
		    xmlStrEqual(node->ns->href, BAD_CAST XHTML_NS);
	return node->doc != NULL && node->doc->type == XML_HTML_DOCUMENT_NODE;
}

static int
unmarked_element(xmlNodePtr node)
{
	if (!html_element(node))
		return 0;
	for (size_t i = 0; i < sizeof(unmarked) / sizeof(unmarked[0]); i++)
		if (strcasecmp((const char *)node->name, unmarked[i]) == 0)
			return 1;
	return 0;
}

/* Puts node after ref, as a sibling.  Not xmlAddNextSibling, which
 * would merge a text node into a neighbour that is written unescaped. */
static void
insert_after(xmlNodePtr ref, xmlNodePtr node)
{
	node->parent = ref->parent;
	node->doc = ref->doc;
	node->prev = ref;
	node->next = ref->next;
	if (ref->next != NULL)
		ref->next->prev = node;
	else if (ref->parent != NULL)
		ref->parent->last = node;
	ref->next = node;
}

/* Splits the text node into its text and a marked escape for each shown
 * code point, while *marks is below VISIBLE_MAX_MARKS; the rest of the
 * text is escaped alone.  Returns the last node it made (node itself
 * when there was nothing to show), so that the walk goes on after
 * it. */
static xmlNodePtr
mark_text(xmlNodePtr node, size_t *marks)
{
	const unsigned char	*p, *u;
	xmlNodePtr		 ref = node, span, text;
	char			*first, title[96], esc[4 * 4 + 1];
	size_t			 len;
	long			 c;

	if (node->content == NULL ||
	    *(u = next_shown(node->content, &len, &c)) == '\0')
		return node;
	/* The content is replaced last: p and u point into it until
	 * then. */
	p = node->content;
	first = xmalloc((size_t)(u - p) + 1);
	memcpy(first, p, (size_t)(u - p));
	first[u - p] = '\0';
	while (*u != '\0') {
		if (*marks >= VISIBLE_MAX_MARKS) {
			/* The rest, from the control at u, escaped. */
			text = xmlNewDocText(node->doc, BAD_CAST "");
			if (text == NULL)
				msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
			insert_after(ref, text);
			xmlNodeSetContent(text, u);
			escape_content(text);
			ref = text;
			break;
		}
		(*marks)++;
		*escape_bytes(esc, u, len) = '\0';
		span = xmlNewDocNode(node->doc, node->parent->ns, BAD_CAST "span",
		    NULL);
		if (span == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
		title_of(title, sizeof(title), c);
		xmlNewProp(span, BAD_CAST "class", BAD_CAST MARK_CLASS);
		xmlNewProp(span, BAD_CAST "title", BAD_CAST title);
		if ((text = xmlNewDocText(node->doc, BAD_CAST esc)) == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
		xmlAddChild(span, text);
		insert_after(ref, span);
		ref = span;
		p = u + len;
		u = next_shown(p, &len, &c);
		if (u > p) {
			text = xmlNewDocTextLen(node->doc, p, (int)(u - p));
			if (text == NULL)
				msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
			insert_after(ref, text);
			ref = text;
		}
	}
	xmlNodeSetContent(node, BAD_CAST first);
	free(first);
	return ref;
}

/* Whether the string s holds a shown code point. */
static int
holds_shown(const xmlChar *s)
{
	size_t	len;
	long	c;

	return s != NULL && *next_shown(s, &len, &c) != '\0';
}

static int
refuse(const char *file, const char *what)
{
	msg_warnx("%s: the paper would hold a control character in %s, where "
	    "it cannot be shown; nothing is written", file, what);
	return -1;
}

/* Checks the names of the element node and escapes its attributes'
 * values.  Returns 0, or -1 after a message. */
static int
visible_element(xmlNodePtr node, const char *file)
{
	xmlAttrPtr	 attr;
	xmlNsPtr	 ns;

	if (holds_shown(node->name))
		return refuse(file, "an element's name");
	if (node->ns != NULL && holds_shown(node->ns->prefix))
		return refuse(file, "a namespace prefix");
	for (ns = node->nsDef; ns != NULL; ns = ns->next)
		if (holds_shown(ns->href) || holds_shown(ns->prefix))
			return refuse(file, "a namespace");
	for (attr = node->properties; attr != NULL; attr = attr->next) {
		if (holds_shown(attr->name) || (attr->ns != NULL &&
		    (holds_shown(attr->ns->prefix) ||
		    holds_shown(attr->ns->href))))
			return refuse(file, "an attribute's name");
		for (xmlNodePtr t = attr->children; t != NULL; t = t->next)
			if (t->type == XML_TEXT_NODE)
				escape_content(t);
	}
	return 0;
}

int
visible_controls(xmlDocPtr res, const char *file)
{
	xmlNodePtr	cur;
	xmlDtdPtr	dtd;
	size_t		marks = 0;
	int		unmarked_depth = 0;

	if (res == NULL)
		return 0;
	if ((dtd = res->intSubset) != NULL && (holds_shown(dtd->name) ||
	    holds_shown(dtd->ExternalID) || holds_shown(dtd->SystemID)))
		return refuse(file, "the document type");
	/* One walk, in document order, by the links between nodes: no
	 * recursion, and each node is seen once. */
	cur = res->children;
	while (cur != NULL) {
		switch (cur->type) {
		case XML_ELEMENT_NODE:
			if (visible_element(cur, file) != 0)
				return -1;
			if (cur->children != NULL) {
				if (unmarked_element(cur))
					unmarked_depth++;
				cur = cur->children;
				continue;
			}
			break;
		case XML_TEXT_NODE:
			if (unmarked_depth == 0 &&
			    cur->name != xmlStringTextNoenc &&
			    html_element(cur->parent))
				cur = mark_text(cur, &marks);
			else
				escape_content(cur);
			break;
		case XML_CDATA_SECTION_NODE:
		case XML_COMMENT_NODE:
			escape_content(cur);
			break;
		case XML_PI_NODE:
			if (holds_shown(cur->name))
				return refuse(file, "the target of a processing "
				    "instruction");
			escape_content(cur);
			break;
		default:
			break;
		}
		/* The next node: a sibling, or that of the nearest ancestor
		 * that has one. */
		while (cur->next == NULL) {
			cur = cur->parent;
			if (cur == NULL || cur == (xmlNodePtr)res)
				return 0;
			if (unmarked_element(cur))
				unmarked_depth--;
		}
		cur = cur->next;
	}
	return 0;
}
