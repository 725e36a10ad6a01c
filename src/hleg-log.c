/*
 * hleg-log - the event history of one document, or of the whole dossier,
 * told by the trailers of the commits on main's first-parent history.
 */
#include <err.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/chvalid.h>
#include <libxml/parser.h>
#include <libxml/xmlstring.h>
#include <libxml/xmlwriter.h>

#include "lib/dossier.h"
#include "lib/gitdate.h"
#include "lib/ids.h"
#include "lib/trailers.h"
#include "lib/util.h"
#include "lib/validate.h"

/* What telling the history needs. */
struct teller {
	const char		*id;		/* the document, or NULL */
	xmlTextWriterPtr	 xml;		/* NULL for TSV */
	size_t			 events;	/* told so far */
	int			 status;
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-log [-h] [-C dir] [-r rev] [--xml] "
	    "[id]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-log [-h] [-C dir] [-r rev] [--xml] [id]\n"
	    "Print the workflow events of document id, or of every document, "
	    "oldest first:\n"
	    "date, id, event, from -> to, actor, sector, outcome, commit.\n"
	    "  -C DIR             the dossier (default: the current "
	    "repository)\n"
	    "  -h, --help         show this help and exit\n"
	    "  -r REV             the history up to REV (default: the tip of "
	    "main)\n"
	    "      --xml          write a history element instead of lines\n"
	    "      --version      print the version and exit\n"
	    "Exit status: 0 told, 1 id has no events or an event commit is "
	    "malformed,\n2 usage or system error.\n");
	exit(HLEG_EXIT_OK);
}

/* The note of an event's message: the paragraphs between the subject
 * and the trailers, each line's four-space indentation removed (see
 * trailers.h).  A malloc'd string, or NULL when there is none. */
static char *
note_of(const char *message)
{
	const char	*body, *end, *p, *nl;
	char		*note = NULL;
	size_t		 n;

	if ((body = strstr(message, "\n\n")) == NULL)
		return NULL;
	body += 2;
	/* The trailers are the last paragraph. */
	end = message + strlen(message);
	while (end > body && (end[-1] == '\n' || end[-1] == ' '))
		end--;
	for (p = end; p > body && !(p[-1] == '\n' && p - 1 > body &&
	    p[-2] == '\n'); p--)
		;
	if (p <= body)
		return NULL;
	end = p - 2;
	while (body < end && *body == '\n')
		body++;
	for (p = body; p < end; p += n + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (n >= 4 && strncmp(p, "    ", 4) == 0)
			xappendf(&note, "%.*s\n", (int)n - 4, p + 4);
		else
			xappendf(&note, "%.*s\n", (int)n, p);
	}
	if (note == NULL)
		return NULL;
	n = strlen(note);
	while (n > 0 && note[n - 1] == '\n')
		note[--n] = '\0';
	if (n == 0) {
		free(note);
		return NULL;
	}
	return note;
}

/* A copy of s that XML can hold: characters XML forbids are dropped and
 * bytes that are not UTF-8 become U+FFFD, for a commit message is
 * whatever its author wrote. */
static char *
xml_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out = xmalloc(strlen(s) * 3 + 1), *o = out;
	int			 c, len;

	while (*p != '\0') {
		len = (int)strlen((const char *)p);
		if (len > 4)
			len = 4;
		if ((c = xmlGetUTF8Char(p, &len)) < 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			p++;
			continue;
		}
		if (xmlIsCharQ(c) && c != '\r') {
			memcpy(o, p, (size_t)len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	return out;
}

/* Why trailers_read refused r: the trailers that are missing, or the
 * rule they break. */
static char *
why_malformed(const struct event_record *r)
{
	char	*why = NULL;

	if (r->document == NULL)
		xappendf(&why, "%s HLEG-Document", why ? "," : "");
	if (r->event == NULL)
		xappendf(&why, "%s HLEG-Event", why ? "," : "");
	if (r->from == NULL)
		xappendf(&why, "%s HLEG-State", why ? "," : "");
	if (r->actor == NULL)
		xappendf(&why, "%s HLEG-Actor", why ? "," : "");
	if (why != NULL) {
		char	*missing = NULL;

		xappendf(&missing, "it has no%s", why);
		free(why);
		return missing;
	}
	xappendf(&why, "each of HLEG-Document, HLEG-Event, HLEG-State "
	    "(FROM -> TO) and HLEG-Actor must appear once with a well-formed "
	    "value, HLEG-Sector, HLEG-Outcome and HLEG-Version at most once, "
	    "and no other HLEG- trailer");
	return why;
}

static void
write_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (value != NULL && xmlTextWriterWriteAttribute(w,
	    (const xmlChar *)name, (const xmlChar *)value) < 0)
		errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
}

static void
write_event(struct teller *t, git_commit *c, const struct event_record *r,
    const char *day)
{
	xmlTextWriterPtr	 w = t->xml;
	char			 hex[GIT_OID_HEXSZ + 1], *note, *text;

	if (w == NULL) {
		git_oid_tostr(hex, 8, git_commit_id(c));
		printf("%s\t%s\t%s\t%s -> %s\t%s\t%s\t%s\t%s\n", day,
		    r->document, r->event, r->from, r->to, r->actor,
		    r->sector ? r->sector : "-",
		    r->outcome ? r->outcome : "-", hex);
		return;
	}
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	if (xmlTextWriterStartElement(w, (const xmlChar *)"event") < 0)
		errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
	write_attribute(w, "document", r->document);
	write_attribute(w, "event", r->event);
	write_attribute(w, "from", r->from);
	write_attribute(w, "to", r->to);
	write_attribute(w, "actor", r->actor);
	write_attribute(w, "date", day);
	write_attribute(w, "commit", hex);
	write_attribute(w, "sector", r->sector);
	write_attribute(w, "outcome", r->outcome);
	write_attribute(w, "version", r->version);
	if ((note = note_of(git_commit_message(c))) != NULL) {
		text = xml_text(note);
		if (xmlTextWriterWriteElement(w, (const xmlChar *)"note",
		    (const xmlChar *)text) < 0)
			errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
		free(text);
		free(note);
	}
	if (xmlTextWriterEndElement(w) < 0)
		errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
}

/* Tells the event that commit c records, if it records one. */
static void
tell(struct teller *t, git_commit *c)
{
	struct event_record	 r;
	const git_signature	*author;
	struct gitdate		 when;
	char			 day[11], hex[9], *why;

	switch (trailers_read(git_commit_message(c), &r)) {
	case 0:
		break;
	case 1:
		if (t->id != NULL && strcmp(t->id, r.document) != 0)
			break;
		author = git_commit_author(c);
		when.seconds = (long long)author->when.time;
		when.offset = author->when.offset;
		gitdate_day(&when, day);
		write_event(t, c, &r, day);
		t->events++;
		break;
	default:
		/* Another document's event, however malformed the rest,
		 * is not this document's concern. */
		if (t->id != NULL && r.document != NULL &&
		    id_document_valid(r.document) &&
		    strcmp(t->id, r.document) != 0)
			break;
		git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
		why = why_malformed(&r);
		warnx("commit %s: error: its HLEG trailers do not record an "
		    "event: %s; the commit is not listed", hex, why);
		free(why);
		if (t->status < HLEG_EXIT_INVALID)
			t->status = HLEG_EXIT_INVALID;
		break;
	}
	event_record_clear(&r);
}

/* Tells the events of the first-parent history of tip, oldest first.
 * Returns 0, or -1 after a message. */
static int
walk(struct dossier *d, git_commit *tip, struct teller *t)
{
	git_revwalk	*w = NULL;
	git_commit	*c;
	git_oid		 oid;
	int		 rc;

	if (git_revwalk_new(&w, d->repo) != 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE)
	    != 0 || git_revwalk_simplify_first_parent(w) != 0 ||
	    git_revwalk_push(w, git_commit_id(tip)) != 0) {
		warnx("%s: cannot walk the history: %s", d->name,
		    dossier_error());
		git_revwalk_free(w);
		return -1;
	}
	while ((rc = git_revwalk_next(&oid, w)) == 0) {
		if (git_commit_lookup(&c, d->repo, &oid) != 0)
			break;
		tell(t, c);
		git_commit_free(c);
	}
	git_revwalk_free(w);
	if (rc != GIT_ITEROVER) {
		warnx("%s: cannot walk the history: %s", d->name,
		    dossier_error());
		return -1;
	}
	return 0;
}

static xmlTextWriterPtr
xml_start(void)
{
	xmlOutputBufferPtr	 out;
	xmlTextWriterPtr	 w;

	if ((out = xmlOutputBufferCreateFile(stdout, NULL)) == NULL ||
	    (w = xmlNewTextWriter(out)) == NULL)
		errx(HLEG_EXIT_SYSTEM, "cannot write XML");
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, (const xmlChar *)"  ") < 0 ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, (const xmlChar *)"history") < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"xmlns",
	    (const xmlChar *)HLEG_NS) < 0)
		errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
	return w;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "xml", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	struct teller	 t;
	struct dossier	 d;
	git_commit	*tip;
	const char	*dir = NULL, *rev = NULL;
	int		 ch, xml = 0;

	memset(&t, 0, sizeof(t));
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
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		case 'x':
			xml = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 1)
		usage();
	if (argc == 1) {
		if (!id_document_valid(argv[0])) {
			warnx("'%s' is not a document id: ids are an "
			    "upper-case letter, then 2 to 63 upper-case "
			    "letters, digits or hyphens, as HLEG-P-2008-004",
			    argv[0]);
			usage();
		}
		t.id = argv[0];
	}

	dossier_library_init();
	if (dossier_open(&d, dir) != 0)
		return HLEG_EXIT_SYSTEM;
	if (dossier_commit(&d, rev, &tip) != 0)
		return HLEG_EXIT_SYSTEM;
	if (xml)
		t.xml = xml_start();
	if (walk(&d, tip, &t) != 0)
		t.status = HLEG_EXIT_SYSTEM;
	if (xml) {
		if (xmlTextWriterEndDocument(t.xml) < 0)
			errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
		xmlFreeTextWriter(t.xml);
	}
	if (t.id != NULL && t.events == 0 && t.status != HLEG_EXIT_SYSTEM) {
		warnx("%s: no events in the history of %s", t.id,
		    rev ? rev : "main");
		t.status = HLEG_EXIT_INVALID;
	}

	git_commit_free(tip);
	dossier_close(&d);
	dossier_library_shutdown();
	xmlCleanupParser();
	if (fshut(stdout, "stdout") != 0)
		t.status = HLEG_EXIT_SYSTEM;
	return t.status;
}
