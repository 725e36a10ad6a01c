/*
 * history.c - read the workflow events from main's first-parent history.
 */
#include <stdlib.h>
#include <string.h>


#include "gitdate.h"
#include "history.h"
#include "msg.h"
#include "utf8.h"
#include "util.h"

/* Calls fn for commit c if it has HLEG trailers. */
static int
visit(git_commit *c, history_fn fn, void *arg)
{
	struct history_event	 e;
	struct event_record	 r;
	const git_signature	*author;
	struct gitdate		 when;
	int			 rc = 0;

	memset(&e, 0, sizeof(e));
	switch (trailers_read(git_commit_message(c), &r)) {
	case 0:
		break;
	default:
		e.malformed = 1;
		/* FALLTHROUGH */
	case 1:
		e.commit = c;
		e.record = &r;
		author = git_commit_author(c);
		when.seconds = (long long)author->when.time;
		when.offset = author->when.offset;
		gitdate_day(&when, e.day);
		e.bad_date = !gitdate_in_range(&when);
		rc = fn(&e, arg);
		break;
	}
	event_record_clear(&r);
	return rc;
}

int
history_walk(struct dossier *d, git_commit *tip, history_fn fn, void *arg)
{
	git_revwalk	*w = NULL;
	git_commit	*c;
	git_oid		 oid;
	int		 rc, stop = 0;

	if (git_revwalk_new(&w, d->repo) != 0 ||
	    git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE)
	    != 0 || git_revwalk_simplify_first_parent(w) != 0 ||
	    git_revwalk_push(w, git_commit_id(tip)) != 0) {
		msg_warnx("%s: cannot walk the history: %s", d->name,
		    dossier_error());
		git_revwalk_free(w);
		return -1;
	}
	while (stop == 0 && (rc = git_revwalk_next(&oid, w)) == 0) {
		if (git_commit_lookup(&c, d->repo, &oid) != 0)
			break;
		stop = visit(c, fn, arg);
		git_commit_free(c);
	}
	git_revwalk_free(w);
	if (stop != 0)
		return stop;
	if (rc != GIT_ITEROVER) {
		msg_warnx("%s: cannot walk the history: %s", d->name,
		    dossier_error());
		return -1;
	}
	return 0;
}

char *
history_note(const char *message)
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

char *
history_xml_text(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *start;
	char			*out = xmalloc(strlen(s) * 3 + 1), *o = out;
	long			 c;

	while (*p != '\0') {
		start = p;
		if ((c = utf8_next(&p)) < 0) {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			continue;
		}
		if (utf8_xml_char(c) && c != '\r') {
			memcpy(o, start, (size_t)(p - start));
			o += p - start;
		}
	}
	*o = '\0';
	return out;
}

char *
history_why_malformed(const struct event_record *r)
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
