/*
 * trailers.c - compose and read the trailers of event commits.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <git2.h>

#include "ids.h"
#include "trailers.h"
#include "util.h"

char *
trailers_message(const char *id, const char *title, const struct step *step)
{
	char	*m = NULL, line[201];
	size_t	 n = 0;
	int	 space = 0;

	/* One line: white space collapsed, control characters dropped. */
	for (const unsigned char *p = (const unsigned char *)title;
	    *p && n < sizeof(line) - 1; p++) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = n > 0;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if (space && n < sizeof(line) - 2)
			line[n++] = ' ';
		space = 0;
		line[n++] = (char)*p;
	}
	/* A title cut short loses its last character whole, not part of
	 * it: back to the start of the last UTF-8 sequence, kept only if
	 * all of it is there. */
	if (n > 0) {
		size_t	 lead = n - 1, need;

		while (lead > 0 && ((unsigned char)line[lead] & 0xc0) == 0x80)
			lead--;
		need = ((unsigned char)line[lead] & 0x80) == 0 ? 1 :
		    ((unsigned char)line[lead] & 0xe0) == 0xc0 ? 2 :
		    ((unsigned char)line[lead] & 0xf0) == 0xe0 ? 3 : 4;
		if (lead + need > n)
			n = lead;
		while (n > 0 && line[n - 1] == ' ')
			n--;
	}
	line[n] = '\0';
	xappendf(&m, "%s %s: %s\n\n", step->event, id, line);
	if (step->note != NULL) {
		const char	*p = step->note, *nl;

		while (*p != '\0') {
			nl = strchr(p, '\n');
			n = nl ? (size_t)(nl - p) : strlen(p);
			xappendf(&m, "%s%.*s\n", n ? "    " : "", (int)n, p);
			p += n + (nl != NULL);
		}
		xappendf(&m, "\n");
	}
	xappendf(&m, "HLEG-Document: %s\nHLEG-Event: %s\n"
	    "HLEG-State: %s -> %s\nHLEG-Actor: %s\n", id, step->event,
	    step->from, step->to, step->by);
	if (step->sector)
		xappendf(&m, "HLEG-Sector: %s\n", step->sector);
	if (step->outcome)
		xappendf(&m, "HLEG-Outcome: %s\n", step->outcome);
	if (step->version)
		xappendf(&m, "HLEG-Version: %s\n", step->version);
	return m;
}

static int
hex40(const char *s)
{
	size_t	 n;

	for (n = 0; s[n] != '\0'; n++)
		if (!((s[n] >= '0' && s[n] <= '9') ||
		    (s[n] >= 'a' && s[n] <= 'f')))
			return 0;
	return n == 40 || n == 64;
}

/* Sets *field to a copy of value, unless it was set already (a
 * repeated trailer makes the record malformed). */
static int
set(char **field, const char *value)
{
	if (*field != NULL)
		return -1;
	*field = xstrdup(value);
	return 0;
}

int
trailers_read(const char *message, struct event_record *r)
{
	git_message_trailer_array	 arr;
	int				 seen = 0, bad = 0;

	memset(r, 0, sizeof(*r));
	if (git_message_trailers(&arr, message) != 0)
		return 0;
	for (size_t i = 0; i < arr.count; i++) {
		const char	*k = arr.trailers[i].key;
		const char	*v = arr.trailers[i].value;

		if (strncasecmp(k, "HLEG-", 5) != 0)
			continue;
		seen = 1;
		k += 5;
		if (strcasecmp(k, "Document") == 0)
			bad |= set(&r->document, v);
		else if (strcasecmp(k, "Event") == 0)
			bad |= set(&r->event, v);
		else if (strcasecmp(k, "Actor") == 0)
			bad |= set(&r->actor, v);
		else if (strcasecmp(k, "Sector") == 0)
			bad |= set(&r->sector, v);
		else if (strcasecmp(k, "Outcome") == 0)
			bad |= set(&r->outcome, v);
		else if (strcasecmp(k, "Version") == 0)
			bad |= set(&r->version, v);
		else if (strcasecmp(k, "State") == 0) {
			const char	*arrow = strstr(v, " -> ");

			if (arrow == NULL || r->from != NULL)
				bad = 1;
			else {
				r->from = strndup(v, (size_t)(arrow - v));
				r->to = xstrdup(arrow + 4);
			}
		} else
			bad = 1;
	}
	git_message_trailer_array_free(&arr);
	if (!seen)
		return 0;
	if (bad || !id_document_valid(r->document) ||
	    !id_name_valid(r->event) || !id_name_valid(r->from) ||
	    !id_name_valid(r->to) || !id_person_valid(r->actor) ||
	    (r->sector && !id_sector_valid(r->sector)) ||
	    (r->outcome && !id_outcome_valid(r->outcome)) ||
	    (r->version && !hex40(r->version)))
		return -1;
	return 1;
}

void
event_record_clear(struct event_record *r)
{
	free(r->document);
	free(r->event);
	free(r->from);
	free(r->to);
	free(r->actor);
	free(r->sector);
	free(r->outcome);
	free(r->version);
	memset(r, 0, sizeof(*r));
}
