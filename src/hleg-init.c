/*
 * hleg-init - create a dossier: a git repository on branch main whose
 * first commit holds the roster, the workflow definition, documents/ and
 * the attributes that make git diff show documents as prose; or clone a
 * central dossier and set up the same configuration.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/datadir.h"
#include "lib/diag.h"
#include "lib/dossier.h"
#include "lib/gitdate.h"
#include "lib/ids.h"
#include "lib/msg.h"
#include "lib/source.h"
#include "lib/util.h"
#include "lib/validate.h"

#define ATTRIBUTES \
	"# Documents diff as prose, through hleg-brief --textconv (see hleg-init(1)).\n" \
	"documents/*.xml diff=hleg\n"

/* Who makes the first commit when git names nobody. */
#define FALLBACK_NAME	"HLEG secretariat"
#define FALLBACK_EMAIL	"secretariat@hleg.invalid"

/* What was made, for the message when standard output fails after. */
static char	*made;

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-init [-h] [--bare] [--roster file] dir\n"
	    "       hleg-init --clone url dir\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-init [-h] [--bare] [--roster file] dir\n"
	    "       hleg-init --clone url dir\n"
	    "Create a dossier, or clone a central one.\n"
	    "      --bare         a central dossier, without a work tree\n"
	    "      --clone URL    clone the central dossier at URL into dir\n"
	    "  -h, --help         show this help and exit\n"
	    "      --roster FILE  the group's roster (default: a template)\n"
	    "      --version      print the version and exit\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/* Reads and validates a file of the given kind; exits 1 when invalid. */
static void
read_checked(struct validator *v, const char *path, enum kind kind,
    struct source *src)
{
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;

	switch (source_read(src, path, HLEG_MAX_INPUT)) {
	case SOURCE_OK:
		break;
	case SOURCE_TOO_LARGE:
		msg_errx(HLEG_EXIT_INVALID, "%s: larger than %u MiB", path,
		    HLEG_MAX_INPUT / (1024 * 1024));
	default:
		msg_err(HLEG_EXIT_SYSTEM, "%s", path);
	}
	memset(&diags, 0, sizeof(diags));
	validator_check(v, src, NULL, &diags, &doc);
	if (doc != NULL && kind_of(doc) != kind && kind_of(doc) != KIND_NONE)
		diag_add(&diags, DIAG_ERROR, 1, 0, "HLEG-P006", "this %s is "
		    "given as the %s", kind_name(kind_of(doc)),
		    kind_name(kind));
	xmlFreeDoc(doc);
	diag_print(stderr, src->name, &diags);
	if (diags.worst == DIAG_ERROR)
		msg_errx(HLEG_EXIT_INVALID, "%s: invalid %s; the dossier is not "
		    "created", path, kind_name(kind));
	diag_clear(&diags);
}

/* The template roster, for a two-year term from the day of date. */
static char *
template_roster(const struct gitdate *date, size_t *len)
{
	struct source	 src;
	char		*path, *out = NULL, start[11], end[11], *at;
	struct gitdate	 later = *date;

	path = datadir_path("templates/roster.xml");
	if (path == NULL || source_read(&src, path, HLEG_MAX_INPUT) != SOURCE_OK)
		msg_err(HLEG_EXIT_SYSTEM, "%s", path ? path : "templates/roster.xml");
	gitdate_day(date, start);
	later.seconds += (2LL * 365 + 1) * 86400 - 86400;
	gitdate_day(&later, end);
	out = xstrdup(src.data);
	if ((at = strstr(out, "@TERM-START@")) != NULL) {
		memcpy(at, start, 10);
		memmove(at + 10, at + 12, strlen(at + 12) + 1);
	}
	if ((at = strstr(out, "@TERM-END@")) != NULL)
		memcpy(at, end, 10);	/* as long as the placeholder */
	source_free(&src);
	free(path);
	*len = strlen(out);
	return out;
}

/* The directory of the programs, where this one is, as a path that
 * can be quoted in git's configuration and a shell script. */
static char *
programs_dir(void)
{
	char	 exe[PATH_MAX], *slash;
	ssize_t	 n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0 || (exe[n] = '\0', slash = strrchr(exe, '/')) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot find the programs' directory");
	*slash = '\0';
	if (strchr(exe, '\'') != NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: a quote in the programs' "
		    "directory cannot be written into git's configuration", exe);
	return xstrdup(exe);
}

/* Points git's hleg diff driver at the hleg-brief beside this program. */
static void
configure(git_repository *repo, const char *dir)
{
	git_config	*config;
	char		*exe = programs_dir(), *cmd = NULL;

	xappendf(&cmd, "'%s/hleg-brief' --textconv", exe);
	if (git_repository_config(&config, repo) != 0 ||
	    git_config_set_string(config, "diff.hleg.textconv", cmd) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: cannot configure git: %s", dir,
		    dossier_error());
	git_config_free(config);
	free(cmd);
	free(exe);
}

/* The checks of git fsck that git only warns of by default. */
static const char *const fsck_errors[] = {
	"badFilemode", "emptyName", "fullPathname", "hasDot", "hasDotdot",
	"hasDotgit", "nullSha1", "zeroPaddedFilemode"
};

/* Makes hleg-verify --pre-receive, beside this program and with this
 * program's data directory, the central dossier's pre-receive hook. */
static void
install_hook(git_repository *repo, const char *dir)
{
	const char	*data = datadir();
	git_config	*config;
	char		*exe = programs_dir(), *hooks = NULL, *path = NULL;
	char		*script = NULL;
	FILE		*fp;
	int		 fd;

	if (data == NULL)
		exit(HLEG_EXIT_SYSTEM);
	if (strchr(data, '\'') != NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: a quote in the data directory "
		    "cannot be written into the hook", data);
	xappendf(&script, "#!/bin/sh\n"
	    "# The central dossier's gate, installed by hleg-init --bare: "
	    "hleg-verify\n"
	    "# judges every commit that a push brings and refuses the whole "
	    "push when\n"
	    "# one breaks a rule of the workflow.  See hleg-verify(1).\n"
	    "HLEG_DATADIR='%s'\n"
	    "export HLEG_DATADIR\n"
	    "exec '%s/hleg-verify' --pre-receive\n", data, exe);
	/* git's own check of every object a push brings, before the hook,
	 * with what git only warns of by default made errors: malformed
	 * trees, modes and names never reach the dossier. */
	if (git_repository_config(&config, repo) != 0 ||
	    git_config_set_bool(config, "receive.fsckObjects", 1) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: cannot configure git: %s", dir,
		    dossier_error());
	for (size_t i = 0; i < sizeof(fsck_errors) / sizeof(*fsck_errors);
	    i++) {
		char	*key = NULL;

		xappendf(&key, "receive.fsck.%s", fsck_errors[i]);
		if (git_config_set_string(config, key, "error") != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "%s: cannot configure git: "
			    "%s", dir, dossier_error());
		free(key);
	}
	git_config_free(config);
	xappendf(&hooks, "%shooks", git_repository_path(repo));
	xappendf(&path, "%s/pre-receive", hooks);
	if ((mkdir(hooks, 0755) != 0 && errno != EEXIST) ||
	    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0755)) == -1)
		msg_err(HLEG_EXIT_SYSTEM, "%s", path);
	if ((fp = fdopen(fd, "w")) == NULL ||
	    fputs(script, fp) == EOF || fshut(fp, path) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: the hook is not installed", dir);
	free(script);
	free(path);
	free(hooks);
	free(exe);
}

static void
signature(git_repository *repo, const char *env_date, git_signature **out)
{
	struct dossier	 d;
	struct gitdate	 t;
	git_signature	*fallback;

	if (gitdate_from_env(env_date, &t) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s=%s: not a date git understands",
		    env_date, getenv(env_date));
	if (git_signature_new(&fallback, FALLBACK_NAME, FALLBACK_EMAIL,
	    (git_time_t)t.seconds, t.offset) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s", dossier_error());
	d.repo = repo;
	d.name = (char *)"dossier";
	if (dossier_committer(&d, t.seconds, t.offset, fallback, out) != 0)
		exit(HLEG_EXIT_SYSTEM);
	git_signature_free(fallback);
}

/* The directory a dossier is made in before it is renamed to its place,
 * so that a dossier is whole or absent whatever happens to this process:
 * DIR.hleg-init-XXXXXX beside DIR.  Removed at exit unless renamed. */
static char	*staging;

static int
remove_entry(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_staging(void)
{
	if (staging != NULL)
		nftw(staging, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(staging);
	staging = NULL;
}

/* Refuses a dir that exists and is not an empty directory, and makes the
 * staging directory beside it.  Returns the staging path. */
static const char *
stage(const char *dir)
{
	struct stat	 st;
	char		*copy;
	size_t		 n;

	if (lstat(dir, &st) == 0 && !(S_ISDIR(st.st_mode) &&
	    rmdir(dir) == 0 && mkdir(dir, 0777) == 0))
		msg_errx(HLEG_EXIT_SYSTEM, "%s exists: hleg-init makes a new "
		    "dossier; give a directory that does not exist, or an "
		    "empty one", dir);
	copy = xstrdup(dir);
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	xappendf(&staging, "%s.hleg-init-XXXXXX", copy);
	/* The parent directories, as mkdir -p makes them. */
	for (char *p = copy + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(copy, 0777) != 0 && errno != EEXIST)
				msg_err(HLEG_EXIT_SYSTEM, "%s", copy);
			*p = '/';
		}
	free(copy);
	if (mkdtemp(staging) == NULL)
		msg_err(HLEG_EXIT_SYSTEM, "%s", staging);
	atexit(remove_staging);
	return staging;
}

/* Renames the staging directory to dir, durably. */
static void
unstage(const char *dir)
{
	char	*parent = xstrdup(dir);
	int	 fd;

	if (rename(staging, dir) != 0)
		msg_err(HLEG_EXIT_SYSTEM, "%s: cannot put the dossier in place "
		    "(it was made in %s, which is removed)", dir, staging);
	free(staging);
	staging = NULL;
	if ((fd = open(dirname(parent), O_RDONLY | O_DIRECTORY)) != -1) {
		fsync(fd);
		close(fd);
	}
	free(parent);
}

static int
create(const char *dir, int bare, const char *roster_path)
{
	struct validate_setup	 setup;
	struct validator	*v;
	struct source		 roster, workflow;
	git_repository_init_options opts;
	git_repository		*repo;
	git_treebuilder		*top, *docs;
	git_signature		*author, *committer;
	git_oid			 id, tree_id, docs_id, commit_id;
	git_tree		*tree;
	struct gitdate		 today;
	char			*path, *text;
	size_t			 len;

	if (validate_setup(&setup) == -1 ||
	    (v = validator_new(&setup)) == NULL)
		return HLEG_EXIT_SYSTEM;
	memset(&roster, 0, sizeof(roster));
	if (roster_path != NULL) {
		read_checked(v, roster_path, KIND_ROSTER, &roster);
		text = xstrdup(roster.data);
		len = roster.len;
	} else {
		if (gitdate_from_env("GIT_AUTHOR_DATE", &today) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "GIT_AUTHOR_DATE: not a date "
			    "git understands");
		text = template_roster(&today, &len);
	}
	path = datadir_path("templates/workflow.xml");
	read_checked(v, path, KIND_WORKFLOW, &workflow);
	free(path);

	git_repository_init_options_init(&opts,
	    GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT |
	    (bare ? GIT_REPOSITORY_INIT_BARE : 0);
	opts.initial_head = "main";
	if (git_repository_init_ext(&repo, stage(dir), &opts) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: %s", dir, dossier_error());

	if (git_treebuilder_new(&docs, repo, NULL) != 0 ||
	    git_blob_create_from_buffer(&id, repo, "", 0) != 0 ||
	    git_treebuilder_insert(NULL, docs, ".gitkeep", &id,
	    GIT_FILEMODE_BLOB) != 0 ||
	    git_treebuilder_write(&docs_id, docs) != 0 ||
	    git_treebuilder_new(&top, repo, NULL) != 0 ||
	    git_treebuilder_insert(NULL, top, "documents", &docs_id,
	    GIT_FILEMODE_TREE) != 0 ||
	    git_blob_create_from_buffer(&id, repo, text, len) != 0 ||
	    git_treebuilder_insert(NULL, top, "roster.xml", &id,
	    GIT_FILEMODE_BLOB) != 0 ||
	    git_blob_create_from_buffer(&id, repo, workflow.data,
	    workflow.len) != 0 ||
	    git_treebuilder_insert(NULL, top, "workflow.xml", &id,
	    GIT_FILEMODE_BLOB) != 0 ||
	    git_blob_create_from_buffer(&id, repo, ATTRIBUTES,
	    strlen(ATTRIBUTES)) != 0 ||
	    git_treebuilder_insert(NULL, top, ".gitattributes", &id,
	    GIT_FILEMODE_BLOB) != 0 ||
	    git_treebuilder_write(&tree_id, top) != 0 ||
	    git_tree_lookup(&tree, repo, &tree_id) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: %s", dir, dossier_error());
	signature(repo, "GIT_AUTHOR_DATE", &author);
	signature(repo, "GIT_COMMITTER_DATE", &committer);
	if (git_commit_create(&commit_id, repo, DOSSIER_BRANCH, author,
	    committer, NULL, "Establish the dossier\n\n"
	    "The roster of the group and the definition of its workflow.\n",
	    tree, 0, NULL) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "%s: %s", dir, dossier_error());
	configure(repo, dir);
	if (bare)
		install_hook(repo, dir);
	else {
		git_checkout_options	 co;

		git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
		co.checkout_strategy = GIT_CHECKOUT_FORCE;
		if (git_checkout_head(repo, &co) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "%s: %s", dir, dossier_error());
	}
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	git_treebuilder_free(top);
	git_treebuilder_free(docs);
	git_repository_free(repo);
	unstage(dir);
	printf("%s dossier %s: roster, workflow and documents/ on main\n",
	    bare ? "central" : "new", dir);
	xappendf(&made, "the %s dossier %s is made", bare ? "central" : "new",
	    dir);
	free(text);
	source_free(&roster);
	source_free(&workflow);
	validator_free(v);
	validate_cleanup(&setup);
	return HLEG_EXIT_OK;
}

static int
clone(const char *url, const char *dir)
{
	git_clone_options	 opts;
	git_repository		*repo;

	git_clone_options_init(&opts, GIT_CLONE_OPTIONS_VERSION);
	opts.checkout_branch = "main";
	if (git_clone(&repo, url, stage(dir), &opts) != 0)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot clone %s: %s", url,
		    dossier_error());
	configure(repo, dir);
	git_repository_free(repo);
	unstage(dir);
	printf("dossier %s: a clone of %s\n", dir, url);
	xappendf(&made, "the dossier %s, a clone of %s, is made", dir, url);
	return HLEG_EXIT_OK;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "bare", no_argument, NULL, 'b' },
		{ "clone", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "roster", required_argument, NULL, 'r' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*roster = NULL, *url = NULL;
	int		 ch, bare = 0, rc;

	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1)
		switch (ch) {
		case 'b':
			bare = 1;
			break;
		case 'c':
			url = optarg;
			break;
		case 'h':
			help();
			break;
		case 'r':
			roster = optarg;
			break;
		case 'V':
			print_version();
			return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
			    HLEG_EXIT_OK;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc != 1 || (url != NULL && (bare || roster != NULL)))
		usage();
	dossier_library_init();
	rc = url != NULL ? clone(url, argv[0]) :
	    create(argv[0], bare, roster);
	dossier_library_shutdown();
	if (fshut_done(stdout, "stdout", made) != 0)
		rc = HLEG_EXIT_SYSTEM;
	free(made);
	return rc;
}
