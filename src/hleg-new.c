/*
 * hleg-new - print a valid skeleton draft, a proposal or a report, with
 * the next free id of the dossier.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/chvalid.h>
#include <libxml/tree.h>
#include <libxml/xmlstring.h>

#include "lib/diag.h"
#include "lib/dossier.h"
#include "lib/gitdate.h"
#include "lib/ids.h"
#include "lib/msg.h"
#include "lib/roster.h"
#include "lib/source.h"
#include "lib/util.h"
#include "lib/validate.h"

/* The longest title, in characters, as the schema's Line allows. */
#define TITLE_MAX 500

/* Numbers past this many digits are not ids this program made; they are
 * not counted, so that no overflow can happen. */
#define NUMBER_DIGITS_MAX 9

enum option_code {
	OPT_DATE = 256,
	OPT_RAPPORTEUR,
	OPT_SECTOR,
	OPT_TITLE,
	OPT_WORK_AREA,
	OPT_VERSION
};

struct list {
	const char	**items;
	size_t		  count;
};

struct options {
	const char	*dir, *date, *title;
	enum kind	 kind;
	struct list	 work_areas, sectors, rapporteurs;
};

/* The work areas in the order of their numbers, which begin the numbers
 * of their recommendations. */
static const struct work_area {
	const char	*ref;
	const char	*heading;
	const char	*stream;
} work_areas[] = {
	{ "legal-measures", "Legal measures", "legal measures" },
	{ "technical-procedural-measures", "Technical and procedural measures",
	    "technical and procedural measures" },
	{ "organizational-structures", "Organizational structures",
	    "organizational structures" },
	{ "capacity-building", "Capacity building", "capacity building" },
	{ "international-cooperation", "International cooperation",
	    "international cooperation" }
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-new [-h] [-C dir] [--date date] "
	    "[--rapporteur member] [--sector sector] --title title "
	    "--work-area area proposal|report\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-new [-h] [-C dir] [--date date] "
	    "[--rapporteur member] [--sector sector] --title title "
	    "--work-area area proposal|report\n"
	    "Print a valid skeleton draft with the next free id of the "
	    "dossier.\n"
	    "  -C DIR               the dossier (default: the current "
	    "repository)\n"
	    "      --date DATE      the document's date, YYYY-MM-DD (default: "
	    "the day of\n"
	    "                       GIT_AUTHOR_DATE, else today)\n"
	    "  -h, --help           show this help and exit\n"
	    "      --rapporteur M   a rapporteur (a report's author), by "
	    "roster id;\n"
	    "                       repeatable (default: the member whose "
	    "email is\n"
	    "                       git's user.email)\n"
	    "      --sector S       ITU-R, ITU-T or ITU-D, asked to consider "
	    "it;\n"
	    "                       repeatable, required for a proposal\n"
	    "      --title TEXT     the title: one line of at most 500 "
	    "characters\n"
	    "      --version        print the version and exit\n"
	    "      --work-area A    legal-measures, "
	    "technical-procedural-measures,\n"
	    "                       organizational-structures, "
	    "capacity-building or\n"
	    "                       international-cooperation; repeatable\n"
	    "Exit status: 0 printed, 1 the skeleton would be invalid, "
	    "2 usage or system\n"
	    "error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/* Reports a bad argument and the usage, and exits 2. */
static void __attribute__((noreturn))
bad_argument(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
bad_argument(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	msg_vwarnx(fmt, ap);
	va_end(ap);
	usage();
	abort();
}

static int
list_has(const struct list *l, const char *s)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcmp(l->items[i], s) == 0)
			return 1;
	return 0;
}

/* Appends s, which option gave; the same value twice is a usage error. */
static void
list_add(struct list *l, const char *option, const char *s)
{
	if (list_has(l, s))
		bad_argument("--%s %s: given twice", option, s);
	l->items = xrealloc(l->items, (l->count + 1) * sizeof(*l->items));
	l->items[l->count++] = s;
}

static const struct work_area *
work_area_of(const char *ref)
{
	for (size_t i = 0; i < sizeof(work_areas) / sizeof(work_areas[0]);
	    i++)
		if (strcmp(work_areas[i].ref, ref) == 0)
			return &work_areas[i];
	return NULL;
}

static int
work_area_number(const struct work_area *a)
{
	return (int)(a - work_areas) + 1;
}

/* Whether s is a real day written YYYY-MM-DD, as xs:date has it. */
static int
date_valid(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 year, month, day, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	year = atoi(s);
	month = atoi(s + 5);
	day = atoi(s + 8);
	if (year < 1 || month < 1 || month > 12 || day < 1)
		return 0;
	leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return day <= days[month - 1] + (month == 2 && leap);
}

/* Checks the title: one line of 1 to TITLE_MAX characters of UTF-8, none
 * a control character or one that XML cannot hold.  Returns NULL, or
 * what is wrong with it. */
static const char *
title_problem(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 chars = 0;
	int			 c, len, visible = 0;

	if (xmlCheckUTF8(p) == 0)
		return "it is not valid UTF-8";
	while (*p != '\0') {
		len = 4;
		if ((c = xmlGetUTF8Char(p, &len)) < 0)
			return "it is not valid UTF-8";
		if (c == '\n' || c == '\r')
			return "it has a line break; a title is one line";
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			return "it has a control character";
		if (!xmlIsCharQ(c))
			return "it has a character that XML cannot hold";
		if (c != ' ')
			visible = 1;
		p += len;
		chars++;
	}
	if (!visible)
		return "it is empty";
	if (chars > TITLE_MAX)
		return "it is longer than 500 characters";
	return NULL;
}

/* The number of the document file name, when it is prefix, digits and
 * ".xml"; -1 otherwise. */
static long
number_of(const char *name, const char *prefix)
{
	size_t	 n = strlen(prefix), digits = 0;
	long	 number = 0;

	if (strncmp(name, prefix, n) != 0)
		return -1;
	for (name += n; *name >= '0' && *name <= '9'; name++, digits++)
		number = number * 10 + (*name - '0');
	if (digits == 0 || digits > NUMBER_DIGITS_MAX ||
	    strcmp(name, ".xml") != 0)
		return -1;
	return number;
}

/* The highest number of prefix among the documents of the tree of
 * commit, or 0. */
static long
highest_committed(struct dossier *d, git_commit *commit, const char *prefix)
{
	git_tree	*root = NULL, *documents = NULL;
	git_tree_entry	*entry = NULL;
	long		 highest = 0, n;

	if (git_commit_tree(&root, commit) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: %s", d->name, dossier_error());
	switch (git_tree_entry_bypath(&entry, root, "documents")) {
	case 0:
		break;
	case GIT_ENOTFOUND:
		git_tree_free(root);
		return 0;
	default:
		msg_errx(HLEG_EXIT_SYSTEM, "%s: documents: %s", d->name,
		    dossier_error());
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: documents on main is not a "
		    "directory", d->name);
	if (git_tree_lookup(&documents, d->repo, git_tree_entry_id(entry))
	    != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: documents: %s", d->name,
		    dossier_error());
	for (size_t i = 0; i < git_tree_entrycount(documents); i++) {
		n = number_of(git_tree_entry_name(
		    git_tree_entry_byindex(documents, i)), prefix);
		if (n > highest)
			highest = n;
	}
	git_tree_free(documents);
	git_tree_entry_free(entry);
	git_tree_free(root);
	return highest;
}

/* The highest number of prefix among the files of the work tree's
 * documents directory, or 0: a draft written but not yet committed keeps
 * its id.  The file that standard output is, which the shell has just
 * created for "> documents/ID.xml", does not count; *stdout_name receives
 * its name when it is there. */
static long
highest_in_worktree(struct dossier *d, const char *prefix, char **stdout_name)
{
	const char	*workdir;
	char		*path = NULL;
	DIR		*dir;
	struct dirent	*e;
	struct stat	 out, st;
	long		 highest = 0, n;
	int		 have_out, fd;

	*stdout_name = NULL;
	if ((workdir = git_repository_workdir(d->repo)) == NULL)
		return 0;
	have_out = fstat(STDOUT_FILENO, &out) == 0 && S_ISREG(out.st_mode);
	xappendf(&path, "%sdocuments", workdir);
	/* Only the dossier's own directory, never where a link leads. */
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)) == -1 ||
	    (dir = fdopendir(fd)) == NULL) {
		if (errno == ELOOP || errno == ENOTDIR)
			msg_errx(HLEG_EXIT_SYSTEM, "%s is not a directory: hleg "
			    "reads only the dossier's own documents/; make it "
			    "a directory again (git checkout HEAD -- "
			    "documents)", path);
		if (errno != ENOENT)
			msg_err(HLEG_EXIT_SYSTEM, "%s", path);
		if (fd != -1)
			close(fd);
		free(path);
		return 0;
	}
	while ((e = readdir(dir)) != NULL) {
		if ((n = number_of(e->d_name, prefix)) < 0)
			continue;
		if (have_out && fstatat(dirfd(dir), e->d_name, &st, 0) == 0 &&
		    st.st_dev == out.st_dev && st.st_ino == out.st_ino) {
			free(*stdout_name);
			*stdout_name = xstrdup(e->d_name);
			continue;
		}
		if (n > highest)
			highest = n;
	}
	closedir(dir);
	free(path);
	return highest;
}

/* Reads and checks the roster at the tip.  Exits 1 with its diagnostics
 * when it is invalid. */
static struct roster *
read_roster(struct dossier *d, struct validator *v, git_commit *tip)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;

	memset(&src, 0, sizeof(src));
	switch (dossier_read(d, tip, "roster.xml", &src)) {
	case 0:
		break;
	case 1:
		msg_errx(HLEG_EXIT_SYSTEM, "%s: not a dossier: no roster.xml on "
		    "main", d->name);
	case 2:
		msg_errx(HLEG_EXIT_SYSTEM, "%s: not a dossier: on main, %s",
		    d->name, dossier_error());
	default:
		exit(HLEG_EXIT_SYSTEM);
	}
	memset(&diags, 0, sizeof(diags));
	validator_check(v, &src, NULL, &diags, &doc);
	if (doc != NULL && kind_of(doc) != KIND_ROSTER)
		diag_add(&diags, DIAG_ERROR, 1, 0, "HLEG-P006", "this is not "
		    "a roster");
	if (diags.worst == DIAG_ERROR) {
		diag_print(stderr, src.name, &diags);
		msg_errx(HLEG_EXIT_INVALID, "%s: the roster on main is invalid: "
		    "the secretariat must mend it", d->name);
	}
	diag_clear(&diags);
	source_free(&src);
	return roster_new(doc);
}

/* The roster id of the entry whose email is git's user.email: a member
 * for a proposal, a member or an official for a report.  Exits 2 when
 * there is none. */
static char *
default_rapporteur(struct dossier *d, const struct roster *r, enum kind kind)
{
	xmlNodePtr	 n;
	char		*email, *e, *id = NULL;

	if ((email = dossier_user_email(d)) == NULL) {
		msg_warnx("who is the rapporteur? give --rapporteur MEMBER, or set "
		    "git's user.email to your address on the roster");
		usage();
	}
	for (n = xmlDocGetRootElement(roster_doc(r))->children;
	    n != NULL && id == NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE ||
		    (strcmp((const char *)n->name, "member") != 0 &&
		    (kind != KIND_REPORT ||
		    strcmp((const char *)n->name, "official") != 0)))
			continue;
		if ((e = roster_field(n, "email")) != NULL &&
		    strcasecmp(e, email) == 0)
			id = roster_field(n, "@id");
		free(e);
	}
	if (id == NULL || !id_person_valid(id)) {
		msg_warnx("no %s of the roster has the address %s (git's "
		    "user.email): give --rapporteur MEMBER",
		    kind == KIND_REPORT ? "member or official" : "member",
		    email);
		usage();
	}
	free(email);
	return id;
}

static xmlNodePtr
add(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr	 n;

	n = xmlNewTextChild(parent, parent->ns, (const xmlChar *)name,
	    (const xmlChar *)text);
	if (n == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	return n;
}

static void
set(xmlNodePtr node, const char *name, const char *value)
{
	if (xmlNewProp(node, (const xmlChar *)name,
	    (const xmlChar *)value) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
}

static void
add_refs(xmlNodePtr root, const char *name, const struct list *l)
{
	for (size_t i = 0; i < l->count; i++)
		set(add(root, name, NULL), "ref", l->items[i]);
}

/* Builds the skeleton.  User text goes in through the tree API, which
 * escapes it. */
static xmlDocPtr
skeleton(const struct options *o, const char *id, const char *date)
{
	const struct work_area	*a;
	xmlDocPtr		 doc;
	xmlNodePtr		 root, n;
	xmlNsPtr		 ns;
	char			*text = NULL, number[16];

	if ((doc = xmlNewDoc((const xmlChar *)"1.0")) == NULL ||
	    (root = xmlNewDocNode(doc, NULL, (const xmlChar *)(o->kind ==
	    KIND_PROPOSAL ? "proposal" : "report"), NULL)) == NULL ||
	    (ns = xmlNewNs(root, (const xmlChar *)HLEG_NS, NULL)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "out of memory");
	xmlSetNs(root, ns);
	xmlDocSetRootElement(doc, root);
	set(root, "id", id);
	if (o->kind == KIND_REPORT)
		set(root, "kind", "progress");
	xmlNodeSetLang(root, (const xmlChar *)"en");

	add(root, "title", o->title);
	add(root, "date", date);
	add(root, "addressee", "ITU Secretary-General");
	add_refs(root, o->kind == KIND_PROPOSAL ? "rapporteur" : "author",
	    &o->rapporteurs);
	add_refs(root, "work-area", &o->work_areas);
	add_refs(root, "sector", &o->sectors);
	if (o->kind == KIND_REPORT) {
		n = add(root, "meeting", NULL);
		set(n, "place", "Geneva, Switzerland");
		set(n, "date", date);
	}
	add(add(root, "summary", NULL), "p", o->kind == KIND_PROPOSAL ?
	    "Replace this paragraph with the summary of the proposal: the "
	    "problem, what the group asks of the Secretary-General, and why, "
	    "in a few sentences." :
	    "Replace this paragraph with the summary of the report: the "
	    "progress of the group since its last report, and the work "
	    "planned before the next meeting.");

	for (size_t i = 0; i < o->work_areas.count; i++) {
		a = work_area_of(o->work_areas.items[i]);
		if (o->kind == KIND_REPORT) {
			n = add(root, "section", NULL);
			add(n, "title", a->heading);
			xappendf(&text, "Replace this paragraph with the "
			    "progress of the work on %s.", a->stream);
			add(n, "p", text);
		} else {
			snprintf(number, sizeof(number), "%d.1",
			    work_area_number(a));
			n = add(root, "recommendation", NULL);
			set(n, "n", number);
			set(n, "addressed-to", "Governments");
			set(n, "consensus", "full");
			xappendf(&text, "Replace this paragraph with "
			    "recommendation %s on %s: what the party it is "
			    "addressed to should do. Change addressed-to to "
			    "that party (never an ITU organ) and, where members "
			    "did not all agree, set consensus=\"partial\" and "
			    "add their minority-view.", number, a->stream);
			add(n, "p", text);
		}
		free(text);
		text = NULL;
	}
	set(add(root, "workflow", NULL), "state", "draft");
	return doc;
}

static void
check_arguments(const struct options *o)
{
	const char	*problem;

	if (o->title == NULL)
		bad_argument("--title is required: give the document's title");
	if ((problem = title_problem(o->title)) != NULL)
		bad_argument("--title: %s", problem);
	if (o->work_areas.count == 0)
		bad_argument("--work-area is required: give each work area "
		    "the document covers");
	if (o->kind == KIND_PROPOSAL && o->sectors.count == 0)
		bad_argument("--sector is required for a proposal: give each "
		    "Sector asked to consider it (ITU-R, ITU-T, ITU-D)");
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, OPT_DATE },
		{ "help", no_argument, NULL, 'h' },
		{ "rapporteur", required_argument, NULL, OPT_RAPPORTEUR },
		{ "sector", required_argument, NULL, OPT_SECTOR },
		{ "title", required_argument, NULL, OPT_TITLE },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "work-area", required_argument, NULL, OPT_WORK_AREA },
		{ NULL, 0, NULL, 0 }
	};
	struct options		 o;
	struct validate_setup	 setup;
	struct validator	*v;
	struct dossier		 d;
	struct roster		*roster;
	struct gitdate		 now;
	struct diag_list	 diags;
	struct source		 out;
	git_commit		*tip;
	xmlDocPtr		 doc, check = NULL;
	xmlChar			*bytes = NULL;
	char			 date[11], *prefix = NULL, *id = NULL;
	char			*path = NULL, *rapporteur = NULL;
	char			*stdout_name = NULL;
	long			 highest, n;
	int			 ch, len, status = HLEG_EXIT_OK;

	memset(&o, 0, sizeof(o));
	while ((ch = getopt_long(argc, argv, "C:h", longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			o.dir = optarg;
			break;
		case OPT_DATE:
			if (!date_valid(optarg))
				bad_argument("--date %s: not a date: give a "
				    "real day as YYYY-MM-DD", optarg);
			o.date = optarg;
			break;
		case 'h':
			help();
			break;
		case OPT_RAPPORTEUR:
			if (!id_person_valid(optarg))
				bad_argument("--rapporteur %s: not a roster "
				    "id: ids are a lower-case letter, then up "
				    "to 31 lower-case letters, digits or "
				    "hyphens, as m05", optarg);
			list_add(&o.rapporteurs, "rapporteur", optarg);
			break;
		case OPT_SECTOR:
			if (!id_sector_valid(optarg))
				bad_argument("--sector %s: not a Sector: give "
				    "ITU-R, ITU-T or ITU-D", optarg);
			list_add(&o.sectors, "sector", optarg);
			break;
		case OPT_TITLE:
			o.title = optarg;
			break;
		case OPT_VERSION:
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		case OPT_WORK_AREA:
			if (!id_work_area_valid(optarg))
				bad_argument("--work-area %s: not a work area: "
				    "give legal-measures, "
				    "technical-procedural-measures, "
				    "organizational-structures, "
				    "capacity-building or "
				    "international-cooperation", optarg);
			list_add(&o.work_areas, "work-area", optarg);
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	if (strcmp(argv[0], "proposal") == 0)
		o.kind = KIND_PROPOSAL;
	else if (strcmp(argv[0], "report") == 0)
		o.kind = KIND_REPORT;
	else
		bad_argument("%s: not a kind of document: give proposal or "
		    "report", argv[0]);
	check_arguments(&o);

	if (o.date != NULL)
		memcpy(date, o.date, sizeof(date));
	else {
		if (gitdate_from_env("GIT_AUTHOR_DATE", &now) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "GIT_AUTHOR_DATE=%s: not a date "
			    "git understands", getenv("GIT_AUTHOR_DATE"));
		gitdate_day(&now, date);
	}

	dossier_library_init();
	if (validate_setup(&setup) == -1 ||
	    (v = validator_new(&setup)) == NULL)
		return HLEG_EXIT_SYSTEM;
	if (dossier_open(&d, o.dir) != 0 || dossier_commit(&d, NULL, &tip)
	    != 0) {
		if (d.repo != NULL)
			dossier_close(&d);
		free(o.work_areas.items);
		free(o.sectors.items);
		free(o.rapporteurs.items);
		validator_free(v);
		validate_cleanup(&setup);
		return HLEG_EXIT_SYSTEM;
	}
	roster = read_roster(&d, v, tip);
	if (o.rapporteurs.count == 0) {
		rapporteur = default_rapporteur(&d, roster, o.kind);
		list_add(&o.rapporteurs, "rapporteur", rapporteur);
	}

	xappendf(&prefix, "HLEG-%c-%.4s-", o.kind == KIND_PROPOSAL ? 'P' : 'R',
	    date);
	highest = highest_committed(&d, tip, prefix);
	if ((n = highest_in_worktree(&d, prefix, &stdout_name)) > highest)
		highest = n;
	xappendf(&id, "%s%03ld", prefix, highest + 1);
	xappendf(&path, "documents/%s.xml", id);
	if (stdout_name != NULL && strcmp(stdout_name, path + 10) != 0)
		msg_warnx("the next free id is %s, but standard output is "
		    "documents/%s: rename it to %s", id, stdout_name, path);

	doc = skeleton(&o, id, date);
	xmlDocDumpFormatMemoryEnc(doc, &bytes, &len, "UTF-8", 1);
	if (bytes == NULL || len <= 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: cannot write the document", path);

	/* The skeleton is checked as hleg-validate would check it, against
	 * the dossier's roster, before anyone sees it. */
	source_from_memory(&out, path, bytes, (size_t)len);
	memset(&diags, 0, sizeof(diags));
	validator_check(v, &out, roster, &diags, &check);
	/* Its placeholders are there to be replaced: hleg-validate and the
	 * transitions warn of them, and submit refuses them (HLEG-R039). */
	diag_remove_rule(&diags, "HLEG-R038");
	diag_print(stderr, out.name, &diags);
	if (diags.worst == DIAG_ERROR) {
		msg_warnx("%s: the skeleton would be invalid, so it is not printed",
		    id);
		status = HLEG_EXIT_INVALID;
	} else
		fwrite(bytes, 1, (size_t)len, stdout);

	diag_clear(&diags);
	source_free(&out);
	xmlFreeDoc(check);
	xmlFree(bytes);
	xmlFreeDoc(doc);
	free(path);
	free(id);
	free(prefix);
	free(rapporteur);
	free(stdout_name);
	free(o.work_areas.items);
	free(o.sectors.items);
	free(o.rapporteurs.items);
	roster_free(roster);
	git_commit_free(tip);
	dossier_close(&d);
	validator_free(v);
	validate_cleanup(&setup);
	dossier_library_shutdown();
	if (fshut(stdout, "stdout") != 0)
		status = HLEG_EXIT_SYSTEM;
	return status;
}
