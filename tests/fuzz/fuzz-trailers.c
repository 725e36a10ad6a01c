/*
 * fuzz-trailers.c - libFuzzer target: the commit messages of events.
 *
 * Any bytes, as a commit message, through trailers_read(), history_note(),
 * history_why_malformed() and history_xml_text(): a record read as an
 * event has every field well-formed, one read as nothing has no field,
 * a malformed one has a reason; a note does not end in a newline;
 * history_xml_text() gives RFC 3629 UTF-8 of characters XML allows,
 * without carriage returns, leaves such text as it is and is
 * idempotent.
 *
 * Then a round trip.  The input's first nine lines are a step's document,
 * event, from, to, actor, Sector, outcome, version and the title (a field
 * its id checker refuses is replaced by a valid one, or left out when
 * optional); the rest is the note.  The note goes through event_check()
 * as the note of a "return" of the embedded proposal by the secretariat,
 * as hleg-transition would judge it.  When it is accepted, the message
 * trailers_message() composes must read back, with trailers_read(), as
 * exactly the step's fields, and with history_note() as the note: no
 * note event_check() accepts may change what the trailers say.  The
 * subject is the event, the document and the title on one line.
 *
 * Build and run with "make fuzz"; HLEG_DATADIR must name the source tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>
#include <libxml/xmlstring.h>

#include "../../src/lib/event.h"
#include "../../src/lib/history.h"
#include "../../src/lib/ids.h"
#include "../../src/lib/parse.h"
#include "../../src/lib/roster.h"
#include "../../src/lib/safety.h"
#include "../../src/lib/trailers.h"
#include "../../src/lib/workflow.h"
#include "fuzz.h"

#define DAY	"2008-04-10"

static struct parser	*parser;
static struct roster	*roster;
static struct workflow	*workflow;
static xmlDocPtr	 submitted;	/* the proposal, submitted */
static char		 version[] = "5f0c6b4e0f1d2c3b4a5968778695a4b3c2d1e0f9";

/* The fields of a step when the input's are not valid. */
static char	 dflt_document[] = "HLEG-P-2008-004";
static char	 dflt_event[] = "submit";
static char	 dflt_from[] = "draft";
static char	 dflt_to[] = "submitted";
static char	 dflt_actor[] = "m01";

/* Whether event_check() accepts note on a "return" by the secretariat;
 * *rule gets the rule of a refusal. */
static int
note_accepted(const char *note, const char **rule)
{
	struct event_request	 q;
	struct step		 step;
	struct refusal		 ref;
	int			 ok;

	memset(&q, 0, sizeof(q));
	q.event = "return";
	q.actor = "s01";
	q.note = note;
	memcpy(q.date, DAY, sizeof(q.date));
	ok = event_check(workflow, roster, submitted, version, &q, &step,
	    &ref) == 0;
	if (ok)
		CHECK(fuzz_streq(step.note, note));
	*rule = ref.rule;
	step_clear(&step);
	refusal_clear(&ref);
	return ok;
}

static void
init(void)
{
	xmlDocPtr	 doc;
	const char	*rule;
	char		*why;

	/* trailers_read() needs libgit2's allocator. */
	git_libgit2_init();
	if (safety_init() == -1 || (parser = parser_new()) == NULL)
		abort();
	roster = roster_new(fuzz_fixture(parser,
	    "fixtures/dossier/roster.xml"));
	doc = fuzz_fixture(parser, "fixtures/dossier/workflow.xml");
	if ((workflow = workflow_read(doc, &why)) == NULL)
		abort();
	xmlFreeDoc(doc);
	submitted = fuzz_fixture(parser,
	    "fixtures/dossier/documents/HLEG-P-2008-001.xml");
	CHECK(event_workflow(submitted) != NULL);
	xmlSetProp(event_workflow(submitted), (const xmlChar *)"state",
	    (const xmlChar *)"submitted");
	/* The fixed request is right but for the note. */
	CHECK(note_accepted("Fine.", &rule));
	CHECK(!note_accepted(NULL, &rule));
	CHECK(!note_accepted("HLEG-Event: submit", &rule));
}

/* What trailers.c takes for a version. */
static int
version_valid(const char *s)
{
	size_t	 n = strspn(s, "0123456789abcdef");

	return s[n] == '\0' && (n == 40 || n == 64);
}

/* The checks of history_xml_text() on s. */
static void
check_xml_text(const char *s)
{
	const unsigned char	*p;
	char			*out, *again;
	int			 c, len;

	out = history_xml_text(s);
	CHECK(strlen(out) <= 3 * strlen(s));
	/* RFC 3629 UTF-8 (libxml2 2.9's xmlGetUTF8Char() took a stray
	 * continuation byte, "\xac\x98", and overlong forms for
	 * characters: fixtures/fuzz/fuzz-trailers/). */
	CHECK(xmlCheckUTF8((const unsigned char *)out));
	CHECK(fuzz_xml_text(out));
	for (p = (const unsigned char *)out; *p != '\0'; p += len) {
		len = (int)strlen((const char *)p);
		if (len > 4)
			len = 4;
		c = xmlGetUTF8Char(p, &len);
		CHECK(c >= 0 && xmlIsCharQ(c) && c != '\r');
	}
	if (fuzz_xml_text(s) && strchr(s, '\r') == NULL)
		CHECK(strcmp(out, s) == 0);
	again = history_xml_text(out);
	CHECK(strcmp(again, out) == 0);
	free(again);
	free(out);
}

/* The checks of trailers_read() and history.h on message. */
static void
check_message(const char *message)
{
	struct event_record	 r;
	char			*note, *why;
	int			 rc;

	rc = trailers_read(message, &r);
	CHECK(rc == -1 || rc == 0 || rc == 1);
	if (rc == 1) {
		CHECK(id_document_valid(r.document));
		CHECK(id_name_valid(r.event));
		CHECK(id_name_valid(r.from) && id_name_valid(r.to));
		CHECK(id_person_valid(r.actor));
		CHECK(r.sector == NULL || id_sector_valid(r.sector));
		CHECK(r.outcome == NULL || id_outcome_valid(r.outcome));
		CHECK(r.version == NULL || version_valid(r.version));
	} else if (rc == 0)
		CHECK(r.document == NULL && r.event == NULL &&
		    r.from == NULL && r.to == NULL && r.actor == NULL &&
		    r.sector == NULL && r.outcome == NULL &&
		    r.version == NULL);
	else {
		CHECK((r.from == NULL) == (r.to == NULL));
		why = history_why_malformed(&r);
		CHECK(why != NULL && why[0] != '\0');
		if (r.document == NULL || r.event == NULL || r.from == NULL ||
		    r.actor == NULL)
			CHECK(strncmp(why, "it has no HLEG-", 15) == 0);
		free(why);
	}
	event_record_clear(&r);

	if ((note = history_note(message)) != NULL) {
		size_t	 n = strlen(note);

		CHECK(n > 0 && n <= strlen(message));
		CHECK(note[n - 1] != '\n');
		check_xml_text(note);
		free(note);
	}
	check_xml_text(message);
}

/* The note as history_note() gives it back: without the blank lines
 * at either end; NULL when nothing is left. */
static char *
expected_note(const char *note)
{
	size_t	 n;

	while (*note == '\n')
		note++;
	n = strlen(note);
	while (n > 0 && note[n - 1] == '\n')
		n--;
	return n > 0 ? strndup(note, n) : NULL;
}

/* The next line of *p, which it cuts off; NULL when there is none. */
static char *
next_line(char **p)
{
	char	*line = *p, *nl;

	if (line == NULL)
		return NULL;
	if ((nl = strchr(line, '\n')) != NULL) {
		*nl = '\0';
		*p = nl + 1;
	} else
		*p = NULL;
	return line;
}

/* The next line of *p when valid says it is, else dflt. */
static char *
field(char **p, int (*valid)(const char *), char *dflt)
{
	char	*f = next_line(p);

	return f != NULL && valid(f) ? f : dflt;
}

/* The subject of message m: "EVENT DOCUMENT: TITLE", one line, the
 * title with its white space collapsed, without control characters, at
 * most 200 bytes, UTF-8 if the title was. */
static void
check_subject(const char *m, const char *event, const char *document,
    const char *title)
{
	const char	*t, *nl;
	char		*line;
	size_t		 n;

	CHECK((nl = strchr(m, '\n')) != NULL && nl[1] == '\n');
	CHECK(strncmp(m, event, strlen(event)) == 0 && m[strlen(event)] == ' ');
	t = m + strlen(event) + 1;
	CHECK(strncmp(t, document, strlen(document)) == 0);
	t += strlen(document);
	CHECK(strncmp(t, ": ", 2) == 0);
	t += 2;
	n = (size_t)(nl - t);
	CHECK(n <= 200);
	CHECK(n == 0 || (t[0] != ' ' && t[n - 1] != ' '));
	for (const unsigned char *s = (const unsigned char *)t;
	    s < (const unsigned char *)nl; s++)
		CHECK(*s >= 0x20 && *s != 0x7f && !(s[0] == ' ' && s[1] == ' '));
	if (!fuzz_utf8_valid(title))
		return;
	CHECK((line = strndup(t, n)) != NULL);
	CHECK(fuzz_utf8_valid(line));
	free(line);
}

static void
round_trip(char *input)
{
	struct step		 st;
	struct event_record	 r;
	const char		*document, *title, *rule, *f;
	char			*p = input, *m, *note, *want;
	int			 accepted;

	memset(&st, 0, sizeof(st));
	document = field(&p, id_document_valid, dflt_document);
	st.event = field(&p, id_name_valid, dflt_event);
	st.from = field(&p, id_name_valid, dflt_from);
	st.to = field(&p, id_name_valid, dflt_to);
	st.by = field(&p, id_person_valid, dflt_actor);
	st.sector = field(&p, id_sector_valid, NULL);
	st.outcome = field(&p, id_outcome_valid, NULL);
	st.version = field(&p, version_valid, NULL);
	title = (f = next_line(&p)) ? f : "";
	memcpy(st.date, DAY, sizeof(st.date));
	note = p;
	accepted = note != NULL && note_accepted(note, &rule);
	/* Consistent with the note's own checks (event.c). */
	if (note != NULL && *note != '\0' &&
	    !id_note_valid(note, EVENT_NOTE_MAX))
		CHECK(!accepted && strcmp(rule, "HLEG-W015") == 0);
	st.note = accepted ? note : NULL;

	m = trailers_message(document, title, &st);
	CHECK(m != NULL);
	check_subject(m, st.event, document, title);
	CHECK(trailers_read(m, &r) == 1);
	CHECK(fuzz_streq(r.document, document));
	CHECK(fuzz_streq(r.event, st.event));
	CHECK(fuzz_streq(r.from, st.from));
	CHECK(fuzz_streq(r.to, st.to));
	CHECK(fuzz_streq(r.actor, st.by));
	CHECK(fuzz_streq(r.sector, st.sector));
	CHECK(fuzz_streq(r.outcome, st.outcome));
	CHECK(fuzz_streq(r.version, st.version));
	event_record_clear(&r);
	note = history_note(m);
	want = st.note ? expected_note(st.note) : NULL;
	CHECK(fuzz_streq(note, want));
	free(note);
	free(want);
	check_message(m);
	free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*message;

	if (parser == NULL)
		init();
	message = fuzz_string(data, size);
	check_message(message);
	round_trip(message);
	free(message);
	return 0;
}
