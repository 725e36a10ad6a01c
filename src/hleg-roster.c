/*
 * hleg-roster - the composition of a roster: its members by category and
 * by ITU region, what is missing or over, its experts by work area and
 * its officials.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "lib/diag.h"
#include "lib/dossier.h"
#include "lib/msg.h"
#include "lib/source.h"
#include "lib/node.h"
#include "lib/util.h"
#include "lib/validate.h"

#define NCATEGORIES	6
#define NREGIONS	5
#define NWORK_AREAS	5
#define NSECTORS	3
#define TOTAL_SEATS	50
#define REGION_SEATS	2

/* The composition of SPEC section 1, in its order. */
static const char *const category_names[NCATEGORIES] = {
	"member-state", "industry", "international-organization",
	"academia", "civil-society", "individual-expert"
};
static const int category_seats[NCATEGORIES] = { 10, 20, 5, 5, 5, 5 };
static const char *const region_codes[NREGIONS] = {
	"A", "B", "C", "D", "E"
};
static const char *const region_names[NREGIONS] = {
	"Americas", "Western Europe", "Eastern Europe and Northern Asia",
	"Africa", "Asia and Australasia"
};
static const char *const work_areas[NWORK_AREAS] = {
	"legal-measures", "technical-procedural-measures",
	"organizational-structures", "capacity-building",
	"international-cooperation"
};
static const char *const sectors[NSECTORS] = { "ITU-R", "ITU-T", "ITU-D" };

/* Where an official is listed: the secretariat, a Sector's liaison, or
 * (in an invalid roster) neither. */
#define SLOT_SECRETARIAT	0
#define SLOT_OTHER		(1 + NSECTORS)

struct composition {
	xmlNodePtr	 roster;
	int		 members;
	int		 category[NCATEGORIES];
	int		 region[NREGIONS];
	int		 work_area[NWORK_AREAS];
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-roster [-h] [-C dir] [--xml] [file]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-roster [-h] [-C dir] [--xml] [file]\n"
	    "Print the composition of an HLEG roster: members by category and\n"
	    "by ITU region, what is missing or over, experts by work area and\n"
	    "the officials.\n"
	    "  -C DIR         the roster of the dossier DIR, at the tip of main\n"
	    "  -h, --help     show this help and exit\n"
	    "      --version  print the version and exit\n"
	    "      --xml      print the composition as XML\n"
	    "Exit status: 0 valid, 1 invalid, 2 usage or system error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/* The index of n's attribute attr among names[0..count), or -1.  Values
 * are compared as the business rules compare them, exactly. */
static int
lookup(xmlNodePtr n, const char *attr, const char *const *names,
    int count)
{
	xmlChar	*value;
	int	 i = -1;

	if ((value = xmlGetNoNsProp(n, (const xmlChar *)attr)) == NULL)
		return -1;
	for (i = count - 1; i >= 0; i--)
		if (strcmp((const char *)value, names[i]) == 0)
			break;
	xmlFree(value);
	return i;
}

static void
count(struct composition *c, xmlNodePtr roster)
{
	xmlNodePtr	 m, e;
	int		 i, seen[NWORK_AREAS];

	memset(c, 0, sizeof(*c));
	c->roster = roster;
	for (m = roster->children; m != NULL; m = m->next) {
		if (!node_is(m, "member"))
			continue;
		c->members++;
		if ((i = lookup(m, "category", category_names,
		    NCATEGORIES)) >= 0)
			c->category[i]++;
		if (i == 0 && (i = lookup(m, "region", region_codes,
		    NREGIONS)) >= 0)
			c->region[i]++;
		/* A member counts once per work area, however often named. */
		memset(seen, 0, sizeof(seen));
		for (e = m->children; e != NULL; e = e->next)
			if (node_is(e, "expertise") &&
			    (i = lookup(e, "ref", work_areas,
			    NWORK_AREAS)) >= 0)
				seen[i] = 1;
		for (i = 0; i < NWORK_AREAS; i++)
			c->work_area[i] += seen[i];
	}
}

static int
official_slot(xmlNodePtr o)
{
	static const char *const roles[] = { "secretariat", "liaison" };
	int	 sector;

	switch (lookup(o, "role", roles, 2)) {
	case 0:
		return SLOT_SECRETARIAT;
	case 1:
		if ((sector = lookup(o, "sector", sectors, NSECTORS)) >= 0)
			return 1 + sector;
		break;
	}
	return SLOT_OTHER;
}

static const char *
status(int members, int seats, char *buf, size_t size)
{
	if (members == seats)
		return "ok";
	snprintf(buf, size, "%s %d", members < seats ? "missing" : "over",
	    members < seats ? seats - members : members - seats);
	return buf;
}

/* An attribute or the text of a child element, for a terminal: white
 * space collapsed, control characters (C0, DEL and C1) shown as '?'.  A
 * malloc'd string; "-" when there is none. */
static char *
text_of(xmlNodePtr n, const char *attr, const char *child)
{
	xmlChar		*raw = NULL;
	xmlNodePtr	 e;
	const unsigned char *s;
	char		*out, *o;
	int		 space = 0;

	if (attr != NULL)
		raw = xmlGetNoNsProp(n, (const xmlChar *)attr);
	else
		for (e = n->children; e != NULL && raw == NULL; e = e->next)
			if (node_is(e, child))
				raw = xmlNodeGetContent(e);
	if (raw == NULL)
		return xstrdup("-");
	o = out = xmalloc(strlen((const char *)raw) + 1);
	for (s = raw; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = o != out;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		if (*s == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f) {
			*o++ = '?';
			s++;
		} else
			*o++ = *s < 0x20 || *s == 0x7f ? '?' : (char)*s;
	}
	*o = '\0';
	xmlFree(raw);
	if (*out == '\0') {
		free(out);
		return xstrdup("-");
	}
	return out;
}

/* The country codes of region r's Member States, or "-", wrapped to stay
 * inside 80 columns from column indent. */
static void
print_countries(xmlNodePtr roster, int r, int indent)
{
	xmlNodePtr	 m;
	char		*country;
	int		 column = indent;

	for (m = roster->children; m != NULL; m = m->next) {
		if (!node_is(m, "member") ||
		    lookup(m, "category", category_names, NCATEGORIES) != 0 ||
		    lookup(m, "region", region_codes, NREGIONS) != r)
			continue;
		country = text_of(m, "country", NULL);
		if (column > indent &&
		    column + 1 + (int)strlen(country) > 79) {
			printf("\n%*s", indent, "");
			column = indent;
		} else if (column > indent) {
			putchar(' ');
			column++;
		}
		column += printf("%s", country);
		free(country);
	}
	puts(column > indent ? "" : "-");
}

static void
print_text(const struct composition *c)
{
	xmlNodePtr	 o;
	char		 buf[32], *start, *end, *id, *name, *role, *sector;
	int		 i, slot, listed, idw = 2;

	start = text_of(c->roster, "term-start", NULL);
	end = text_of(c->roster, "term-end", NULL);
	printf("HLEG roster for the term %s to %s\n\n", start, end);
	free(start);
	free(end);

	printf("%-26s  %5s  %7s  %s\n", "category", "seats", "members",
	    "status");
	for (i = 0; i < NCATEGORIES; i++)
		printf("%-26s  %5d  %7d  %s\n", category_names[i],
		    category_seats[i], c->category[i], status(c->category[i],
		    category_seats[i], buf, sizeof(buf)));

	printf("\n%-6s  %-32s  %5s  %7s  %-9s  %s\n", "region", "name",
	    "seats", "members", "status", "countries");
	for (i = 0; i < NREGIONS; i++) {
		printf("%-6s  %-32s  %5d  %7d  %-9s  ", region_codes[i],
		    region_names[i], REGION_SEATS, c->region[i],
		    status(c->region[i], REGION_SEATS, buf, sizeof(buf)));
		print_countries(c->roster, i, 69);
	}

	printf("\ntotal: %d members of %d seats, %s\n", c->members,
	    TOTAL_SEATS, status(c->members, TOTAL_SEATS, buf, sizeof(buf)));

	printf("\n%-29s  %7s\n", "work area", "members");
	for (i = 0; i < NWORK_AREAS; i++)
		printf("%-29s  %7d\n", work_areas[i], c->work_area[i]);

	for (o = c->roster->children; o != NULL; o = o->next)
		if (node_is(o, "official")) {
			id = text_of(o, "id", NULL);
			if ((int)strlen(id) > idw)
				idw = (int)strlen(id);
			free(id);
		}
	printf("\n%-11s  %-6s  %-*s  %s\n", "official", "sector", idw, "id",
	    "name");
	for (slot = SLOT_SECRETARIAT; slot <= SLOT_OTHER; slot++) {
		listed = 0;
		for (o = c->roster->children; o != NULL; o = o->next) {
			if (!node_is(o, "official") ||
			    official_slot(o) != slot)
				continue;
			role = text_of(o, "role", NULL);
			sector = text_of(o, "sector", NULL);
			id = text_of(o, "id", NULL);
			name = text_of(o, NULL, "name");
			printf("%-11s  %-6s  %-*s  %s\n", role, sector, idw,
			    id, name);
			free(role);
			free(sector);
			free(id);
			free(name);
			listed++;
		}
		if (listed == 0 && slot == SLOT_SECRETARIAT)
			printf("%-11s  %-6s  %-*s  %s\n", "secretariat", "-",
			    idw, "-", "missing: no secretariat official");
		else if (listed == 0 && slot != SLOT_OTHER)
			printf("%-11s  %-6s  %-*s  %s\n", "liaison",
			    sectors[slot - 1], idw, "-",
			    "missing: this Sector has no liaison");
	}
}

static void
set_int(xmlNodePtr n, const char *attr, int value)
{
	char	 buf[16];

	snprintf(buf, sizeof(buf), "%d", value);
	xmlNewProp(n, (const xmlChar *)attr, (const xmlChar *)buf);
}

static void
set_counts(xmlNodePtr n, int seats, int members)
{
	char	 buf[32];

	set_int(n, "seats", seats);
	set_int(n, "members", members);
	xmlNewProp(n, (const xmlChar *)"status",
	    (const xmlChar *)status(members, seats, buf, sizeof(buf)));
}

/* Copies attribute attr of from to to, when from has it. */
static void
copy_prop(xmlNodePtr to, xmlNodePtr from, const char *attr)
{
	xmlChar	*value;

	if ((value = xmlGetNoNsProp(from, (const xmlChar *)attr)) != NULL) {
		xmlNewProp(to, (const xmlChar *)attr, value);
		xmlFree(value);
	}
}

static void
print_xml(const struct composition *c)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 root, n, m, e;
	xmlNsPtr	 ns;
	xmlChar		*mem, *value;
	char		*countries;
	int		 i, slot, listed, size;

	doc = xmlNewDoc((const xmlChar *)"1.0");
	root = xmlNewDocNode(doc, NULL, (const xmlChar *)"composition", NULL);
	xmlDocSetRootElement(doc, root);
	ns = xmlNewNs(root, (const xmlChar *)HLEG_NS, NULL);
	xmlSetNs(root, ns);
	copy_prop(root, c->roster, "term-start");
	copy_prop(root, c->roster, "term-end");
	set_counts(root, TOTAL_SEATS, c->members);

	for (i = 0; i < NCATEGORIES; i++) {
		n = xmlNewChild(root, ns, (const xmlChar *)"category", NULL);
		xmlNewProp(n, (const xmlChar *)"name",
		    (const xmlChar *)category_names[i]);
		set_counts(n, category_seats[i], c->category[i]);
	}
	for (i = 0; i < NREGIONS; i++) {
		n = xmlNewChild(root, ns, (const xmlChar *)"region", NULL);
		xmlNewProp(n, (const xmlChar *)"code",
		    (const xmlChar *)region_codes[i]);
		xmlNewProp(n, (const xmlChar *)"name",
		    (const xmlChar *)region_names[i]);
		set_counts(n, REGION_SEATS, c->region[i]);
		countries = NULL;
		for (m = c->roster->children; m != NULL; m = m->next) {
			if (!node_is(m, "member") ||
			    lookup(m, "category", category_names,
			    NCATEGORIES) != 0 ||
			    lookup(m, "region", region_codes, NREGIONS) != i ||
			    (value = xmlGetNoNsProp(m,
			    (const xmlChar *)"country")) == NULL)
				continue;
			xappendf(&countries, "%s%s", countries ? " " : "",
			    (const char *)value);
			xmlFree(value);
		}
		xmlNewProp(n, (const xmlChar *)"countries",
		    (const xmlChar *)(countries ? countries : ""));
		free(countries);
	}
	for (i = 0; i < NWORK_AREAS; i++) {
		n = xmlNewChild(root, ns, (const xmlChar *)"work-area", NULL);
		xmlNewProp(n, (const xmlChar *)"ref",
		    (const xmlChar *)work_areas[i]);
		set_int(n, "members", c->work_area[i]);
	}
	for (slot = SLOT_SECRETARIAT; slot <= SLOT_OTHER; slot++) {
		listed = 0;
		for (m = c->roster->children; m != NULL; m = m->next) {
			if (!node_is(m, "official") ||
			    official_slot(m) != slot)
				continue;
			n = xmlNewChild(root, ns, (const xmlChar *)"official",
			    NULL);
			copy_prop(n, m, "role");
			copy_prop(n, m, "sector");
			copy_prop(n, m, "id");
			for (e = m->children; e != NULL; e = e->next)
				if (node_is(e, "name")) {
					value = xmlNodeGetContent(e);
					xmlNewProp(n, (const xmlChar *)"name",
					    value);
					xmlFree(value);
					break;
				}
			listed++;
		}
		if (listed > 0 || slot == SLOT_OTHER)
			continue;
		n = xmlNewChild(root, ns, (const xmlChar *)"official", NULL);
		xmlNewProp(n, (const xmlChar *)"role", (const xmlChar *)
		    (slot == SLOT_SECRETARIAT ? "secretariat" : "liaison"));
		if (slot != SLOT_SECRETARIAT)
			xmlNewProp(n, (const xmlChar *)"sector",
			    (const xmlChar *)sectors[slot - 1]);
		xmlNewProp(n, (const xmlChar *)"status",
		    (const xmlChar *)"missing");
	}

	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot serialise the composition");
	fwrite(mem, 1, (size_t)size, stdout);
	xmlFree(mem);
	xmlFreeDoc(doc);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "xml", no_argument, NULL, 'X' },
		{ NULL, 0, NULL, 0 }
	};
	struct validate_setup	 setup;
	struct validator	*v;
	struct composition	 c;
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;
	xmlNodePtr		 root;
	const char		*path, *dir = NULL;
	int			 ch, xml = 0, ready = 0, around, rc;
	int			 status = HLEG_EXIT_OK;

	while ((ch = getopt_long(argc, argv, "C:h", longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			dir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		case 'X':
			xml = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 1 || (dir != NULL && argc == 1))
		usage();
	path = argc == 1 ? argv[0] : "-";
	/* A terminal holds no roster: with nothing named, one there means
	 * the dossier around the current directory, as -C would. */
	around = dir == NULL && argc == 0 && isatty(STDIN_FILENO);

	memset(&src, 0, sizeof(src));
	memset(&diags, 0, sizeof(diags));
	if (dir != NULL || around) {
		/* The roster as committed on main, not the work tree's. */
		struct dossier	 d;
		git_commit	*tip;

		dossier_library_init();
		rc = around ? dossier_open_around(&d) : dossier_open(&d, dir);
		if (rc == 1)
			msg_errx(HLEG_EXIT_SYSTEM, "no roster named, standard "
			    "input is a terminal, and no dossier is around "
			    "the current directory: name a roster file, give "
			    "one on standard input, or name a dossier with "
			    "-C DIR");
		if (rc != 0 || dossier_commit(&d, NULL, &tip) != 0)
			return HLEG_EXIT_SYSTEM;
		rc = dossier_read(&d, tip, "roster.xml", &src);
		git_commit_free(tip);
		if (rc != 0) {
			if (rc == 1)
				msg_warnx("%s: not a dossier: no roster.xml on "
				    "main%s", around ? git_repository_workdir(
				    d.repo) ? git_repository_workdir(d.repo) :
				    git_repository_path(d.repo) : dir, around ?
				    ": name a roster file, or give one on "
				    "standard input" : "");
			else if (rc == 2)
				msg_warnx("%s: not a dossier: on main, %s",
				    around ? d.name : dir, dossier_error());
			dossier_close(&d);
			return HLEG_EXIT_SYSTEM;
		}
		dossier_close(&d);
		if (validate_setup(&setup) == -1)
			return HLEG_EXIT_SYSTEM;
		ready = 1;
		if ((v = validator_new(&setup)) == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "cannot make a validator");
		validator_check(v, &src, NULL, &diags, &doc);
		validator_free(v);
	} else switch (source_read(&src, path, HLEG_MAX_INPUT)) {
	case SOURCE_ERROR:
		msg_err(HLEG_EXIT_SYSTEM, "%s", strcmp(path, "-") == 0 ?
		    "<stdin>" : path);
	case SOURCE_TOO_LARGE:
		diag_add(&diags, DIAG_ERROR, 0, 0, "HLEG-P002",
		    "the roster is larger than %u MiB; it is refused",
		    HLEG_MAX_INPUT / (1024 * 1024));
		break;
	case SOURCE_OK:
		if (validate_setup(&setup) == -1)
			return HLEG_EXIT_SYSTEM;
		ready = 1;
		if ((v = validator_new(&setup)) == NULL)
			msg_errx(HLEG_EXIT_SYSTEM, "cannot make a validator");
		validator_check(v, &src, NULL, &diags, &doc);
		validator_free(v);
		break;
	}
	if (doc != NULL && kind_of(doc) != KIND_ROSTER &&
	    kind_of(doc) != KIND_NONE) {
		root = xmlDocGetRootElement(doc);
		diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
		    source_column(&src, xmlGetLineNo(root),
		    (const char *)root->name), "HLEG-P006",
		    "this %s is not a roster: give a roster",
		    kind_name(kind_of(doc)));
	}
	diag_print(stderr, src.name, &diags);
	if (diags.worst == DIAG_ERROR)
		status = HLEG_EXIT_INVALID;

	/* An invalid roster is still shown: the table tells what to fix. */
	if (doc != NULL && kind_of(doc) == KIND_ROSTER) {
		count(&c, xmlDocGetRootElement(doc));
		if (xml)
			print_xml(&c);
		else
			print_text(&c);
	}

	xmlFreeDoc(doc);
	diag_clear(&diags);
	source_free(&src);
	if (ready)
		validate_cleanup(&setup);
	if (fshut(stdout, "stdout") != 0)
		status = HLEG_EXIT_SYSTEM;
	return status;
}
