/*
 * fuzz-roster.c - libFuzzer target: any document the safe parser accepts
 * made into a roster, then every query of roster.h, for the ids and
 * emails the document holds and for strings taken from the input.  The
 * answers must agree with the document read directly: the first member
 * or official of an id is the person of that id, roster_member finds only
 * members, roles are what the elements say, roster_id_by_email names a
 * person with that email, the term is the root's attributes.  Nothing
 * may crash or leak.
 *
 * Build and run with "make fuzz"; HLEG_DATADIR must name the source tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

#include "../../src/lib/node.h"
#include "../../src/lib/parse.h"
#include "../../src/lib/roster.h"
#include "../../src/lib/safety.h"
#include "../../src/lib/util.h"
#include "fuzz.h"

/* Queries taken from the input: its first lines. */
#define QUERIES 8

static const char *const roles[] = { "member", "chair", "vice-chair",
    "secretariat", "liaison", "", "official", "Chair", NULL };

static const char *const fields[] = { "name", "email", "affiliation",
    "role", "@id", "@role", "@sector", "@category", "@", "", NULL };

static struct parser	*parser;

static int
is_person(xmlNodePtr n)
{
	return node_is(n, "member") || node_is(n, "official");
}

/* The first member or official child of root whose id is id, or NULL;
 * members only when members is set. */
static xmlNodePtr
first_with_id(xmlNodePtr root, const char *id, int members)
{
	xmlNodePtr	 found = NULL;
	char		*v;

	for (xmlNodePtr n = root ? root->children : NULL;
	    n != NULL && found == NULL; n = n->next) {
		if (members ? !node_is(n, "member") : !is_person(n))
			continue;
		if ((v = node_prop(n, "id")) != NULL && strcmp(v, id) == 0)
			found = n;
		free(v);
	}
	return found;
}

/* The text of person's first child element name, as roster_field says. */
static char *
child_text(xmlNodePtr person, const char *name)
{
	for (xmlNodePtr c = person->children; c != NULL; c = c->next)
		if (node_is(c, name)) {
			xmlChar	*v = xmlNodeGetContent(c);
			char	*s = xstrdup(v ? (const char *)v : "");

			xmlFree(v);
			return s;
		}
	return NULL;
}

/* Whether some person of root has the id id and the email email. */
static int
has_email(xmlNodePtr root, const char *id, const char *email)
{
	int	 yes = 0;

	for (xmlNodePtr n = root ? root->children : NULL;
	    n != NULL && !yes; n = n->next) {
		char	*i, *e;

		if (!is_person(n))
			continue;
		i = node_prop(n, "id");
		e = child_text(n, "email");
		yes = i != NULL && e != NULL && strcmp(i, id) == 0 &&
		    strcasecmp(e, email) == 0;
		free(i);
		free(e);
	}
	return yes;
}

/* Every query about id, checked against the document. */
static void
query_id(const struct roster *r, xmlNodePtr root, const char *id)
{
	xmlNodePtr	 person, member, first;
	char		*v, *w;

	person = roster_person(r, id);
	member = roster_member(r, id);
	first = first_with_id(root, id, 0);
	CHECK(person == first);
	CHECK(member == first_with_id(root, id, 1));
	CHECK(member == NULL || node_is(member, "member"));
	if (person != NULL) {
		v = roster_field(person, "@id");
		CHECK(fuzz_streq(v, id));
		free(v);
	}
	for (size_t i = 0; roles[i] != NULL; i++) {
		int	 has = roster_has_role(r, id, roles[i]);
		int	 want = 0;

		CHECK(has == 0 || has == 1);
		if (person == NULL)
			want = 0;
		else if (strcmp(roles[i], "member") == 0)
			want = node_is(person, "member");
		else if (strcmp(roles[i], "chair") == 0 ||
		    strcmp(roles[i], "vice-chair") == 0) {
			v = node_is(person, "member") ?
			    child_text(person, "role") : NULL;
			want = fuzz_streq(v, roles[i]);
			free(v);
		} else if (strcmp(roles[i], "secretariat") == 0 ||
		    strcmp(roles[i], "liaison") == 0) {
			v = node_is(person, "official") ?
			    node_prop(person, "role") : NULL;
			want = fuzz_streq(v, roles[i]);
			free(v);
		}
		CHECK(has == want);
	}
	for (size_t i = 0; fields[i] != NULL && person != NULL; i++) {
		v = roster_field(person, fields[i]);
		if (fields[i][0] == '@')
			w = node_prop(person, fields[i] + 1);
		else
			w = child_text(person, fields[i]);
		CHECK(fuzz_streq(v, w));
		free(v);
		free(w);
	}
}

/* roster_id_by_email names a person with that email, and finds one
 * whenever the first person holding it (by document order) has an id. */
static void
query_email(const struct roster *r, xmlNodePtr root, const char *email)
{
	char	*id = roster_id_by_email(r, email);

	if (id != NULL)
		CHECK(has_email(root, id, email));
	free(id);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source		 src;
	struct diag_list	 diags;
	struct roster		*r;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	char			*input, *line, *next, *v, *w;
	int			 nq = 0;

	if (parser == NULL) {
		if (safety_init() == -1 || (parser = parser_new()) == NULL)
			abort();
	}
	source_from_memory(&src, "fuzz", data, size);
	memset(&diags, 0, sizeof(diags));
	if ((doc = parser_read(parser, &src, &diags)) == NULL) {
		CHECK(diags.worst == DIAG_ERROR);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	r = roster_new(doc);
	CHECK(roster_doc(r) == doc);

	v = roster_term_start(r);
	w = root ? node_prop(root, "term-start") : NULL;
	CHECK(fuzz_streq(v, w));
	free(v);
	free(w);
	v = roster_term_end(r);
	w = root ? node_prop(root, "term-end") : NULL;
	CHECK(fuzz_streq(v, w));
	free(v);
	free(w);

	/* The ids and emails of the document. */
	for (xmlNodePtr n = root ? root->children : NULL; n; n = n->next) {
		if (!is_person(n))
			continue;
		if ((v = node_prop(n, "id")) != NULL) {
			query_id(r, root, v);
			CHECK(roster_person(r, v) != NULL);
			if (node_is(n, "member"))
				CHECK(roster_member(r, v) != NULL);
		}
		if ((w = child_text(n, "email")) != NULL) {
			char	*id = roster_id_by_email(r, w);

			query_email(r, root, w);
			/* This person has the email and an id. */
			if (v != NULL)
				CHECK(id != NULL);
			free(id);
		}
		free(v);
		free(w);
	}

	/* Strings from the input: its first lines, as ids and emails. */
	input = fuzz_string(data, size);
	for (line = input; line != NULL && nq < QUERIES; line = next, nq++) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		query_id(r, root, line);
		query_email(r, root, line);
		CHECK(roster_has_role(r, line, line) == 0 ||
		    roster_person(r, line) != NULL);
	}
	CHECK(roster_id_by_email(r, NULL) == NULL);
	free(input);
	roster_free(r);
out:
	diag_clear(&diags);
	source_free(&src);
	return 0;
}
