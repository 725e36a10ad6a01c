/*
 * datadir.c - find the data directory.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "msg.h"
#include "util.h"

#ifndef HLEG_DATADIR_DEFAULT
#define HLEG_DATADIR_DEFAULT "/usr/local/share/hleg"
#endif

#define PROBE "/schemas/hleg.xsd"

static char	*found;

/* Returns the real path of dir if dir/PROBE exists, else NULL. */
static char *
probe(const char *dir)
{
	char	*path = NULL, *real;

	xappendf(&path, "%s" PROBE, dir);
	if (access(path, R_OK) != 0) {
		free(path);
		return NULL;
	}
	free(path);
	if ((real = realpath(dir, NULL)) == NULL)
		return NULL;
	return real;
}

const char *
datadir(void)
{
	const char	*env;
	char		 exe[PATH_MAX], *slash, *cand = NULL;
	ssize_t		 n;

	if (found != NULL)
		return found;
	if ((env = getenv("HLEG_DATADIR")) != NULL && *env != '\0') {
		if ((found = probe(env)) == NULL)
			msg_warnx("HLEG_DATADIR=%s: no %s there", env, &PROBE[1]);
		return found;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL) {
			*slash = '\0';
			xappendf(&cand, "%s/..", exe);
			found = probe(cand);
			free(cand);
			cand = NULL;
			if (found == NULL) {
				xappendf(&cand, "%s/../share/hleg", exe);
				found = probe(cand);
				free(cand);
			}
		}
	}
	if (found == NULL)
		found = probe(HLEG_DATADIR_DEFAULT);
	if (found == NULL)
		msg_warnx("cannot find the hleg data directory (%s); "
		    "set HLEG_DATADIR", HLEG_DATADIR_DEFAULT);
	return found;
}

char *
datadir_path(const char *name)
{
	const char	*dir;
	char		*path = NULL;

	if ((dir = datadir()) == NULL)
		return NULL;
	xappendf(&path, "%s/%s", dir, name);
	return path;
}
