/*
 * history - write, as a git fast-import stream, a dossier's history of
 * NDOCS drafts and NEVENTS workflow events on them, every one legal: the
 * events are judged and recorded by the toolkit's own state machine
 * (event.c) and trailers (trailers.c), as hleg-transition would.  For
 * "make bench": hleg-verify over a long history against git log --raw.
 *
 *	history ROOT NDOCS NEVENTS MARK roster.xml workflow.xml template.xml...
 *	    | git fast-import
 *
 * ROOT is the first commit (made by hleg-init) that the history
 * continues; the tag "half" marks the commit after MARK events.  The
 * documents are the templates, cycled, with fresh ids; events go round
 * the documents: two endorsements, submit, four times return and submit
 * again, then the liaison of each Sector considers it.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/lib/content.h"
#include "../src/lib/event.h"
#include "../src/lib/gitdate.h"
#include "../src/lib/node.h"
#include "../src/lib/parse.h"
#include "../src/lib/roster.h"
#include "../src/lib/source.h"
#include "../src/lib/trailers.h"
#include "../src/lib/util.h"
#include "../src/lib/validate.h"
#include "../src/lib/workflow.h"

#define RETURNS 4

struct doc {
	char		 id[32];
	xmlChar		*bytes;		/* as committed */
	int		 len;
	int		 endorsed, next_member, returns, done;
};

static struct parser	*parser;
static long long	 clock_now = 1231113600;	/* 2009-01-05 */
static unsigned long	 mark_no;

static xmlDocPtr
parse(const char *name, const char *data, size_t len)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc;

	source_from_memory(&src, name, data, len);
	memset(&diags, 0, sizeof(diags));
	if ((doc = parser_read(parser, &src, &diags)) == NULL)
		errx(2, "%s: cannot parse", name);
	diag_clear(&diags);
	source_free(&src);
	return doc;
}

static xmlDocPtr
read_file(const char *path)
{
	struct source	 src;
	xmlDocPtr	 doc;

	if (source_read(&src, path, HLEG_MAX_INPUT) != SOURCE_OK)
		err(2, "%s", path);
	doc = parse(path, src.data, src.len);
	source_free(&src);
	return doc;
}

static void
data(const char *s, size_t len)
{
	printf("data %zu\n", len);
	fwrite(s, 1, len, stdout);
	putchar('\n');
}

/* Writes one commit of documents/ID.xml by person, at the next minute. */
static void
commit(const struct roster *r, const char *person, const char *message,
    const char *root, const struct doc *d)
{
	xmlNodePtr	 p = roster_person(r, person);
	char		*name = roster_field(p, "name");
	char		*email = roster_field(p, "email");

	clock_now += 60;
	printf("commit refs/heads/main\nmark :%lu\n", ++mark_no);
	printf("author %s <%s> %lld +0000\n", name, email, clock_now);
	printf("committer %s <%s> %lld +0000\n", name, email, clock_now);
	data(message, strlen(message));
	if (root != NULL)
		printf("from %s\n", root);
	printf("M 100644 inline documents/%s.xml\n", d->id);
	data((const char *)d->bytes, (size_t)d->len);
	putchar('\n');
	free(name);
	free(email);
}

/* The id of the person who may take event e on doc now. */
static const char *
actor(xmlDocPtr x, struct doc *d, const char *event,
    const char **sector)
{
	static char	 id[16];
	xmlNodePtr	 root = xmlDocGetRootElement(x);
	xmlNodePtr	 wf = event_workflow(x);

	*sector = NULL;
	if (strcmp(event, "submit") == 0)
		return "m01";
	if (strcmp(event, "return") == 0)
		return "s01";
	if (strcmp(event, "endorse") == 0) {
		/* The members from m04 on who are not rapporteurs. */
		for (int m = 4 + d->next_member; m <= 50; m++) {
			int	 rapporteur = 0;
			char	*ref;

			snprintf(id, sizeof(id), "m%02d", m);
			for (xmlNodePtr n = root->children; n; n = n->next)
				if (node_is(n, "rapporteur") ||
				    node_is(n, "author")) {
					ref = node_prop(n, "ref");
					rapporteur |= ref && !strcmp(ref, id);
					free(ref);
				}
			if (!rapporteur) {
				d->next_member = m - 3;
				d->endorsed++;
				return id;
			}
		}
		errx(2, "%s: no member left to endorse it", d->id);
	}
	/* consider: the first Sector that has not. */
	for (xmlNodePtr n = root->children; n; n = n->next) {
		char	*s;
		int	 seen = 0;

		if (!node_is(n, "sector"))
			continue;
		s = node_prop(n, "ref");
		for (xmlNodePtr t = wf->children; t; t = t->next) {
			char	*ts = node_is(t, "step") ?
			    node_prop(t, "sector") : NULL;

			seen |= ts && !strcmp(ts, s);
			free(ts);
		}
		if (!seen) {
			static char	 sec[8];

			snprintf(sec, sizeof(sec), "%s", s);
			free(s);
			*sector = sec;
			return !strcmp(sec, "ITU-R") ? "s02" :
			    !strcmp(sec, "ITU-T") ? "s03" : "s04";
		}
		free(s);
	}
	errx(2, "%s: every Sector has considered it", d->id);
}

int
main(int argc, char *argv[])
{
	struct validate_setup	 setup;
	struct roster		*r;
	struct workflow		*w;
	struct doc		*docs;
	unsigned long		 ndocs, nevents, mark, done = 0;
	char			*why;
	int			 ntemplates;
	xmlDocPtr		*templates;

	if (argc < 8)
		errx(2, "usage: history root ndocs nevents mark roster.xml "
		    "workflow.xml template.xml...");
	ndocs = strtoul(argv[2], NULL, 10);
	nevents = strtoul(argv[3], NULL, 10);
	mark = strtoul(argv[4], NULL, 10);
	if (validate_setup(&setup) != 0 || (parser = parser_new()) == NULL)
		return 2;
	r = roster_new(read_file(argv[5]));
	{
		xmlDocPtr	 wd = read_file(argv[6]);

		if ((w = workflow_read(wd, &why)) == NULL)
			errx(2, "%s: %s", argv[6], why);
		xmlFreeDoc(wd);
	}
	ntemplates = argc - 7;
	templates = xcalloc((size_t)ntemplates, sizeof(*templates));
	for (int i = 0; i < ntemplates; i++)
		templates[i] = read_file(argv[7 + i]);

	docs = xcalloc(ndocs, sizeof(*docs));
	for (unsigned long i = 0; i < ndocs; i++) {
		struct doc	*d = &docs[i];
		xmlDocPtr	 x = xmlCopyDoc(templates[i % ntemplates], 1);
		xmlNodePtr	 root = xmlDocGetRootElement(x);
		char		*who = NULL, msg[64];

		snprintf(d->id, sizeof(d->id), "HLEG-P-2008-%05lu", i + 1);
		xmlSetProp(root, (const xmlChar *)"id",
		    (const xmlChar *)d->id);
		for (xmlNodePtr n = root->children; n && !who; n = n->next)
			if (node_is(n, "rapporteur"))
				who = node_prop(n, "ref");
		xmlDocDumpMemoryEnc(x, &d->bytes, &d->len, "UTF-8");
		snprintf(msg, sizeof(msg), "Draft %s\n", d->id);
		commit(r, who, msg, i == 0 ? argv[1] : NULL, d);
		free(who);
		xmlFreeDoc(x);
	}

	for (unsigned long j = 0, k = 0; j < nevents; k++) {
		struct doc		*d = &docs[k % ndocs];
		struct event_request	 q;
		struct step		 step;
		struct refusal		 ref;
		struct gitdate		 when;
		char			 version[CONTENT_VERSION_SIZE];
		char			*state, *message, *title = NULL;
		const char		*sector;
		xmlDocPtr		 x;

		if (d->done) {
			if (++done >= ndocs)
				errx(2, "every document is done after %lu "
				    "events", j);
			continue;
		}
		x = parse(d->id, (const char *)d->bytes, (size_t)d->len);
		state = event_state(x);
		memset(&q, 0, sizeof(q));
		if (strcmp(state, "draft") == 0)
			q.event = d->endorsed >= 2 ? "submit" : "endorse";
		else
			q.event = d->returns < RETURNS ? "return" : "consider";
		q.actor = actor(x, d, q.event, &sector);
		q.sector = sector;
		q.outcome = sector ? "refine" : NULL;
		q.note = strcmp(q.event, "return") == 0 ?
		    "The secretariat asks for a clearer summary." : NULL;
		when.seconds = clock_now + 60;
		when.offset = 0;
		gitdate_day(&when, q.date);
		if (content_version(x, version) != 0)
			errx(2, "%s: cannot canonicalise", d->id);
		if (event_check(w, r, x, version, &q, &step, &ref) != 0)
			errx(2, "%s: %s [%s]", d->id, ref.message, ref.rule);
		if (strcmp(q.event, "return") == 0)
			d->returns++;
		event_apply(x, &step);
		if (workflow_is_final(w, step.to))
			d->done = 1;
		xmlFree(d->bytes);
		xmlDocDumpMemoryEnc(x, &d->bytes, &d->len, "UTF-8");
		for (xmlNodePtr n = xmlDocGetRootElement(x)->children; n;
		    n = n->next)
			if (node_is(n, "title")) {
				title = (char *)xmlNodeGetContent(n);
				break;
			}
		message = trailers_message(d->id, title ? title : "", &step);
		commit(r, q.actor, message, NULL, d);
		if (++j == mark)
			printf("reset refs/tags/half\nfrom :%lu\n\n", mark_no);
		free(message);
		xmlFree(title);
		free(state);
		step_clear(&step);
		xmlFreeDoc(x);
	}

	for (unsigned long i = 0; i < ndocs; i++)
		xmlFree(docs[i].bytes);
	free(docs);
	for (int i = 0; i < ntemplates; i++)
		xmlFreeDoc(templates[i]);
	free(templates);
	roster_free(r);
	workflow_free(w);
	parser_free(parser);
	validate_cleanup(&setup);
	return fshut(stdout, "stdout") ? 2 : 0;
}
