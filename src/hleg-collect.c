/*
 * hleg-collect - gather documents of a dossier, as they are at a
 * revision, into one collection document for a briefing paper, with the
 * events of their history as the commits tell them.
 *
 * The collection is written as it is gathered, one document at a time,
 * into one buffer that never passes HLEG_MAX_COLLECTION: each document
 * is read, parsed, written and freed before the next is read, so that
 * what stays in memory is the collection's bytes, then their one parse
 * for validation.  The documents' bytes are read again only when a
 * diagnostic must be told of a document.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlstring.h>

#include "lib/diag.h"
#include "lib/dossier.h"
#include "lib/gitdate.h"
#include "lib/history.h"
#include "lib/ids.h"
#include "lib/msg.h"
#include "lib/node.h"
#include "lib/parse.h"
#include "lib/roster.h"
#include "lib/source.h"
#include "lib/util.h"
#include "lib/validate.h"

/* A line of standard input is at most this long: hleg-ls writes an id,
 * a kind, a state and a title of at most 500 characters. */
#define LINE_MAX_BYTES	65536

/* A title is a Line of the schema: at most this many characters. */
#define TITLE_MAX	500

/* The ids to collect, each once, in the order first given. */
struct ids {
	char		**v;
	size_t		  n, alloc;
	xmlHashTablePtr	  seen;
};

/* A roster, by the id of its blob.  The collector keeps two: the
 * revision's, against which the collection is checked, and the last one
 * of the history it read; the names of actors it found are kept apart
 * (collector.names), so that memory does not grow with the rosters of
 * the history, however many and large. */
struct roster_entry {
	git_oid			 blob;
	struct roster		*roster;	/* NULL when it cannot be read */
	struct roster_entry	*next;
};

/* The collection's bytes as they are written, at most
 * HLEG_MAX_COLLECTION of them. */
struct output {
	char		*data;
	size_t		 len, cap;
	int		 over;		/* it passed the bound */
};

/* What collecting needs. */
struct collector {
	struct dossier		*dossier;
	git_commit		*commit;	/* the revision */
	struct parser		*parser;
	const struct ids	*ids;
	xmlDocPtr		 out;		/* the collection's root, title,
						 * date and history, without
						 * the documents */
	xmlNsPtr		 ns;
	xmlNodePtr		 history;
	size_t			 events;	/* written to the history */
	struct output		 bytes;		/* the collection */
	xmlOutputBufferPtr	 writer;	/* into bytes */
	struct roster_entry	*rosters;	/* the revision's, then the
						 * last of the history read */
	xmlHashTablePtr		 names;		/* each actor's name (or "")
						 * by "BLOB ACTOR" */
	int			 status;
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-collect [-h] [-C dir] [-r rev] "
	    "[--title text] [id ...]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-collect [-h] [-C dir] [-r rev] [--title text] "
	    "[id ...]\n"
	    "Write one collection of the documents id, as they are at a "
	    "revision, with their\n"
	    "event history; with no id, the first field of each line of "
	    "standard input.\n"
	    "  -C DIR             the dossier (default: the current "
	    "repository)\n"
	    "  -h, --help         show this help and exit\n"
	    "  -r REV             the revision (default: the tip of main)\n"
	    "      --title TEXT   the collection's title (default: Briefing "
	    "of DATE)\n"
	    "      --version      print the version and exit\n"
	    "Exit status: 0 collected, 1 an unknown id or an invalid "
	    "document, 2 usage or\nsystem error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

static int
worse(int a, int b)
{
	return a > b ? a : b;
}

/* Whether s is fit for the title: one line of valid UTF-8, at most
 * TITLE_MAX characters, without control characters (C0, DEL, C1) or
 * line and paragraph separators, and not only spaces. */
static int
title_valid(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 text = 0;

	if (!xmlCheckUTF8(p) || xmlUTF8Strlen(p) > TITLE_MAX)
		return 0;
	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f ||
		    (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) ||
		    (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 ||
		    p[2] == 0xa9)))
			return 0;
		if (*p != ' ')
			text = 1;
	}
	return text;
}

/* Adds id to ids unless it is there already.  id must be a valid
 * document id. */
static void
add_id(struct ids *ids, const char *id)
{
	char	*copy;

	if (xmlHashLookup(ids->seen, (const xmlChar *)id) != NULL)
		return;
	if (ids->n == ids->alloc) {
		ids->alloc = ids->alloc ? ids->alloc * 2 : 16;
		ids->v = xrealloc(ids->v, ids->alloc * sizeof(*ids->v));
	}
	copy = xstrdup(id);
	if (xmlHashAddEntry(ids->seen, (const xmlChar *)copy, copy) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	ids->v[ids->n++] = copy;
}

/* Refuses s, of len bytes, as a document id; where is "" for an
 * argument or "<stdin>:N: " for a line. */
static void
bad_id(const char *where, const char *s, size_t len)
{
	char	*shown = msg_escape(s, len);	/* s may hold a NUL */

	msg_warnx("%s'%s' is not a document id: ids are an upper-case letter, "
	    "then 2 to 63 upper-case letters, digits or hyphens, as "
	    "HLEG-P-2008-004", where, shown);
	free(shown);
}

/* Takes the id of one line of standard input, of len bytes, numbered
 * lineno: its first tab-separated field.  Blank lines are skipped.
 * Returns 0, or -1 after a message when the field is not an id. */
static int
take_line(struct ids *ids, char *line, size_t len, size_t lineno)
{
	char	 where[48];
	size_t	 i, field;

	for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t' ||
	    line[i] == '\r'); i++)
		;
	if (i == len)
		return 0;
	for (field = 0; field < len && line[field] != '\t'; field++)
		;
	/* A line of a file written on another system. */
	if (field == len && line[field - 1] == '\r')
		field--;
	line[field] = '\0';
	if (memchr(line, '\0', field) != NULL || !id_document_valid(line)) {
		snprintf(where, sizeof(where), "<stdin>:%zu: ", lineno);
		bad_id(where, line, field);
		return -1;
	}
	add_id(ids, line);
	return 0;
}

/* Reads the ids of the lines of fp, each at most LINE_MAX_BYTES long.
 * Returns 0, or -1 after a message. */
static int
read_ids(FILE *fp, struct ids *ids)
{
	char	*line = xmalloc(LINE_MAX_BYTES + 1);
	size_t	 len = 0, lineno = 0;
	int	 ch, rc = 0;

	while (rc == 0) {
		if ((ch = getc(fp)) != EOF && ch != '\n') {
			if (len < LINE_MAX_BYTES) {
				line[len++] = (char)ch;
				continue;
			}
			msg_warnx("<stdin>:%zu: the line is longer than %d bytes: "
			    "give one id per line, as hleg-ls writes them",
			    lineno + 1, LINE_MAX_BYTES);
			rc = -1;
		} else if (ch == EOF && ferror(fp)) {
			msg_warn("<stdin>");
			rc = -1;
		} else if (ch == EOF && len == 0)
			break;
		else {
			rc = take_line(ids, line, len, ++lineno);
			len = 0;
			if (ch == EOF)
				break;
		}
	}
	free(line);
	return rc;
}

static void
ids_free(struct ids *ids)
{
	xmlHashFree(ids->seen, NULL);
	for (size_t i = 0; i < ids->n; i++)
		free(ids->v[i]);
	free(ids->v);
}

/* Appends an element name of the hleg namespace, holding text when it
 * is not NULL, to parent. */
static xmlNodePtr
element(xmlNodePtr parent, xmlNsPtr ns, const char *name, const char *text)
{
	xmlNodePtr	 n;

	if ((n = xmlNewTextChild(parent, ns, (const xmlChar *)name,
	    (const xmlChar *)text)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	return n;
}

static void
attribute(xmlNodePtr n, const char *name, const char *value)
{
	if (value != NULL && xmlNewProp(n, (const xmlChar *)name,
	    (const xmlChar *)value) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
}

/* Adds two spaces after each newline of text, white space between
 * elements. */
static void
deepen(xmlNodePtr text)
{
	const xmlChar	*p;
	char		*s, *o;
	size_t		 newlines = 0;

	for (p = text->content; p != NULL && *p != '\0'; p++)
		if (*p == '\n')
			newlines++;
	if (newlines == 0)
		return;
	s = o = xmalloc((size_t)xmlStrlen(text->content) + 2 * newlines + 1);
	for (p = text->content; *p != '\0'; p++) {
		*o++ = (char)*p;
		if (*p == '\n') {
			*o++ = ' ';
			*o++ = ' ';
		}
	}
	*o = '\0';
	xmlNodeSetContent(text, (const xmlChar *)s);
	free(s);
}

/* Indents the copy of a document's root one level deeper, as it sits
 * inside the collection, so that the document keeps its own layout: the
 * white space between elements gains two spaces after each newline.
 * That white space is insignificant; the text of mixed content, and all
 * under xml:space="preserve", is left as it was. */
static void
reindent(xmlNodePtr e, int preserve)
{
	xmlChar	*space;
	int	 mixed = 0;

	if ((space = xmlGetNsProp(e, (const xmlChar *)"space",
	    XML_XML_NAMESPACE)) != NULL) {
		if (xmlStrEqual(space, (const xmlChar *)"preserve"))
			preserve = 1;
		else if (xmlStrEqual(space, (const xmlChar *)"default"))
			preserve = 0;
		xmlFree(space);
	}
	for (xmlNodePtr n = e->children; n != NULL; n = n->next)
		if (n->type == XML_CDATA_SECTION_NODE ||
		    n->type == XML_ENTITY_REF_NODE ||
		    (n->type == XML_TEXT_NODE && !xmlIsBlankNode(n)))
			mixed = 1;
	for (xmlNodePtr n = e->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			reindent(n, preserve);
		else if (n->type == XML_TEXT_NODE && !mixed && !preserve)
			deepen(n);
}

/* Appends len bytes at buf to the collection's bytes (an
 * xmlOutputWriteCallback), unless they would pass HLEG_MAX_COLLECTION:
 * then the collection is over its bound, and nothing more is kept. */
static int
output_write(void *context, const char *buf, int len)
{
	struct output	*o = context;
	size_t		 n = (size_t)len;

	if (o->over || n > HLEG_MAX_COLLECTION - o->len) {
		o->over = 1;
		return -1;
	}
	if (o->len + n + 1 > o->cap) {
		o->cap = o->cap ? o->cap : 64 * 1024;
		while (o->len + n + 1 > o->cap)
			o->cap *= 2;
		if (o->cap > HLEG_MAX_COLLECTION + 1)
			o->cap = HLEG_MAX_COLLECTION + 1;
		o->data = xrealloc(o->data, o->cap);
	}
	memcpy(o->data + o->len, buf, n);
	o->len += n;
	o->data[o->len] = '\0';
	return len;
}

/* Writes text to the collection. */
static void
write_text(struct collector *c, const char *text)
{
	xmlOutputBufferWriteString(c->writer, text);
}

/* Writes node n of doc on a line of its own, indented to level (1: a
 * child of the collection's root): laid out when format is 1 (the
 * collection's own elements), as it is when 0 (a document, whose layout
 * reindent() kept).  As the collection is UTF-8, characters are written
 * as they are, in attribute values too (which libxml2 writes as
 * character references for a document of no declared encoding). */
static void
write_node(struct collector *c, xmlDocPtr doc, xmlNodePtr n, int level,
    int format)
{
	const xmlChar	*encoding = doc->encoding;

	xmlOutputBufferWrite(c->writer, 2 * level, "        ");
	doc->encoding = (const xmlChar *)"UTF-8";
	xmlNodeDumpOutput(c->writer, doc, n, level, format, "UTF-8");
	doc->encoding = encoding;
	write_text(c, "\n");
}

/* Whether the collection passed its bound, after a message that names
 * what it passed it with; then nothing more is read. */
static int
over_bound(struct collector *c, const char *with)
{
	if (c->writer != NULL)
		xmlOutputBufferFlush(c->writer);
	if (!c->bytes.over)
		return 0;
	if (c->bytes.over == 1)
		msg_warnx("<collection>:0:0: error: the collection is larger "
		    "than %u MiB with %s; it is refused: collect fewer "
		    "documents at a time [HLEG-P002]",
		    HLEG_MAX_COLLECTION / (1024 * 1024), with);
	c->bytes.over = 2;
	c->status = worse(c->status, HLEG_EXIT_INVALID);
	return 1;
}

/* Reads documents/ID.xml at commit, the i-th id, checks that it is a
 * proposal or a report named after its id, and writes its root element
 * to the collection. */
static void
collect_document(struct collector *c, git_commit *commit, const char *rev,
    size_t i)
{
	const char		*id = c->ids->v[i];
	struct source		 source, *src = &source;
	struct diag_list	 diags;
	xmlDocPtr		 doc;
	xmlNodePtr		 root = NULL;
	char			*path = NULL;
	int			 rc;

	memset(&source, 0, sizeof(source));
	xappendf(&path, "documents/%s.xml", id);
	rc = dossier_read(c->dossier, commit, path, src);
	free(path);
	if (rc == 1) {
		msg_warnx("%s: no such document at %s", id, rev);
		c->status = worse(c->status, HLEG_EXIT_INVALID);
		source_free(src);
		return;
	}
	if (rc == 2) {
		msg_warnx("%s:documents/%s.xml:0:0: error: %s [HLEG-W017]", rev,
		    id, dossier_error());
		c->status = worse(c->status, HLEG_EXIT_INVALID);
		source_free(src);
		return;
	}
	if (rc != 0) {
		c->status = worse(c->status, HLEG_EXIT_SYSTEM);
		source_free(src);
		return;
	}
	memset(&diags, 0, sizeof(diags));
	if ((doc = parser_read(c->parser, src, &diags)) != NULL)
		root = xmlDocGetRootElement(doc);
	if (doc != NULL && kind_of(doc) != KIND_PROPOSAL &&
	    kind_of(doc) != KIND_REPORT)
		diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
		    source_column(src, xmlGetLineNo(root),
		    (const char *)root->name), "HLEG-P006",
		    "the root element '%s' is not an hleg proposal or report "
		    "(namespace " HLEG_NS "); a collection gathers the "
		    "documents of the workflow", root->name);
	else if (doc != NULL)
		kind_id_matches(doc, id, src, &diags);
	diag_print(stderr, src->name, &diags);
	/* The bytes are parsed and their diagnostics told. */
	source_free(src);
	if (diags.worst == DIAG_ERROR)
		c->status = worse(c->status, HLEG_EXIT_INVALID);
	else if (c->status == HLEG_EXIT_OK) {
		/* Once a document is refused, nothing will be written. */
		reindent(root, 0);
		write_node(c, doc, root, 1, 0);
	}
	diag_clear(&diags);
	xmlFreeDoc(doc);
}

/* Finds the blob of roster.xml at commit.  Returns 1 with *blob set, 0
 * when there is none, -1 after a message. */
static int
roster_blob(struct collector *c, git_commit *commit, git_oid *blob)
{
	git_tree		*tree;
	const git_tree_entry	*e;
	int			 found = 0;

	if (git_commit_tree(&tree, commit) != 0) {
		msg_warnx("%s: %s", c->dossier->name, dossier_error());
		return -1;
	}
	if ((e = git_tree_entry_byname(tree, "roster.xml")) != NULL &&
	    git_tree_entry_type(e) == GIT_OBJECT_BLOB) {
		git_oid_cpy(blob, git_tree_entry_id(e));
		found = 1;
	}
	git_tree_free(tree);
	return found;
}

/* Forgets the roster of the history read last, before another is
 * read: one is in memory at a time. */
static void
forget_last_roster(struct collector *c)
{
	if (c->rosters != NULL && c->rosters->next != NULL) {
		roster_free(c->rosters->next->roster);
		free(c->rosters->next);
		c->rosters->next = NULL;
	}
}

/* Remembers roster r (NULL: unreadable) as the one of blob: the first
 * is the revision's, the second the history's read last. */
static struct roster *
remember_roster(struct collector *c, const git_oid *blob, struct roster *r)
{
	struct roster_entry	*e = xcalloc(1, sizeof(*e));

	git_oid_cpy(&e->blob, blob);
	e->roster = r;
	forget_last_roster(c);
	if (c->rosters == NULL)
		c->rosters = e;
	else
		c->rosters->next = e;
	return r;
}

/* The roster of commit, where the names of its actors are: read with
 * the safe parser unless it is the revision's or the last one read (an
 * actor's name is looked up once on each version: actor_name()).  NULL
 * when the commit has none that can be read; its actors then go
 * unnamed. */
static const struct roster *
roster_at(struct collector *c, git_commit *commit)
{
	struct roster_entry	*e;
	struct source		 src;
	struct diag_list	 diags;
	git_oid			 id;
	xmlDocPtr		 doc = NULL;
	char			 hex[9], *name = NULL;

	switch (roster_blob(c, commit, &id)) {
	case 1:
		break;
	case 0:
		return NULL;
	default:
		c->status = worse(c->status, HLEG_EXIT_SYSTEM);
		return NULL;
	}
	for (e = c->rosters; e != NULL; e = e->next)
		if (git_oid_equal(&e->blob, &id))
			return e->roster;
	forget_last_roster(c);
	memset(&src, 0, sizeof(src));
	git_oid_tostr(hex, sizeof(hex), git_commit_id(commit));
	xappendf(&name, "%s:roster.xml", hex);
	if (dossier_blob(c->dossier->repo, &id, name, &src) != 0) {
		msg_warnx("%s: roster.xml: %s", c->dossier->name,
		    dossier_error());
		c->status = worse(c->status, HLEG_EXIT_SYSTEM);
		free(name);
		return NULL;
	}
	free(name);
	memset(&diags, 0, sizeof(diags));
	doc = parser_read(c->parser, &src, &diags);
	source_free(&src);
	diag_clear(&diags);
	if (doc != NULL && kind_of(doc) != KIND_ROSTER) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	return remember_roster(c, &id, doc != NULL ? roster_new(doc) : NULL);
}

/* Whether id is one of the documents collected. */
static int
collected(const struct collector *c, const char *id)
{
	return xmlHashLookup(c->ids->seen, (const xmlChar *)id) != NULL;
}

static void
free_name(void *payload, const xmlChar *key)
{
	(void)key;
	free(payload);
}

/* The name of actor on the roster of commit (malloc'd), or NULL when it
 * has none fit for an attribute.  Each actor's name on each roster is
 * looked up once. */
static char *
actor_name(struct collector *c, git_commit *commit, const char *actor)
{
	const struct roster	*roster;
	const char		*known;
	git_oid			 blob;
	char			*key = NULL, *name = NULL;
	char			 hex[GIT_OID_HEXSZ + 1];

	if (actor == NULL)
		return NULL;
	switch (roster_blob(c, commit, &blob)) {
	case 1:
		break;
	case 0:
		return NULL;
	default:
		c->status = worse(c->status, HLEG_EXIT_SYSTEM);
		return NULL;
	}
	git_oid_tostr(hex, sizeof(hex), &blob);
	xappendf(&key, "%s %s", hex, actor);
	if ((known = xmlHashLookup(c->names, (const xmlChar *)key)) != NULL) {
		free(key);
		return *known != '\0' ? xstrdup(known) : NULL;
	}
	if ((roster = roster_at(c, commit)) != NULL) {
		name = roster_field(roster_person(roster, actor), "name");
		if (name != NULL && !id_signature_text_valid(name)) {
			free(name);
			name = NULL;
		}
	}
	if (xmlHashAddEntry(c->names, (const xmlChar *)key,
	    xstrdup(name != NULL ? name : "")) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	free(key);
	return name;
}

/* Appends the event e to the history. */
static void
add_event(struct collector *c, const struct history_event *e)
{
	const struct event_record	*r = e->record;
	xmlNodePtr			 n;
	char				 hex[GIT_OID_HEXSZ + 1];
	char				*name, *note, *text;

	name = actor_name(c, e->commit, r->actor);
	git_oid_tostr(hex, sizeof(hex), git_commit_id(e->commit));
	n = element(c->history, c->ns, "event", NULL);
	attribute(n, "document", r->document);
	attribute(n, "event", r->event);
	attribute(n, "from", r->from);
	attribute(n, "to", r->to);
	attribute(n, "actor", r->actor);
	attribute(n, "actor-name", name);
	attribute(n, "date", e->day);
	attribute(n, "commit", hex);
	attribute(n, "sector", r->sector);
	attribute(n, "outcome", r->outcome);
	attribute(n, "version", r->version);
	if ((note = history_note(git_commit_message(e->commit))) != NULL) {
		text = history_xml_text(note);
		element(n, c->ns, "note", text);
		free(text);
		free(note);
	}
	free(name);
	if (c->events++ == 0)
		write_text(c, "  <history>\n");
	write_node(c, c->out, n, 2, 1);
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Takes the event of one commit into the history if it is about a
 * collected document (history_fn). */
static int
collect_event(const struct history_event *e, void *arg)
{
	struct collector		*c = arg;
	const struct event_record	*r = e->record;
	char				 hex[9], *why;

	if (!e->malformed && !e->bad_date) {
		if (collected(c, r->document)) {
			add_event(c, e);
			if (over_bound(c, "the history of its documents"))
				return 1;
		}
		return 0;
	}
	/* Another document's event, however malformed the rest, is none
	 * of the collection's concern. */
	if (r->document != NULL && id_document_valid(r->document) &&
	    !collected(c, r->document))
		return 0;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(e->commit));
	if (e->malformed) {
		why = history_why_malformed(r);
		msg_warnx("commit %s: error: its HLEG trailers do not record "
		    "an event: %s; the history would be incomplete", hex,
		    why);
		free(why);
	} else
		msg_warnx("commit %s: error: its author date lies outside the "
		    "years 0001 to 9999, so the day of its event cannot be "
		    "told; the history would be incomplete", hex);
	c->status = worse(c->status, HLEG_EXIT_INVALID);
	return 0;
}

/* Where the documents lie in the collection: between the first one's
 * start tag and the history's. */
struct span {
	long	first, end;
	int	found;		/* all the documents and the history */
};

static struct span
documents_span(const struct collector *c, xmlDocPtr cdoc)
{
	xmlNodePtr	 root = cdoc ? xmlDocGetRootElement(cdoc) : NULL;
	struct span	 s;
	size_t		 n = c->ids->n, k = 0;

	memset(&s, 0, sizeof(s));
	for (xmlNodePtr e = root ? root->children : NULL; e; e = e->next)
		if (k < n && (node_is(e, "proposal") || node_is(e, "report"))) {
			if (k++ == 0)
				s.first = xmlGetLineNo(e);
		} else if (k == n && node_is(e, "history"))
			s.end = xmlGetLineNo(e);
	s.found = k == n;
	return s;
}

/* Checks the documents again, each alone, read again from the dossier,
 * and prints their diagnostics.  Returns how many there were. */
static size_t
report_documents(struct collector *c, struct validator *v,
    const struct roster *roster)
{
	struct validate_item	*items;
	struct diag_list	*docs;
	struct source		*sources;
	size_t			 n = c->ids->n, found = 0;
	char			*path;

	items = xcalloc(n, sizeof(*items));
	docs = xcalloc(n, sizeof(*docs));
	sources = xcalloc(n, sizeof(*sources));
	for (size_t i = 0; i < n; i++) {
		path = NULL;
		xappendf(&path, "documents/%s.xml", c->ids->v[i]);
		if (dossier_read(c->dossier, c->commit, path, &sources[i]) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "%s: %s: read once, it "
			    "cannot be read again", c->dossier->name, path);
		free(path);
		items[i].src = &sources[i];
		items[i].diags = &docs[i];
	}
	validator_check_many(v, items, n, roster);
	for (size_t i = 0; i < n; i++) {
		found += docs[i].count + docs[i].dropped;
		diag_print(stderr, sources[i].name, &docs[i]);
		diag_clear(&docs[i]);
		source_free(&sources[i]);
	}
	free(sources);
	free(docs);
	free(items);
	return found;
}

/* Prints diags, the diagnostics of the collection named name whose
 * documents lie in span.  Those about what a document says are told of
 * the document as it is in the dossier (REV:documents/ID.xml:LINE:COL),
 * which its reader can open, by checking the documents alone; the
 * others are about the collection itself and name it. */
static void
report(struct collector *c, struct validator *v, const struct roster *roster,
    const char *name, const struct diag_list *diags, struct span span)
{
	struct diag_list	 rest;
	size_t			 found = 0;
	int			 inside = 0;

	memset(&rest, 0, sizeof(rest));
	for (size_t i = 0; i < diags->count; i++) {
		const struct diag	*d = &diags->items[i];

		if (span.found && d->line >= span.first && d->line < span.end)
			inside = 1;
		else
			diag_add(&rest, d->level, d->line, d->column, d->rule,
			    "%s", d->message);
	}
	rest.dropped = diags->dropped;
	if (inside)
		found = report_documents(c, v, roster);
	diag_print(stderr, name, inside && found == 0 ? diags : &rest);
	diag_clear(&rest);
}

/* Checks the collection as hleg-validate would, against roster, and
 * writes it when it is valid.  Returns the exit status. */
static int
check_and_write(struct collector *c, struct validator *v,
    const struct roster *roster)
{
	struct source		 out;
	struct diag_list	 diags;
	struct span		 span;
	xmlDocPtr		 cdoc = NULL;
	int			 status = HLEG_EXIT_OK;

	/* The source takes the bytes over. */
	memset(&out, 0, sizeof(out));
	out.name = xstrdup("<collection>");
	out.data = c->bytes.data;
	out.len = c->bytes.len;
	c->bytes.data = NULL;
	c->bytes.len = c->bytes.cap = 0;
	memset(&diags, 0, sizeof(diags));
	validator_check(v, &out, roster, &diags, &cdoc);
	span = documents_span(c, cdoc);
	xmlFreeDoc(cdoc);
	if (diags.worst == DIAG_ERROR) {
		status = HLEG_EXIT_INVALID;
		free(out.data);
		out.data = NULL;
	}
	if (diags.count > 0 || diags.dropped > 0)
		report(c, v, roster, out.name, &diags, span);
	if (status == HLEG_EXIT_OK)
		fwrite(out.data, 1, out.len, stdout);
	diag_clear(&diags);
	source_free(&out);
	return status;
}

/* Reads and checks the roster at commit, against which the collection
 * is checked.  Returns it, or NULL after a message with *status set. */
static struct roster *
revision_roster(struct collector *c, struct validator *v, git_commit *commit,
    const char *rev, int *status)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;
	git_oid			 blob;
	int			 rc;

	memset(&src, 0, sizeof(src));
	if ((rc = roster_blob(c, commit, &blob)) != 1 ||
	    (rc = dossier_read(c->dossier, commit, "roster.xml", &src)) != 0) {
		if (rc == 2)
			msg_warnx("%s: not a dossier: at %s, %s",
			    c->dossier->name, rev, dossier_error());
		else if (rc != -1)
			msg_warnx("%s: not a dossier: %s has no roster.xml",
			    c->dossier->name, rev);
		*status = HLEG_EXIT_SYSTEM;
		return NULL;
	}
	memset(&diags, 0, sizeof(diags));
	validator_check(v, &src, NULL, &diags, &doc);
	if (doc != NULL && kind_of(doc) != KIND_ROSTER)
		diag_add(&diags, DIAG_ERROR, 1, 0, "HLEG-P006", "this %s is "
		    "no roster", kind_name(kind_of(doc)));
	diag_print(stderr, src.name, &diags);
	if (diags.worst == DIAG_ERROR) {
		msg_warnx("%s: the roster at %s is invalid: the secretariat must "
		    "mend it", c->dossier->name, rev);
		xmlFreeDoc(doc);
		doc = NULL;
		*status = HLEG_EXIT_INVALID;
	}
	diag_clear(&diags);
	source_free(&src);
	return doc != NULL ? remember_roster(c, &blob, roster_new(doc)) :
	    NULL;
}

/* Makes the collection's root, title and date, and writes them but for
 * the root's end tag. */
static void
start_collection(struct collector *c, git_commit *commit, const char *title)
{
	const git_signature	*author = git_commit_author(commit);
	struct gitdate		 when;
	xmlNodePtr		 root;
	char			 hex[GIT_OID_HEXSZ + 1], day[11];
	char			*fallback = NULL;

	if ((c->out = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewDocNode(c->out, NULL,
	    (const xmlChar *)"collection", NULL)) == NULL ||
	    (c->ns = xmlNewNs(root, (const xmlChar *)HLEG_NS, NULL)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	xmlSetNs(root, c->ns);
	xmlDocSetRootElement(c->out, root);
	git_oid_tostr(hex, sizeof(hex), git_commit_id(commit));
	attribute(root, "revision", hex);
	when.seconds = (long long)author->when.time;
	when.offset = author->when.offset;
	gitdate_day(&when, day);
	if (title == NULL) {
		xappendf(&fallback, "Briefing of %s", day);
		title = fallback;
	}
	if ((c->writer = xmlOutputBufferCreateIO(output_write, NULL,
	    &c->bytes, NULL)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	write_text(c, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<collection xmlns=\"" HLEG_NS "\" revision=\"");
	write_text(c, hex);
	write_text(c, "\">\n");
	write_node(c, c->out, element(root, c->ns, "title", title), 1, 1);
	write_node(c, c->out, element(root, c->ns, "date", day), 1, 1);
	free(fallback);
}

/* Writes the end of the collection: the history's end tag (or an empty
 * history) and the root's, and closes its writer. */
static void
end_collection(struct collector *c)
{
	write_text(c, c->events > 0 ? "  </history>\n" : "  <history/>\n");
	write_text(c, "</collection>\n");
	over_bound(c, "the history of its documents");
	xmlOutputBufferClose(c->writer);
	c->writer = NULL;
}

static void
collector_free(struct collector *c)
{
	struct roster_entry	*e, *next;

	for (e = c->rosters; e != NULL; e = next) {
		next = e->next;
		roster_free(e->roster);
		free(e);
	}
	xmlHashFree(c->names, free_name);
	if (c->writer != NULL)
		xmlOutputBufferClose(c->writer);
	free(c->bytes.data);
	xmlFreeDoc(c->out);
	parser_free(c->parser);
}

/* Writes the collection of ids at commit of d, checked by v.  Returns
 * the exit status. */
static int
collect(struct dossier *d, git_commit *commit, struct validator *v,
    const struct ids *ids, const char *title, const char *rev)
{
	struct collector	 c;
	const struct roster	*roster;
	int			 status = HLEG_EXIT_OK;

	memset(&c, 0, sizeof(c));
	c.dossier = d;
	c.commit = commit;
	c.ids = ids;
	if ((c.names = xmlHashCreate(64)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	if ((c.parser = parser_new()) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot make a parser");
	if ((roster = revision_roster(&c, v, commit, rev, &status)) != NULL) {
		start_collection(&c, commit, title);
		for (size_t i = 0; i < ids->n; i++) {
			collect_document(&c, commit, rev, i);
			if (over_bound(&c, ids->v[i]))
				break;
		}
		/* The history follows the documents. */
		if (c.status == HLEG_EXIT_OK) {
			c.history = element(xmlDocGetRootElement(c.out), c.ns,
			    "history", NULL);
			if (history_walk(d, commit, collect_event, &c) == -1)
				c.status = HLEG_EXIT_SYSTEM;
		}
		if (c.status == HLEG_EXIT_OK)
			end_collection(&c);
		if (c.status == HLEG_EXIT_OK)
			c.status = check_and_write(&c, v, roster);
		status = c.status;
	}
	collector_free(&c);
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "title", required_argument, NULL, 'T' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct validate_setup	 setup;
	struct validator	*v;
	struct dossier		 d;
	struct ids		 ids;
	git_commit		*commit;
	const char		*dir = NULL, *rev = NULL, *title = NULL;
	int			 ch, status = HLEG_EXIT_OK, from_stdin = 0;

	while ((ch = getopt_long(argc, argv, "C:hr:", longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			dir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'r':
			rev = optarg;
			break;
		case 'T':
			if (title != NULL) {
				msg_warnx("--title may be given only once");
				usage();
			}
			if (!title_valid(optarg)) {
				msg_warnx("--title: give one line of at most %d "
				    "characters, without control characters",
				    TITLE_MAX);
				usage();
			}
			title = optarg;
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;

	/* Every id is checked before any is used. */
	xmlInitParser();
	memset(&ids, 0, sizeof(ids));
	if ((ids.seen = xmlHashCreate(64)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	for (int i = 0; i < argc && status == HLEG_EXIT_OK; i++)
		if (strcmp(argv[i], "-") == 0 && !from_stdin) {
			from_stdin = 1;
			if (read_ids(stdin, &ids) != 0)
				status = HLEG_EXIT_SYSTEM;
		} else if (!id_document_valid(argv[i])) {
			bad_id("", argv[i], strlen(argv[i]));
			ids_free(&ids);
			usage();
		} else
			add_id(&ids, argv[i]);
	if (argc == 0 && read_ids(stdin, &ids) != 0)
		status = HLEG_EXIT_SYSTEM;
	if (status != HLEG_EXIT_OK || ids.n == 0) {
		if (status == HLEG_EXIT_OK) {
			msg_warnx("no document ids: give them as arguments, or one "
			    "at the start of each line of standard input, as "
			    "hleg-ls writes them");
			status = HLEG_EXIT_INVALID;
		}
		ids_free(&ids);
		xmlCleanupParser();
		return status;
	}

	if (validate_setup(&setup) == -1)
		status = HLEG_EXIT_SYSTEM;
	else {
		if ((v = validator_new(&setup)) == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "cannot make a validator");
		dossier_library_init();
		if (dossier_open(&d, dir) != 0)
			status = HLEG_EXIT_SYSTEM;
		else {
			if (dossier_commit(&d, rev, &commit) != 0)
				status = HLEG_EXIT_SYSTEM;
			else {
				status = collect(&d, commit, v, &ids, title,
				    rev ? rev : "main");
				git_commit_free(commit);
			}
			dossier_close(&d);
		}
		dossier_library_shutdown();
		validator_free(v);
		validate_cleanup(&setup);
	}
	ids_free(&ids);
	if (fshut(stdout, "stdout") != 0)
		status = HLEG_EXIT_SYSTEM;
	return status;
}
