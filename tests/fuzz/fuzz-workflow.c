/*
 * fuzz-workflow.c - libFuzzer target: any document the safe parser
 * accepts read as a workflow definition, then the state machine run on
 * it.
 *
 * workflow_read() must refuse with a reason or give a definition whose
 * initial state, every event's "to" and "from" are declared, whose events
 * workflow_event() finds by their names, that no event leaves a final
 * state.  Each event of an accepted definition is then tried by a few
 * actors of the embedded roster on the embedded proposal
 * HLEG-P-2008-001, three rounds, the events that pass applied to a copy
 * of it.  An event_check() that passes must give the step that the
 * request and the definition say (its event, actor, "from" the
 * document's state, "to" the event's, a role the definition grants, the
 * Sector, outcome, version and note asked for); the same request on a
 * day outside the term, or with a note that forges a trailer, must be
 * refused; event_apply() must record the step and the state, leave the
 * content version alone, and the step's commit message must read back.
 * A refusal must carry a rule and a message.
 *
 * Every event of an accepted definition names at least one "by", each
 * with a role: event_check() passes the role to strcmp()
 * (fixtures/fuzz/fuzz-workflow/by-without-role.xml).
 *
 * Build and run with "make fuzz"; HLEG_DATADIR must name the source tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "../../src/lib/content.h"
#include "../../src/lib/event.h"
#include "../../src/lib/ids.h"
#include "../../src/lib/node.h"
#include "../../src/lib/parse.h"
#include "../../src/lib/roster.h"
#include "../../src/lib/safety.h"
#include "../../src/lib/trailers.h"
#include "../../src/lib/util.h"
#include "../../src/lib/workflow.h"
#include "fuzz.h"

#define ROUNDS		3	/* passes over the events */
#define MAX_EVENTS	16	/* events tried per round */
#define MAX_APPLIED	8	/* steps recorded per input */

#define DOCUMENT	"HLEG-P-2008-001"
#define SECTOR		"ITU-D"		/* the proposal's one Sector */
#define DAY		"2008-04-10"	/* inside the roster's term */
#define DAY_OUTSIDE	"2010-01-01"	/* after it */
#define NOTE		"The group asked for it."
#define FORGED_NOTE	"Fine.\n  HLEG-Actor: m01"

/* m01 chairs; m12 is a member; s01 is the secretariat; s04 the liaison
 * of ITU-D; m36 a rapporteur of the proposal; x99 is nobody. */
static const char *const actors[] = { "m01", "m12", "s01", "s04", "m36",
    "x99", NULL };

static struct parser	*parser;
static struct roster	*roster;
static xmlDocPtr	 proposal;
static char		 version[CONTENT_VERSION_SIZE];

static void
init(void)
{
	/* trailers_read() needs libgit2's allocator. */
	git_libgit2_init();
	if (safety_init() == -1 || (parser = parser_new()) == NULL)
		abort();
	roster = roster_new(fuzz_fixture(parser,
	    "fixtures/dossier/roster.xml"));
	proposal = fuzz_fixture(parser,
	    "fixtures/dossier/documents/" DOCUMENT ".xml");
	CHECK(content_version(proposal, version) == 0);
}

/* The number of children of root that are hleg elements name. */
static size_t
count(xmlNodePtr root, const char *name)
{
	size_t	 n = 0;

	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		n += node_is(c, name);
	return n;
}

/* Whether the first state named s is final. */
static int
first_final(const struct workflow *w, const char *s)
{
	for (size_t i = 0; i < w->nstates; i++)
		if (w->states[i] != NULL && strcmp(w->states[i], s) == 0)
			return w->final[i];
	abort();
}

/* The invariants of a definition that workflow_read() accepted. */
static void
check_definition(const struct workflow *w, xmlDocPtr doc)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	CHECK(node_is(root, "workflow-definition"));
	CHECK(w->nstates == count(root, "state"));
	CHECK(w->nevents == count(root, "event"));
	CHECK(w->initial != NULL && workflow_has_state(w, w->initial));
	for (size_t i = 0; i < w->nstates; i++) {
		if (w->states[i] == NULL)
			continue;
		CHECK(workflow_has_state(w, w->states[i]));
		CHECK(w->final[i] == 0 || w->final[i] == 1);
		CHECK(workflow_is_final(w, w->states[i]) ==
		    first_final(w, w->states[i]));
	}
	for (size_t i = 0; i < w->nevents; i++) {
		const struct wf_event	*e = &w->events[i];

		CHECK(e->name != NULL && e->to != NULL);
		CHECK(workflow_event(w, e->name) == e);
		CHECK(workflow_has_state(w, e->to));
		CHECK(e->nby > 0);
		for (size_t j = 0; j < e->nby; j++)
			CHECK(e->by[j].role != NULL);
		for (size_t j = 0; j < e->nfrom; j++) {
			CHECK(e->from[j] != NULL);
			CHECK(workflow_has_state(w, e->from[j]));
			CHECK(!workflow_is_final(w, e->from[j]));
		}
	}
	if (workflow_event(w, "no such event") != NULL)
		CHECK(strcmp(workflow_event(w, "no such event")->name,
		    "no such event") == 0);
}

/* The request must be refused with rule (or any rule when NULL). */
static void
refused(const struct workflow *w, xmlDocPtr doc,
    const struct event_request *q, const char *rule)
{
	struct step	 step;
	struct refusal	 ref;

	CHECK(event_check(w, roster, doc, version, q, &step, &ref) == -1);
	CHECK(ref.rule != NULL && strncmp(ref.rule, "HLEG-W", 6) == 0);
	CHECK(ref.message != NULL && ref.message[0] != '\0');
	CHECK(rule == NULL || strcmp(ref.rule, rule) == 0);
	CHECK(step.event == NULL && step.by == NULL && step.from == NULL &&
	    step.to == NULL && step.note == NULL && step.version == NULL);
	refusal_clear(&ref);
}

/* The step's commit message gives the step back (trailers.h). */
static void
round_trip(const struct step *step)
{
	struct event_record	 r;
	char			*m;

	if (!id_name_valid(step->event) || !id_name_valid(step->from) ||
	    !id_name_valid(step->to))
		return;
	m = trailers_message(DOCUMENT, "A title", step);
	CHECK(trailers_read(m, &r) == 1);
	CHECK(fuzz_streq(r.document, DOCUMENT));
	CHECK(fuzz_streq(r.event, step->event));
	CHECK(fuzz_streq(r.from, step->from));
	CHECK(fuzz_streq(r.to, step->to));
	CHECK(fuzz_streq(r.actor, step->by));
	CHECK(fuzz_streq(r.sector, step->sector));
	CHECK(fuzz_streq(r.outcome, step->outcome));
	CHECK(fuzz_streq(r.version, step->version));
	event_record_clear(&r);
	free(m);
}

/* Records step in doc and checks what was recorded. */
static void
apply(xmlDocPtr doc, const struct step *step)
{
	struct step	 got;
	xmlNodePtr	 wf, last = NULL;
	char		 v[CONTENT_VERSION_SIZE], *state;

	CHECK(event_apply(doc, step) == 0);
	state = event_state(doc);
	CHECK(fuzz_streq(state, step->to));
	free(state);
	CHECK((wf = event_workflow(doc)) != NULL);
	for (xmlNodePtr n = wf->children; n; n = n->next)
		if (node_is(n, "step"))
			last = n;
	CHECK(last != NULL && event_step_read(last, &got) == 0);
	CHECK(fuzz_streq(got.event, step->event));
	CHECK(fuzz_streq(got.by, step->by));
	CHECK(fuzz_streq(got.from, step->from));
	CHECK(fuzz_streq(got.to, step->to));
	CHECK(fuzz_streq(got.sector, step->sector));
	CHECK(fuzz_streq(got.outcome, step->outcome));
	CHECK(fuzz_streq(got.version, step->version));
	CHECK(fuzz_streq(got.note, step->note));
	CHECK(strcmp(got.date, step->date) == 0);
	step_clear(&got);
	/* Recording an event does not change the content version. */
	CHECK(content_version(doc, v) == 0 && strcmp(v, version) == 0);
}

/* Tries event e by actor on doc; applies it when it passes. */
static void
try_event(const struct workflow *w, xmlDocPtr doc, const struct wf_event *e,
    const char *actor, int *applied)
{
	struct event_request	 q;
	struct step		 step;
	struct refusal		 ref;
	char			*state;
	int			 rc, from_ok = 0, role_ok = 0;

	memset(&q, 0, sizeof(q));
	q.event = e->name;
	q.actor = actor;
	q.sector = e->need_sector || e->per_sector ? SECTOR : NULL;
	q.outcome = e->need_outcome ? "refine" : NULL;
	q.note = e->need_note ? NOTE : NULL;
	memcpy(q.date, DAY, sizeof(q.date));
	state = event_state(doc);
	rc = event_check(w, roster, doc, version, &q, &step, &ref);
	if (rc != 0) {
		CHECK(rc == -1);
		CHECK(ref.rule != NULL && strncmp(ref.rule, "HLEG-W", 6) == 0);
		CHECK(ref.message != NULL && ref.message[0] != '\0');
		CHECK(step.event == NULL && step.to == NULL);
		refusal_clear(&ref);
		free(state);
		return;
	}
	CHECK(ref.rule == NULL && ref.message == NULL);
	CHECK(fuzz_streq(step.event, e->name));
	CHECK(fuzz_streq(step.by, actor));
	CHECK(fuzz_streq(step.from, state));
	for (size_t i = 0; i < e->nfrom; i++)
		from_ok |= fuzz_streq(e->from[i], state);
	CHECK(from_ok);
	CHECK(fuzz_streq(step.to, e->to) ||
	    (e->per_sector && fuzz_streq(step.to, state)));
	CHECK(workflow_has_state(w, step.to));
	for (size_t i = 0; i < e->nby; i++)
		role_ok |= roster_has_role(roster, actor, e->by[i].role);
	CHECK(role_ok);
	CHECK(fuzz_streq(step.sector, q.sector));
	CHECK(fuzz_streq(step.outcome, q.outcome));
	CHECK(fuzz_streq(step.note, q.note));
	CHECK(fuzz_streq(step.version, e->records_version ? version : NULL));
	CHECK(strcmp(step.date, q.date) == 0);

	/* Outside the term, or with a forged trailer, it is refused. */
	memcpy(q.date, DAY_OUTSIDE, sizeof(q.date));
	refused(w, doc, &q, "HLEG-W011");
	memcpy(q.date, DAY, sizeof(q.date));
	q.note = FORGED_NOTE;
	refused(w, doc, &q, "HLEG-W015");

	round_trip(&step);
	if (*applied < MAX_APPLIED) {
		apply(doc, &step);
		(*applied)++;
	}
	step_clear(&step);
	free(state);
}

/* The state machine on the proposal, driven by w. */
static void
run(const struct workflow *w)
{
	struct event_request	 q;
	xmlDocPtr		 doc;
	int			 applied = 0;

	if ((doc = xmlCopyDoc(proposal, 1)) == NULL)
		abort();
	for (int round = 0; round < ROUNDS; round++)
		for (size_t i = 0; i < w->nevents && i < MAX_EVENTS; i++)
			for (size_t a = 0; actors[a] != NULL; a++)
				try_event(w, doc, &w->events[i], actors[a],
				    &applied);
	/* An event the definition does not declare. */
	memset(&q, 0, sizeof(q));
	q.event = "no such event";
	q.actor = "m01";
	memcpy(q.date, DAY, sizeof(q.date));
	if (workflow_event(w, q.event) == NULL)
		refused(w, doc, &q, "HLEG-W001");
	xmlFreeDoc(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source		 src;
	struct diag_list	 diags;
	struct workflow		*w;
	xmlDocPtr		 doc;
	char			*why;

	if (parser == NULL)
		init();
	source_from_memory(&src, "fuzz", data, size);
	memset(&diags, 0, sizeof(diags));
	if ((doc = parser_read(parser, &src, &diags)) == NULL) {
		CHECK(diags.worst == DIAG_ERROR);
		goto out;
	}
	why = (char *)"unset";
	if ((w = workflow_read(doc, &why)) == NULL) {
		CHECK(why != NULL && why[0] != '\0');
		free(why);
	} else {
		CHECK(why == NULL);
		check_definition(w, doc);
		run(w);
		workflow_free(w);
	}
	xmlFreeDoc(doc);
out:
	diag_clear(&diags);
	source_free(&src);
	return 0;
}
