/*
 * hleg-log - the event history of one document, or of the whole dossier,
 * told by the trailers of the commits on main's first-parent history.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

#include "lib/dossier.h"
#include "lib/history.h"
#include "lib/ids.h"
#include "lib/msg.h"
#include "lib/safety.h"
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
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

static void
write_attribute(xmlTextWriterPtr w, const char *name, const char *value)
{
	if (value != NULL && xmlTextWriterWriteAttribute(w,
	    (const xmlChar *)name, (const xmlChar *)value) < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
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
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
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
	if ((note = history_note(git_commit_message(c))) != NULL) {
		text = history_xml_text(note);
		if (xmlTextWriterWriteElement(w, (const xmlChar *)"note",
		    (const xmlChar *)text) < 0)
			msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
		free(text);
		free(note);
	}
	if (xmlTextWriterEndElement(w) < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
}

/* Tells the event of e, if it is one to tell (history_fn). */
static int
tell(const struct history_event *e, void *arg)
{
	struct teller			*t = arg;
	const struct event_record	*r = e->record;
	char				 hex[9], *why;

	if (!e->malformed && !e->bad_date) {
		if (t->id == NULL || strcmp(t->id, r->document) == 0) {
			write_event(t, e->commit, r, e->day);
			t->events++;
		}
		return 0;
	}
	/* Another document's event, however malformed the rest, is not
	 * this document's concern. */
	if (t->id != NULL && r->document != NULL &&
	    id_document_valid(r->document) && strcmp(t->id, r->document) != 0)
		return 0;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(e->commit));
	if (e->malformed) {
		why = history_why_malformed(r);
		msg_warnx("commit %s: error: its HLEG trailers do not record "
		    "an event: %s; the commit is not listed", hex, why);
		free(why);
	} else
		msg_warnx("commit %s: error: its author date lies outside the "
		    "years 0001 to 9999, so the day of its event cannot be "
		    "told; the commit is not listed", hex);
	if (t->status < HLEG_EXIT_INVALID)
		t->status = HLEG_EXIT_INVALID;
	return 0;
}

static xmlTextWriterPtr
xml_start(void)
{
	xmlOutputBufferPtr	 out;
	xmlTextWriterPtr	 w;

	if ((out = xmlOutputBufferCreateFile(stdout, NULL)) == NULL ||
	    (w = xmlNewTextWriter(out)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot write XML");
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, (const xmlChar *)"  ") < 0 ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, (const xmlChar *)"history") < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"xmlns",
	    (const xmlChar *)HLEG_NS) < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
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
			msg_warnx("'%s' is not a document id: ids are an "
			    "upper-case letter, then 2 to 63 upper-case "
			    "letters, digits or hyphens, as HLEG-P-2008-004",
			    argv[0]);
			usage();
		}
		t.id = argv[0];
	}

	dossier_library_init();
	safety_errors_init();
	if (dossier_open(&d, dir) != 0)
		return HLEG_EXIT_SYSTEM;
	if (dossier_commit(&d, rev, &tip) != 0) {
		dossier_close(&d);
		dossier_library_shutdown();
		return HLEG_EXIT_SYSTEM;
	}
	if (xml)
		t.xml = xml_start();
	if (history_walk(&d, tip, tell, &t) != 0)
		t.status = HLEG_EXIT_SYSTEM;
	if (xml) {
		if (xmlTextWriterEndDocument(t.xml) < 0)
			msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
		xmlFreeTextWriter(t.xml);
	}
	if (t.id != NULL && t.events == 0 && t.status != HLEG_EXIT_SYSTEM) {
		msg_warnx("%s: no events in the history of %s", t.id,
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
