/*
 * textpaper.c - the extension functions of the text paper: wrapping,
 * joining, and a collection's history by document.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/tree.h>
#include <libxml/xpathInternals.h>
#include <libxslt/extensions.h>
#include <libxslt/xsltutils.h>

#include "keyindex.h"
#include "node.h"
#include "rules.h"
#include "textpaper.h"
#include "utf8.h"
#include "util.h"
#include "xslt.h"

/* Glue, U+E000: a space at which no line breaks. */
#define GLUE		"\xee\x80\x80"
#define GLUE_LEN	3

/* The fewest columns a line leaves for text, whatever its prefix. */
#define MIN_ROOM	20

/* A growing string. */
struct out {
	char	*s;
	size_t	 len, alloc;
};

static void
put(struct out *o, const char *p, size_t n)
{
	if (o->len + n + 1 > o->alloc) {
		o->alloc = (o->len + n + 1) * 2;
		o->s = xrealloc(o->s, o->alloc);
	}
	memcpy(o->s + o->len, p, n);
	o->len += n;
	o->s[o->len] = '\0';
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether the toolkit shows c escaped, byte by byte, as \ooo: the set
 * msg.c escapes (C0 and C1 controls, DEL, the line and paragraph
 * separators, the bidirectional embeddings, overrides, isolates and
 * marks). */
static int
shown_escaped(long c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
	    c == 0x2028 || c == 0x2029 ||
	    (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

/* The character at *p, of *n bytes, and its columns; *p advances. */
static size_t
next_char(const unsigned char **p, size_t *n)
{
	const unsigned char	*start = *p;
	long			 c;

	c = utf8_next(p);
	*n = (size_t)(*p - start);
	return c < 0 || shown_escaped(c) ? 4 * *n : 1;
}

/* The columns of the n bytes at s. */
static size_t
columns(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	const unsigned char	*end = p + n;
	size_t			 cols = 0, k;

	while (p < end && *p != '\0')
		cols += next_char(&p, &k);
	return cols;
}

/* Writes the n bytes of a word at p, glue as a space. */
static void
put_word(struct out *o, const char *p, size_t n)
{
	const char	*g;

	while (n > 0 && (g = memmem(p, n, GLUE, GLUE_LEN)) != NULL) {
		put(o, p, (size_t)(g - p));
		put(o, " ", 1);
		n -= (size_t)(g - p) + GLUE_LEN;
		p = g + GLUE_LEN;
	}
	put(o, p, n);
}

/* Ends the line that began at byte start of o: no trailing space. */
static void
end_line(struct out *o, size_t start)
{
	while (o->len > start && o->s[o->len - 1] == ' ')
		o->len--;
	put(o, "\n", 1);
}

/* The prefix p, of *cols columns, less the leading spaces that leave a
 * line fewer than MIN_ROOM columns. */
static const char *
fit_prefix(const char *p, size_t *cols, size_t width)
{
	while (*p == ' ' && *cols + MIN_ROOM > width) {
		p++;
		(*cols)--;
	}
	return p;
}

char *
textpaper_wrap(const char *text, const char *first, const char *indent,
    size_t width)
{
	struct out		 o = { NULL, 0, 0 };
	const unsigned char	*p = (const unsigned char *)text;
	const unsigned char	*w, *q;
	size_t			 fcols, icols, room, used = 0, start, ww, k, c;
	size_t			 flen, ilen;

	put(&o, "", 0);
	fcols = columns(first, strlen(first));
	icols = columns(indent, strlen(indent));
	first = fit_prefix(first, &fcols, width);
	indent = fit_prefix(indent, &icols, width);
	flen = strlen(first);
	ilen = strlen(indent);

	while (is_space(*p))
		p++;
	if (*p == '\0') {
		for (q = (const unsigned char *)first; *q != '\0'; q++)
			if (*q != ' ')
				break;
		if (*q != '\0') {
			put(&o, first, flen);
			end_line(&o, 0);
		}
		return o.s;
	}

	start = o.len;
	put(&o, first, flen);
	room = width >= fcols + MIN_ROOM ? width - fcols : MIN_ROOM;
	while (*p != '\0') {
		/* The next word, [w, p). */
		w = p;
		ww = 0;
		while (*p != '\0' && !is_space(*p))
			ww += next_char(&p, &k);
		if (used > 0 && used + 1 + ww <= room) {
			put(&o, " ", 1);
			put_word(&o, (const char *)w, (size_t)(p - w));
			used += 1 + ww;
		} else {
			if (used > 0) {
				end_line(&o, start);
				start = o.len;
				put(&o, indent, ilen);
				room = width >= icols + MIN_ROOM ?
				    width - icols : MIN_ROOM;
				used = 0;
			}
			/* A word longer than a line: as many characters as
			 * fit, and at least one, on each line. */
			while (ww > room) {
				q = w;
				used = 0;
				while (q < p) {
					const unsigned char *r = q;

					c = next_char(&r, &k);
					if (used > 0 && used + c > room)
						break;
					used += c;
					q = r;
				}
				put_word(&o, (const char *)w, (size_t)(q - w));
				ww -= used;
				w = q;
				end_line(&o, start);
				start = o.len;
				put(&o, indent, ilen);
				room = width >= icols + MIN_ROOM ?
				    width - icols : MIN_ROOM;
			}
			put_word(&o, (const char *)w, (size_t)(p - w));
			used = ww;
		}
		while (is_space(*p))
			p++;
	}
	end_line(&o, start);
	return o.s;
}

/* hx:wrap(text, first, indent[, width]) */
static void
fn_wrap(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar		*text = NULL, *first = NULL, *indent = NULL;
	double		 width = 72;
	char		*s;

	if (nargs != 3 && nargs != 4) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if (nargs == 4)
		width = xmlXPathPopNumber(ctxt);
	indent = xmlXPathPopString(ctxt);
	first = xmlXPathPopString(ctxt);
	text = xmlXPathPopString(ctxt);
	if (ctxt->error != 0 || text == NULL || first == NULL ||
	    indent == NULL) {
		xmlFree(text);
		xmlFree(first);
		xmlFree(indent);
		return;
	}
	if (!(width >= MIN_ROOM && width <= 1000))
		width = 72;
	s = textpaper_wrap((const char *)text, (const char *)first,
	    (const char *)indent, (size_t)width);
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)s));
	free(s);
	xmlFree(text);
	xmlFree(first);
	xmlFree(indent);
}

/* hx:join(node-set, separator) */
static void
fn_join(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr	 set;
	xmlChar			*sep, *v;
	struct out		 o = { NULL, 0, 0 };
	const char		*p, *e;
	size_t			 words;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if ((sep = xmlXPathPopString(ctxt)) == NULL)
		return;
	if ((set = valuePop(ctxt)) == NULL || set->type != XPATH_NODESET) {
		xmlXPathFreeObject(set);
		xmlFree(sep);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	put(&o, "", 0);
	for (int i = 0; set->nodesetval != NULL &&
	    i < set->nodesetval->nodeNr; i++) {
		if (i > 0)
			put(&o, (const char *)sep, strlen((const char *)sep));
		v = xmlXPathCastNodeToString(set->nodesetval->nodeTab[i]);
		words = 0;
		for (p = (const char *)v; p != NULL; p = e) {
			while (is_space((unsigned char)*p))
				p++;
			if (*p == '\0')
				break;
			for (e = p; *e != '\0' && !is_space((unsigned char)*e);
			    e++)
				;
			if (words++ > 0)
				put(&o, " ", 1);
			put(&o, p, (size_t)(e - p));
		}
		xmlFree(v);
	}
	valuePush(ctxt, xmlXPathNewString((const xmlChar *)o.s));
	free(o.s);
	xmlFree(sep);
	xmlXPathFreeObject(set);
}

/* The history of one transform's document, by document id. */
struct events {
	xmlDocPtr	 doc;
	xmlHashTablePtr	 groups;	/* id -> struct keyindex_group */
};

static void *
events_init(xsltTransformContextPtr ctxt, const xmlChar *uri)
{
	struct events	*ev;

	(void)ctxt; (void)uri;
	ev = xmalloc(sizeof(*ev));
	ev->doc = NULL;
	ev->groups = NULL;
	return ev;
}

static void
events_shutdown(xsltTransformContextPtr ctxt, const xmlChar *uri,
    void *data)
{
	struct events	*ev = data;

	(void)ctxt; (void)uri;
	if (ev == NULL)
		return;
	keyindex_groups_free(ev->groups);
	free(ev);
}

/* Indexes the history events of doc by their document attribute. */
static void
events_index(struct events *ev, xmlDocPtr doc)
{
	xmlNodePtr	 root, h, e;
	xmlChar		*id;

	keyindex_groups_free(ev->groups);
	ev->groups = keyindex_groups_new();
	ev->doc = doc;
	if ((root = xmlDocGetRootElement(doc)) == NULL ||
	    !node_is(root, "collection"))
		return;
	for (h = root->children; h != NULL; h = h->next) {
		if (!node_is(h, "history"))
			continue;
		for (e = h->children; e != NULL; e = e->next) {
			if (!node_is(e, "event") ||
			    (id = xmlGetProp(e, BAD_CAST "document")) == NULL)
				continue;
			keyindex_groups_add(ev->groups, id, e);
			xmlFree(id);
		}
	}
}

/* hx:events(id) */
static void
fn_events(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr		 tctxt;
	struct events			*ev;
	const struct keyindex_group	*g;
	xmlNodeSetPtr			 set;
	xmlDocPtr			 doc;
	xmlChar				*id;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if ((id = xmlXPathPopString(ctxt)) == NULL)
		return;
	set = xmlXPathNodeSetCreate(NULL);
	tctxt = xsltXPathGetTransformContext(ctxt);
	doc = ctxt->context->node != NULL ? ctxt->context->node->doc :
	    ctxt->context->doc;
	ev = tctxt != NULL ? xsltGetExtData(tctxt,
	    (const xmlChar *)HLEG_XSLT_NS) : NULL;
	if (ev != NULL && doc != NULL) {
		if (ev->doc != doc || ev->groups == NULL)
			events_index(ev, doc);
		if ((g = xmlHashLookup(ev->groups, id)) != NULL)
			for (size_t i = 0; i < g->n; i++)
				xmlXPathNodeSetAddUnique(set, g->nodes[i]);
	}
	xmlFree(id);
	valuePush(ctxt, xmlXPathWrapNodeSet(set));
}

static const struct xslt_function functions[] = {
	{ "wrap",	fn_wrap },
	{ "join",	fn_join },
	{ "events",	fn_events },
	{ NULL,		NULL }
};

void
textpaper_register(void)
{
	xsltRegisterExtModule((const xmlChar *)HLEG_XSLT_NS, events_init,
	    events_shutdown);
	xslt_register_functions(HLEG_XSLT_NS, functions);
}
