/*
 * hleg - run the hleg program for a verb: "hleg validate -q f.xml" runs
 * hleg-validate from the directory hleg lives in, or else from PATH.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/msg.h"
#include "lib/util.h"

/* The verbs, in the order "hleg help" lists them. */
static const struct verb {
	const char	*name;
	const char	*summary;
} verbs[] = {
	{ "init", "create a dossier, or clone a central one" },
	{ "new", "print a skeleton draft with the next free id" },
	{ "validate", "validate documents against the schemas and rules" },
	{ "transition", "check an event on a document and record it" },
	{ "ls", "list the documents of the dossier and their states" },
	{ "log", "the history of events, from the commits" },
	{ "roster", "the composition of the roster" },
	{ "collect", "gather documents and their history into a collection" },
	{ "brief", "a briefing paper of a document or a collection" },
	{ "pdf", "an archival PDF/A-3b of a briefing paper" },
	{ "verify", "audit the history; the central dossier's push gate" },
};

/* The events of the HLEG workflow: "hleg submit ID ..." is short for
 * "hleg transition ID submit ...". */
static const char *const events[] = {
	"endorse", "submit", "return", "consider", "withdraw",
};

static void
usage(void)
{
	fprintf(stderr, "usage: hleg verb [argument ...]\n"
	    "       hleg help [verb]\n");
	exit(HLEG_EXIT_SYSTEM);
}

/* The directory of this program, or NULL. */
static char *
own_directory(void)
{
	char	 exe[PATH_MAX], *slash;
	ssize_t	 n;

	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) <= 0)
		return NULL;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return NULL;
	*slash = '\0';
	return xstrdup(exe);
}

static int
valid_verb(const char *verb)
{
	if (*verb < 'a' || *verb > 'z' || strlen(verb) > 32)
		return 0;
	for (const char *p = verb; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	return 1;
}

static void
list_verbs(void)
{
	printf("usage: hleg verb [argument ...]\n\nverbs:\n");
	for (size_t i = 0; i < sizeof(verbs) / sizeof(verbs[0]); i++)
		printf("  %-12s %s\n", verbs[i].name, verbs[i].summary);
	printf("\nevents, short for \"hleg transition ID EVENT ...\":\n ");
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		printf(" %s ID", events[i]);
	printf("\n");
	printf("\n'hleg help VERB' shows the options of a verb; "
	    "man hleg-VERB tells more.\n");
}

/* Replaces this process with hleg-VERB.  Returns only when no such
 * program was found. */
static void
run(const char *verb, char *argv[])
{
	char	*dir, *path = NULL, *name = NULL, *saved = argv[0];

	xappendf(&name, "hleg-%s", verb);
	argv[0] = name;
	if ((dir = own_directory()) != NULL) {
		xappendf(&path, "%s/%s", dir, name);
		execv(path, argv);
		if (errno != ENOENT)
			msg_err(HLEG_EXIT_SYSTEM, "%s", path);
		free(path);
		free(dir);
	}
	execvp(name, argv);
	if (errno != ENOENT)
		msg_err(HLEG_EXIT_SYSTEM, "%s", name);
	argv[0] = saved;
	free(name);
}

/* Runs "hleg-transition ID EVENT ARGS..." for "hleg EVENT ID ARGS...". */
static void __attribute__((noreturn))
transition(int argc, char *argv[])
{
	char	**args;

	if (argc < 3)
		msg_errx(HLEG_EXIT_SYSTEM, "usage: hleg %s id [option ...]",
		    argv[1]);
	args = xcalloc((size_t)argc + 1, sizeof(*args));
	args[0] = "transition";
	args[1] = argv[2];
	args[2] = argv[1];
	for (int i = 3; i < argc; i++)
		args[i] = argv[i];
	run("transition", args);
	msg_errx(HLEG_EXIT_SYSTEM, "hleg-transition is not installed");
}

int
main(int argc, char *argv[])
{
	char	*help_argv[3];

	if (argc < 2)
		usage();
	if (strcmp(argv[1], "--version") == 0) {
		print_version();
		return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
		    HLEG_EXIT_OK;
	}
	if (strcmp(argv[1], "help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0) {
		if (argc > 2 && strcmp(argv[1], "help") == 0) {
			if (!valid_verb(argv[2]))
				msg_errx(HLEG_EXIT_SYSTEM, "'%s' is not a verb; "
				    "see 'hleg help'", argv[2]);
			help_argv[0] = NULL;
			help_argv[1] = "--help";
			help_argv[2] = NULL;
			run(argv[2], help_argv);
			msg_errx(HLEG_EXIT_SYSTEM, "'%s' is not an hleg verb; "
			    "see 'hleg help'", argv[2]);
		}
		list_verbs();
		return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
		    HLEG_EXIT_OK;
	}
	if (argv[1][0] == '-')
		usage();
	if (!valid_verb(argv[1]))
		msg_errx(HLEG_EXIT_SYSTEM, "'%s' is not a verb; see 'hleg help'",
		    argv[1]);
	for (size_t i = 0; i < sizeof(events) / sizeof(events[0]); i++)
		if (strcmp(argv[1], events[i]) == 0)
			transition(argc, argv);
	run(argv[1], argv + 1);
	msg_errx(HLEG_EXIT_SYSTEM, "'%s' is not an hleg verb; see 'hleg help'",
	    argv[1]);
}
