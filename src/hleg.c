/*
 * hleg - run the hleg program for a verb: "hleg validate -q f.xml" runs
 * hleg-validate from the directory hleg lives in, or else from PATH.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/util.h"

/* The verbs, in the order "hleg help" lists them. */
static const struct verb {
	const char	*name;
	const char	*summary;
} verbs[] = {
	{ "validate", "validate documents against the schemas and rules" },
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
			err(HLEG_EXIT_SYSTEM, "%s", path);
		free(path);
		free(dir);
	}
	execvp(name, argv);
	if (errno != ENOENT)
		err(HLEG_EXIT_SYSTEM, "%s", name);
	argv[0] = saved;
	free(name);
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
				errx(HLEG_EXIT_SYSTEM, "'%s' is not a verb; "
				    "see 'hleg help'", argv[2]);
			help_argv[0] = NULL;
			help_argv[1] = "--help";
			help_argv[2] = NULL;
			run(argv[2], help_argv);
			errx(HLEG_EXIT_SYSTEM, "'%s' is not an hleg verb; "
			    "see 'hleg help'", argv[2]);
		}
		list_verbs();
		return fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM :
		    HLEG_EXIT_OK;
	}
	if (argv[1][0] == '-')
		usage();
	if (!valid_verb(argv[1]))
		errx(HLEG_EXIT_SYSTEM, "'%s' is not a verb; see 'hleg help'",
		    argv[1]);
	run(argv[1], argv + 1);
	errx(HLEG_EXIT_SYSTEM, "'%s' is not an hleg verb; see 'hleg help'",
	    argv[1]);
}
