/*
 * hleg-validate - validate hleg documents against the schemas and the
 * business rules; a valid document passes to standard output unchanged.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xpath.h>

#include "lib/diag.h"
#include "lib/msg.h"
#include "lib/source.h"
#include "lib/util.h"
#include "lib/validate.h"

/* A dossier's roster, loaded once and shared, read-only, by every
 * thread. */
struct dossier {
	char		*path;		/* of its roster */
	struct roster	*roster;	/* NULL when it is invalid */
	struct dossier	*next;
};

struct job {
	const char		*path;
	const struct roster	*roster;
	struct source		 src;
	struct diag_list	 diags;
	int			 read_errno;	/* reading failed */
	atomic_int		 done;
};

struct pool {
	const struct validate_setup	*setup;
	struct job			*jobs;
	size_t				 count;
	size_t				 chunk;		/* jobs a worker takes at once */
	atomic_size_t			 next;		/* the next job to take */
	atomic_long			 waiting;	/* the job main waits for, or -1 */
	atomic_int			 failed;	/* a worker could not start */
	pthread_mutex_t			 lock;
	pthread_cond_t			 cond;
};

/* Documents are checked in batches of at most BATCH_JOBS files and, but
 * for a single larger one, BATCH_BYTES: the rules run over a batch in one
 * transform. */
#define BATCH_JOBS	32
#define BATCH_BYTES	(4u * 1024 * 1024)

static int	quiet;

static void
usage(void)
{
	fprintf(stderr, "usage: hleg-validate [-hq] [-C dir] [-j jobs] "
	    "[--roster file] [file ...]\n");
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf("usage: hleg-validate [-hq] [-C dir] [-j jobs] "
	    "[--roster file] [file ...]\n"
	    "Validate hleg documents against the schemas and business rules.\n"
	    "  -C DIR             check member references against the dossier DIR\n"
	    "  -h, --help         show this help and exit\n"
	    "  -j, --jobs N       check N files at a time (default 0: one per CPU)\n"
	    "  -q, --quiet        print nothing on standard output\n"
	    "      --roster FILE  check member references against FILE\n"
	    "      --version      print the version and exit\n"
	    "A valid document is copied to standard output unchanged.\n"
	    "Exit status: 0 valid, 1 invalid, 2 usage or system error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/* Reads a job's file.  Returns 1 when it can be checked. */
static int
read_job(struct job *job)
{
	switch (source_read(&job->src, job->path, HLEG_MAX_COLLECTION)) {
	case SOURCE_ERROR:
		job->read_errno = errno ? errno : EIO;
		return 0;
	case SOURCE_TOO_LARGE:
		diag_add(&job->diags, DIAG_ERROR, 0, 0, "HLEG-P002",
		    "the document is larger than %u MiB; it is refused",
		    HLEG_MAX_INPUT / (1024 * 1024));
		return 0;
	case SOURCE_OK:
		break;
	}
	return 1;
}

/* Checks the readable jobs among jobs[0..n), whose documents together
 * are at most BATCH_BYTES or one document, in one batch per roster. */
static void
check_batch(struct validator *v, struct job **jobs, size_t n)
{
	struct validate_item	 items[BATCH_JOBS];
	size_t			 i, j, m;

	for (i = 0; i < n; i = j) {
		for (j = i, m = 0; j < n && jobs[j]->roster == jobs[i]->roster;
		    j++, m++) {
			items[m].src = &jobs[j]->src;
			items[m].diags = &jobs[j]->diags;
		}
		validator_check_many(v, items, m, jobs[i]->roster);
	}
	if (quiet)
		for (i = 0; i < n; i++) {
			free(jobs[i]->src.data);
			jobs[i]->src.data = NULL;
		}
}

/* Reads and checks jobs[0..n), at most BATCH_JOBS of them. */
static void
run_jobs(struct validator *v, struct job *jobs, size_t n)
{
	struct job	*batch[BATCH_JOBS];
	size_t		 m = 0, bytes = 0;

	for (size_t i = 0; i < n; i++) {
		if (!read_job(&jobs[i]))
			continue;
		if (m > 0 && bytes + jobs[i].src.len > BATCH_BYTES) {
			check_batch(v, batch, m);
			m = bytes = 0;
		}
		batch[m++] = &jobs[i];
		bytes += jobs[i].src.len;
	}
	check_batch(v, batch, m);
}

/* Wakes the main thread if it waits for job i.  Its check of the job and
 * this check of what it waits for cannot both miss: each stores before it
 * loads, sequentially consistent. */
static void
wake(struct pool *pool, long i)
{
	if (atomic_load(&pool->waiting) == i) {
		pthread_mutex_lock(&pool->lock);
		pthread_cond_broadcast(&pool->cond);
		pthread_mutex_unlock(&pool->lock);
	}
}

static void *
worker(void *arg)
{
	struct pool		*pool = arg;
	struct validator	*v;
	size_t			 i;

	if ((v = validator_new(pool->setup)) == NULL) {
		atomic_store(&pool->failed, 1);
		wake(pool, atomic_load(&pool->waiting));
		return NULL;
	}
	while ((i = atomic_fetch_add(&pool->next, pool->chunk)) <
	    pool->count) {
		size_t	 n = pool->count - i < pool->chunk ?
			    pool->count - i : pool->chunk;

		run_jobs(v, &pool->jobs[i], n);
		for (size_t k = i; k < i + n; k++)
			atomic_store(&pool->jobs[k].done, 1);
		wake(pool, (long)atomic_load(&pool->waiting));
	}
	validator_free(v);
	return NULL;
}

/* Waits until job i is done, or a worker failed to start. */
static void
wait_for(struct pool *pool, size_t i)
{
	if (atomic_load(&pool->jobs[i].done))
		return;
	pthread_mutex_lock(&pool->lock);
	atomic_store(&pool->waiting, (long)i);
	while (!atomic_load(&pool->jobs[i].done) &&
	    !atomic_load(&pool->failed))
		pthread_cond_wait(&pool->cond, &pool->lock);
	atomic_store(&pool->waiting, -1);
	pthread_mutex_unlock(&pool->lock);
}

/* Prints a finished job's diagnostics and, when it is valid, its bytes.
 * Returns its exit status. */
static int
finish_job(struct job *job)
{
	int	 status = HLEG_EXIT_OK;

	if (job->read_errno != 0) {
		errno = job->read_errno;
		msg_warn("%s", strcmp(job->path, "-") == 0 ? "<stdin>" :
		    job->path);
		status = HLEG_EXIT_SYSTEM;
	} else {
		diag_print(stderr, job->src.name ? job->src.name : job->path,
		    &job->diags);
		if (job->diags.worst == DIAG_ERROR)
			status = HLEG_EXIT_INVALID;
		else if (!quiet && job->src.data != NULL)
			fwrite(job->src.data, 1, job->src.len, stdout);
	}
	source_free(&job->src);
	diag_clear(&job->diags);
	return status;
}

static int
worse(int a, int b)
{
	return a > b ? a : b;
}

/* Loads and checks the roster at path.  Returns it, or NULL with its
 * diagnostics printed when it cannot be used; *status is raised. */
static struct roster *
load_roster(struct validator *v, const char *path, int *status)
{
	struct job	 job;
	xmlDocPtr	 doc = NULL;

	memset(&job, 0, sizeof(job));
	job.path = path;
	switch (source_read(&job.src, path, HLEG_MAX_INPUT)) {
	case SOURCE_ERROR:
		msg_warn("%s", path);
		*status = worse(*status, HLEG_EXIT_SYSTEM);
		source_free(&job.src);
		return NULL;
	case SOURCE_TOO_LARGE:
		diag_add(&job.diags, DIAG_ERROR, 0, 0, "HLEG-P002",
		    "the roster is larger than %u MiB; it is refused",
		    HLEG_MAX_INPUT / (1024 * 1024));
		break;
	case SOURCE_OK:
		validator_check(v, &job.src, NULL, &job.diags, &doc);
		if (doc != NULL && kind_of(doc) != KIND_ROSTER &&
		    kind_of(doc) != KIND_NONE)
			diag_add(&job.diags, DIAG_ERROR, 1, 0, "HLEG-P006",
			    "this %s is given as the roster; give a roster",
			    kind_name(kind_of(doc)));
		break;
	}
	diag_print(stderr, job.src.name, &job.diags);
	if (job.diags.worst == DIAG_ERROR) {
		*status = worse(*status, HLEG_EXIT_INVALID);
		msg_warnx("%s: the roster is invalid; member references are not "
		    "checked against it", path);
		xmlFreeDoc(doc);
		doc = NULL;
	}
	source_free(&job.src);
	diag_clear(&job.diags);
	return doc != NULL ? roster_new(doc) : NULL;
}

/* The path of the roster of the dossier that path lies in: for
 * DIR/documents/NAME.xml, DIR/roster.xml; for NAME.xml named from inside
 * DIR/documents, ../roster.xml.  NULL when there is none. */
static char *
roster_beside(const char *path)
{
	const char	*slash;
	char		*roster = NULL, cwd[PATH_MAX], *base;
	size_t		 dirlen;

	if ((slash = strrchr(path, '/')) == NULL) {
		if (getcwd(cwd, sizeof(cwd)) != NULL &&
		    (base = strrchr(cwd, '/')) != NULL &&
		    strcmp(base + 1, "documents") == 0)
			roster = xstrdup("../roster.xml");
	} else {
		dirlen = (size_t)(slash - path);
		if (dirlen >= 9 && memcmp(slash - 9, "documents", 9) == 0 &&
		    (dirlen == 9 || slash[-10] == '/'))
			xappendf(&roster, "%.*sroster.xml", (int)(dirlen - 9),
			    path);
	}
	if (roster != NULL && access(roster, F_OK) != 0) {
		free(roster);
		roster = NULL;
	}
	return roster;
}

/* The roster of the dossier that path lies in, loaded once per dossier
 * and looked up once per directory; NULL when there is none. */
static const struct roster *
dossier_roster(struct validator *v, struct dossier **cache, const char *path,
    int *status)
{
	static char		*last_dir;
	static const struct roster *last;
	const char		*slash;
	struct dossier		*r;
	char			*roster, *dir;

	if (strcmp(path, "-") == 0)
		return NULL;
	slash = strrchr(path, '/');
	dir = slash ? strndup(path, (size_t)(slash - path)) : xstrdup("");
	if (dir == NULL)
		msg_err(HLEG_EXIT_SYSTEM, NULL);
	if (last_dir != NULL && strcmp(dir, last_dir) == 0) {
		free(dir);
		return last;
	}
	free(last_dir);
	last_dir = dir;
	last = NULL;
	if ((roster = roster_beside(path)) == NULL)
		return NULL;
	for (r = *cache; r != NULL; r = r->next)
		if (strcmp(r->path, roster) == 0) {
			free(roster);
			return last = r->roster;
		}
	r = xcalloc(1, sizeof(*r));
	r->path = roster;
	r->roster = load_roster(v, roster, status);
	r->next = *cache;
	*cache = r;
	return last = r->roster;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "roster", required_argument, NULL, 'R' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct validate_setup	 setup;
	struct validator	*main_v;
	struct dossier		*cache = NULL, *r;
	struct pool		 pool;
	pthread_t		*threads;
	const char		*roster_path = NULL, *dossier = NULL;
	char			*dossier_roster_path = NULL;
	struct roster		*given_roster = NULL;
	long			 jobs = 0;
	size_t			 nthreads, i;
	int			 ch, status = HLEG_EXIT_OK;

	while ((ch = getopt_long(argc, argv, "C:hj:q", longopts, NULL)) != -1)
		switch (ch) {
		case 'C':
			dossier = optarg;
			break;
		case 'h':
			help();
			break;
		case 'j':
			if ((jobs = jobs_arg(optarg)) == -1)
				usage();
			break;
		case 'q':
			quiet = 1;
			break;
		case 'R':
			roster_path = optarg;
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

	if (dossier != NULL && roster_path == NULL) {
		xappendf(&dossier_roster_path, "%s/roster.xml", dossier);
		if (access(dossier_roster_path, F_OK) != 0)
			msg_errx(HLEG_EXIT_SYSTEM, "%s: not a dossier: it has no "
			    "roster.xml", dossier);
		roster_path = dossier_roster_path;
	}
	if (validate_setup(&setup) == -1)
		return HLEG_EXIT_SYSTEM;
	if ((main_v = validator_new(&setup)) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot make a validator");

	memset(&pool, 0, sizeof(pool));
	atomic_init(&pool.next, 0);
	atomic_init(&pool.waiting, -1);
	atomic_init(&pool.failed, 0);
	pool.setup = &setup;
	pool.count = argc > 0 ? (size_t)argc : 1;
	pool.jobs = xcalloc(pool.count, sizeof(*pool.jobs));
	if (roster_path != NULL &&
	    (given_roster = load_roster(main_v, roster_path, &status)) == NULL) {
		/* A filter passes on only what it checked. */
		msg_warnx("%s: the roster cannot be used, so no document is "
		    "checked or passed on", roster_path);
		pool.count = 0;
	}
	for (i = 0; i < pool.count; i++) {
		pool.jobs[i].path = argc > 0 ? argv[i] : "-";
		pool.jobs[i].roster = roster_path != NULL ? given_roster :
		    dossier_roster(main_v, &cache, pool.jobs[i].path, &status);
	}

	if (jobs == 0) {
		/* One thread per processor, up to 8: beyond that the reading
		 * of the files, not the checking, sets the pace. */
		jobs = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = jobs < 1 ? 1 : jobs > 8 ? 8 : jobs;
	}
	nthreads = (size_t)jobs < pool.count ? (size_t)jobs : pool.count;
	if (nthreads <= 1) {
		for (i = 0; i < pool.count; i += BATCH_JOBS) {
			size_t	 n = pool.count - i < BATCH_JOBS ?
				    pool.count - i : BATCH_JOBS;

			run_jobs(main_v, &pool.jobs[i], n);
			for (size_t k = i; k < i + n; k++)
				status = worse(status,
				    finish_job(&pool.jobs[k]));
		}
	} else {
		/* Small enough chunks that every thread has work. */
		pool.chunk = pool.count / (nthreads * 4);
		if (pool.chunk < 1)
			pool.chunk = 1;
		if (pool.chunk > BATCH_JOBS)
			pool.chunk = BATCH_JOBS;
		pthread_mutex_init(&pool.lock, NULL);
		pthread_cond_init(&pool.cond, NULL);
		threads = xcalloc(nthreads, sizeof(*threads));
		for (i = 0; i < nthreads; i++)
			if (pthread_create(&threads[i], NULL, worker, &pool))
				msg_errx(HLEG_EXIT_SYSTEM, "cannot start a thread");
		/* Print in input order as the results come in. */
		for (i = 0; i < pool.count; i++) {
			wait_for(&pool, i);
			if (atomic_load(&pool.failed))
				msg_errx(HLEG_EXIT_SYSTEM,
				    "cannot make a validator");
			status = worse(status, finish_job(&pool.jobs[i]));
		}
		for (i = 0; i < nthreads; i++)
			pthread_join(threads[i], NULL);
		free(threads);
		pthread_mutex_destroy(&pool.lock);
		pthread_cond_destroy(&pool.cond);
	}

	free(pool.jobs);
	while ((r = cache) != NULL) {
		cache = r->next;
		roster_free(r->roster);
		free(r->path);
		free(r);
	}
	roster_free(given_roster);
	free(dossier_roster_path);
	validator_free(main_v);
	validate_cleanup(&setup);
	if (fshut(stdout, "stdout") != 0)
		status = HLEG_EXIT_SYSTEM;
	return status;
}
