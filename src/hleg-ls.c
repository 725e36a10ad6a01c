/*
 * hleg-ls - list the documents of a dossier at a revision, one line each,
 * read from the commit's tree (never the work tree).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "lib/diag.h"
#include "lib/dossier.h"
#include "lib/ids.h"
#include "lib/msg.h"
#include "lib/parse.h"
#include "lib/safety.h"
#include "lib/source.h"
#include "lib/node.h"
#include "lib/util.h"
#include "lib/validate.h"

/* Every filter must match; NULL matches everything. */
struct filters {
	const char	*kind, *sector, *state, *work_area;
};

/* What is printed of one document. */
struct summary {
	const char	*kind;
	char		*state, *title;
};

/* What listing needs, for every document alike. */
struct lister {
	struct dossier		*dossier;
	struct parser		*parser;
	const struct filters	*filters;
	xmlTextWriterPtr	 xml;		/* NULL for TSV */
	char			 rev[9];	/* the commit, for messages */
	int			 status;
};

/* A tree entry that is named like a document. */
struct candidate {
	const git_tree_entry	*entry;
	const char		*name;		/* "ID.xml" */
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-ls [-h] [-C dir] [-r rev] [--kind kind] "
	    "[--sector sector] [--state state] [--work-area area] [--xml]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-ls [-h] [-C dir] [-r rev] [--kind kind] "
	    "[--sector sector] [--state state] [--work-area area] [--xml]\n"
	    "List the documents of the dossier at a revision: "
	    "ID, kind, state, title.\n"
	    "  -C DIR             the dossier (default: the current "
	    "repository)\n"
	    "  -h, --help         show this help and exit\n"
	    "  -r REV             the revision (default: the tip of main)\n"
	    "      --kind K       only proposals or only reports\n"
	    "      --sector S     only documents for Sector S (ITU-R, ITU-T, "
	    "ITU-D)\n"
	    "      --state S      only documents in state S\n"
	    "      --work-area W  only documents of work area W\n"
	    "      --xml          write a documents element instead of lines\n"
	    "      --version      print the version and exit\n"
	    "Exit status: 0 listed, 1 a document is invalid, 2 usage or "
	    "system error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

static int
worse(int a, int b)
{
	return a > b ? a : b;
}

/* Sets *filter to value, which may be given only once and must pass
 * valid; otherwise a usage error. */
static void
set_filter(const char **filter, const char *option, const char *value,
    int (*valid)(const char *), const char *expected)
{
	if (*filter != NULL) {
		msg_warnx("--%s may be given only once", option);
		usage();
	}
	if (!valid(value)) {
		msg_warnx("--%s %s: give %s", option, value, expected);
		usage();
	}
	*filter = value;
}

static int
kind_valid(const char *s)
{
	return strcmp(s, "proposal") == 0 || strcmp(s, "report") == 0;
}

/* A copy of s on one line, fit for a field of TSV: runs of white space
 * (line and paragraph separators included) become one space, leading
 * and trailing white space goes, and control characters (C0, DEL, C1)
 * are removed. */
static char *
one_line(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out = xmalloc(strlen(s) + 1), *o = out;
	int			 space = 0;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			space = 1;
			p++;
			continue;
		}
		if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 ||
		    p[2] == 0xa9)) {
			space = 1;
			p += 3;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f) {
			p++;
			continue;
		}
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			p += 2;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		*o++ = (char)*p++;
	}
	*o = '\0';
	return out;
}

/* Whether root has a child element name whose ref is value. */
static int
has_ref(xmlNodePtr root, const char *name, const char *value)
{
	xmlChar	*ref;
	int	 found = 0;

	for (xmlNodePtr n = root->children; n != NULL && !found; n = n->next)
		if (node_is(n, name)) {
			ref = xmlGetNoNsProp(n, (const xmlChar *)"ref");
			found = ref != NULL &&
			    strcmp((const char *)ref, value) == 0;
			xmlFree(ref);
		}
	return found;
}

static void
summarize(xmlDocPtr doc, struct summary *s)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);
	xmlChar		*text;

	s->kind = kind_name(kind_of(doc));
	s->state = s->title = NULL;
	for (xmlNodePtr n = root->children; n != NULL; n = n->next) {
		if (s->title == NULL && node_is(n, "title")) {
			text = xmlNodeGetContent(n);
			s->title = one_line(text ? (const char *)text : "");
			xmlFree(text);
		} else if (s->state == NULL && node_is(n, "workflow")) {
			text = xmlGetNoNsProp(n, (const xmlChar *)"state");
			if (text != NULL && id_name_valid((const char *)text))
				s->state = xstrdup((const char *)text);
			xmlFree(text);
		}
	}
	if (s->title == NULL)
		s->title = xstrdup("");
	if (s->state == NULL)
		s->state = xstrdup("-");
}

static int
matches(xmlDocPtr doc, const struct summary *s, const struct filters *f)
{
	xmlNodePtr	 root = xmlDocGetRootElement(doc);

	return (f->kind == NULL || strcmp(f->kind, s->kind) == 0) &&
	    (f->state == NULL || strcmp(f->state, s->state) == 0) &&
	    (f->work_area == NULL || has_ref(root, "work-area",
	    f->work_area)) &&
	    (f->sector == NULL || has_ref(root, "sector", f->sector));
}

/* Writes the refs of root's children called name as empty elements. */
static int
write_refs(xmlTextWriterPtr w, xmlNodePtr root, const char *name)
{
	xmlChar	*ref;
	int	 rc = 0;

	for (xmlNodePtr n = root->children; n != NULL && rc >= 0; n = n->next) {
		if (!node_is(n, name) ||
		    (ref = xmlGetNoNsProp(n, (const xmlChar *)"ref")) == NULL)
			continue;
		if (xmlTextWriterStartElement(w, (const xmlChar *)name) < 0 ||
		    xmlTextWriterWriteAttribute(w, (const xmlChar *)"ref",
		    ref) < 0 || xmlTextWriterEndElement(w) < 0)
			rc = -1;
		xmlFree(ref);
	}
	return rc;
}

static void
print_document(struct lister *l, const char *id, xmlDocPtr doc,
    const struct summary *s)
{
	xmlTextWriterPtr	 w = l->xml;
	xmlNodePtr		 root = xmlDocGetRootElement(doc);

	if (w == NULL) {
		printf("%s\t%s\t%s\t%s\n", id, s->kind, s->state, s->title);
		return;
	}
	if (xmlTextWriterStartElement(w, (const xmlChar *)"document") < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"id",
	    (const xmlChar *)id) < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"kind",
	    (const xmlChar *)s->kind) < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"state",
	    (const xmlChar *)s->state) < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"title",
	    (const xmlChar *)s->title) < 0 ||
	    write_refs(w, root, "work-area") < 0 ||
	    write_refs(w, root, "sector") < 0 ||
	    xmlTextWriterEndElement(w) < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
}

/* Reads, parses and, when it matches, prints the document of entry. */
static void
list_document(struct lister *l, const struct candidate *c)
{
	struct source		 src;
	struct diag_list	 diags;
	struct summary		 s;
	xmlDocPtr		 doc;
	xmlNodePtr		 root;
	char			*name = NULL, id[65];
	size_t			 idlen = strlen(c->name) - 4;

	memcpy(id, c->name, idlen);
	id[idlen] = '\0';
	xappendf(&name, "%s:documents/%s", l->rev, c->name);
	memset(&src, 0, sizeof(src));
	if (dossier_blob(l->dossier->repo, git_tree_entry_id(c->entry), name,
	    &src) != 0) {
		msg_warnx("%s: %s", name, dossier_error());
		l->status = worse(l->status, HLEG_EXIT_SYSTEM);
		free(name);
		return;
	}
	memset(&diags, 0, sizeof(diags));
	doc = parser_read(l->parser, &src, &diags);
	if (doc != NULL && kind_of(doc) != KIND_PROPOSAL &&
	    kind_of(doc) != KIND_REPORT) {
		root = xmlDocGetRootElement(doc);
		if (kind_of(doc) == KIND_NONE)
			diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
			    source_column(&src, xmlGetLineNo(root),
			    (const char *)root->name), "HLEG-P006",
			    "the root element '%s' is not an hleg proposal or "
			    "report (namespace " HLEG_NS ")", root->name);
		else
			diag_add(&diags, DIAG_ERROR, xmlGetLineNo(root),
			    source_column(&src, xmlGetLineNo(root),
			    (const char *)root->name), "HLEG-P006",
			    "a %s is not a document of the workflow; the "
			    "documents directory holds proposals and reports",
			    kind_name(kind_of(doc)));
		xmlFreeDoc(doc);
		doc = NULL;
	}
	/* A file that holds another document than its name says is not
	 * listed: its id would lead nowhere. */
	if (doc != NULL && !kind_id_matches(doc, id, &src, &diags)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	diag_print(stderr, name, &diags);
	if (diags.worst == DIAG_ERROR)
		l->status = worse(l->status, HLEG_EXIT_INVALID);
	if (doc != NULL) {
		summarize(doc, &s);
		if (matches(doc, &s, l->filters))
			print_document(l, id, doc, &s);
		free(s.state);
		free(s.title);
		xmlFreeDoc(doc);
	}
	diag_clear(&diags);
	source_free(&src);
	free(name);
}

/* Whether name is "ID.xml" with a valid document id. */
static int
document_name(const char *name)
{
	char	 id[65];
	size_t	 len = strlen(name);

	if (len < 5 || len - 4 >= sizeof(id) ||
	    strcmp(name + len - 4, ".xml") != 0)
		return 0;
	memcpy(id, name, len - 4);
	id[len - 4] = '\0';
	return id_document_valid(id);
}

/* Orders by id: "A.xml" before "A-B.xml", as the ids sort, though the
 * tree orders them the other way. */
static int
by_id(const void *a, const void *b)
{
	const unsigned char	*x = (const unsigned char *)
				    ((const struct candidate *)a)->name;
	const unsigned char	*y = (const unsigned char *)
				    ((const struct candidate *)b)->name;

	while (*x == *y && *x != '.') {
		x++;
		y++;
	}
	if (*x == *y)
		return 0;
	if (*x == '.')
		return -1;
	if (*y == '.')
		return 1;
	return *x < *y ? -1 : 1;
}

/* Warns about an entry of documents/ that is not listed. */
static void
skip_entry(struct lister *l, const char *name, const char *why)
{
	struct diag_list	 diags;
	char			*file = NULL;

	xappendf(&file, "%s:documents/%s", l->rev, name);
	memset(&diags, 0, sizeof(diags));
	diag_add(&diags, DIAG_WARNING, 0, 0, "HLEG-W014", "%s; it is not "
	    "listed", why);
	diag_print(stderr, file, &diags);
	diag_clear(&diags);
	free(file);
}

/* Lists the documents of tree, the documents directory, in id order. */
static void
list_tree(struct lister *l, git_tree *tree)
{
	struct candidate	*c;
	const git_tree_entry	*e;
	const char		*name;
	size_t			 n = git_tree_entrycount(tree), m = 0;

	c = xcalloc(n ? n : 1, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		e = git_tree_entry_byindex(tree, i);
		name = git_tree_entry_name(e);
		if (strcmp(name, ".gitkeep") == 0)
			continue;
		if (!document_name(name))
			skip_entry(l, name, "the name is not a document id "
			    "followed by .xml");
		else if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK)
			skip_entry(l, name, "this is a symbolic link, not a "
			    "document");
		else if (git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB &&
		    git_tree_entry_filemode(e) != GIT_FILEMODE_BLOB_EXECUTABLE)
			skip_entry(l, name, "this is a directory, not a "
			    "document");
		else {
			c[m].entry = e;
			c[m++].name = name;
		}
	}
	for (size_t i = 1; i < m; i++)
		if (by_id(&c[i - 1], &c[i]) > 0) {
			qsort(c, m, sizeof(*c), by_id);
			break;
		}
	for (size_t i = 0; i < m; i++)
		list_document(l, &c[i]);
	free(c);
}

/* Looks up the documents directory at commit.  Returns 0 with *out set
 * (NULL when there is no such directory), or -1 after a message. */
static int
documents_tree(struct dossier *d, git_commit *commit, const char *rev,
    git_tree **out)
{
	git_tree	*root = NULL;
	git_tree_entry	*entry = NULL;
	int		 rc = -1;

	*out = NULL;
	if (git_commit_tree(&root, commit) != 0) {
		msg_warnx("%s: %s", d->name, dossier_error());
		return -1;
	}
	if (dossier_tree_malformed(d, root, "documents/") != 0) {
		msg_warnx("%s: at %s, %s", d->name, rev, dossier_error());
		git_tree_free(root);
		return -1;
	}
	switch (git_tree_entry_bypath(&entry, root, "documents")) {
	case 0:
		if (git_tree_entry_type(entry) != GIT_OBJECT_TREE)
			msg_warnx("%s: documents at %s is not a directory",
			    d->name, rev);
		else if (git_tree_lookup(out, d->repo,
		    git_tree_entry_id(entry)) != 0)
			msg_warnx("%s: documents: %s", d->name, dossier_error());
		else
			rc = 0;
		break;
	case GIT_ENOTFOUND:
		/* A dossier whose documents were all removed lists none;
		 * a tree without a roster is no dossier. */
		if (git_tree_entry_byname(root, "roster.xml") == NULL)
			msg_warnx("%s: not a dossier: %s has no roster.xml",
			    d->name, rev);
		else
			rc = 0;
		break;
	default:
		msg_warnx("%s: documents: %s", d->name, dossier_error());
		break;
	}
	git_tree_entry_free(entry);
	git_tree_free(root);
	return rc;
}

static xmlTextWriterPtr
xml_start(const git_oid *commit)
{
	xmlOutputBufferPtr	 out;
	xmlTextWriterPtr	 w;
	char			 hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), commit);
	if ((out = xmlOutputBufferCreateFile(stdout, NULL)) == NULL ||
	    (w = xmlNewTextWriter(out)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot write XML");
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterSetIndentString(w, (const xmlChar *)"  ") < 0 ||
	    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElement(w, (const xmlChar *)"documents") < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"xmlns",
	    (const xmlChar *)HLEG_NS) < 0 ||
	    xmlTextWriterWriteAttribute(w, (const xmlChar *)"revision",
	    (const xmlChar *)hex) < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
	return w;
}

static void
xml_end(xmlTextWriterPtr w)
{
	if (xmlTextWriterEndDocument(w) < 0)
		msg_errx(HLEG_EXIT_SYSTEM, "stdout: cannot write the XML");
	xmlFreeTextWriter(w);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "kind", required_argument, NULL, 'k' },
		{ "sector", required_argument, NULL, 's' },
		{ "state", required_argument, NULL, 't' },
		{ "version", no_argument, NULL, 'V' },
		{ "work-area", required_argument, NULL, 'w' },
		{ "xml", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 }
	};
	struct filters	 f;
	struct lister	 l;
	struct dossier	 d;
	git_commit	*commit;
	git_tree	*tree;
	const char	*dir = NULL, *rev = NULL;
	int		 ch, xml = 0;

	memset(&f, 0, sizeof(f));
	while ((ch = getopt_long(argc, argv, "C:hr:", longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			dir = optarg;
			break;
		case 'h':
			help();
			break;
		case 'k':
			set_filter(&f.kind, "kind", optarg, kind_valid,
			    "proposal or report");
			break;
		case 'r':
			rev = optarg;
			break;
		case 's':
			set_filter(&f.sector, "sector", optarg,
			    id_sector_valid, "ITU-R, ITU-T or ITU-D");
			break;
		case 't':
			set_filter(&f.state, "state", optarg, id_name_valid,
			    "a state name, as draft or submitted");
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		case 'w':
			set_filter(&f.work_area, "work-area", optarg,
			    id_work_area_valid, "legal-measures, "
			    "technical-procedural-measures, "
			    "organizational-structures, capacity-building or "
			    "international-cooperation");
			break;
		case 'x':
			xml = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc != 0)
		usage();

	/* No schema and no rules: the listing tells what the documents
	 * say; hleg-validate and hleg-verify judge them. */
	if (safety_init() == -1)
		return HLEG_EXIT_SYSTEM;
	dossier_library_init();
	/* Reading only: like git cat-file, trust the object store rather
	 * than hash every blob again (a third of the run); git fsck and
	 * hleg-verify check it. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if (dossier_open(&d, dir) != 0)
		return HLEG_EXIT_SYSTEM;
	if (dossier_commit(&d, rev, &commit) != 0) {
		dossier_close(&d);
		return HLEG_EXIT_SYSTEM;
	}
	if (documents_tree(&d, commit, rev ? rev : "main", &tree) != 0) {
		git_commit_free(commit);
		dossier_close(&d);
		return HLEG_EXIT_SYSTEM;
	}

	memset(&l, 0, sizeof(l));
	l.dossier = &d;
	l.filters = &f;
	git_oid_tostr(l.rev, sizeof(l.rev), git_commit_id(commit));
	if ((l.parser = parser_new()) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot make a parser");
	if (xml)
		l.xml = xml_start(git_commit_id(commit));
	if (tree != NULL)
		list_tree(&l, tree);
	if (xml)
		xml_end(l.xml);

	parser_free(l.parser);
	git_tree_free(tree);
	git_commit_free(commit);
	dossier_close(&d);
	dossier_library_shutdown();
	xmlCleanupParser();
	if (fshut(stdout, "stdout") != 0)
		l.status = HLEG_EXIT_SYSTEM;
	return l.status;
}
