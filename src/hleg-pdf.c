/*
 * hleg-pdf - an archival PDF/A-3b briefing paper of HLEG documents: the
 * HTML of hleg-brief, rendered by WeasyPrint, with the source XML attached
 * so that the record travels with the paper.
 *
 * The input is read once: the bytes that are parsed and transformed are
 * the bytes attached, whatever happens to the file meanwhile.  WeasyPrint
 * runs under a memory cap and a CPU time bound, and a paper whose HTML
 * asks it to lay out more than it can within the cap is refused before
 * it runs (HLEG-P008).
 */
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxslt/xsltInternals.h>

#include "lib/diag.h"
#include "lib/msg.h"
#include "lib/paper.h"
#include "lib/parse.h"
#include "lib/source.h"
#include "lib/util.h"
#include "lib/validate.h"

#define SYNOPSIS "usage: hleg-pdf [-h] [-p name=value] [file]\n"

/*
 * What WeasyPrint may use: its private writable memory (RLIMIT_DATA, the
 * heap Python and Pango grow; unlike RLIMIT_AS it does not count the
 * libraries and fonts mapped read-only), and its CPU time (the soft
 * limit sends SIGXCPU, the hard one a second later SIGKILL).
 */
#define WEASYPRINT_MEMORY	(1024ul * 1024 * 1024)
#define WEASYPRINT_SECONDS	300

/*
 * The layout budget: what WeasyPrint 57 (Debian 12) was measured to need
 * at most, as a base, per box and per byte of text, on the shapes of
 * bench/large that cost it the most (one-word list items, paragraphs,
 * table rows and cells, sections nested 125 deep, long text and words,
 * collections; see hleg-pdf(1), LIMITS).  A paper whose estimate passes
 * LAYOUT_BUDGET, five eighths of the cap, is refused before WeasyPrint
 * runs (HLEG-P008); so are a table row of more than LAYOUT_MAX_ROW cells
 * and a word of more than LAYOUT_MAX_WORD bytes, whose layout takes time
 * that grows faster than their size.
 */
#define LAYOUT_BASE		(80ul * 1024 * 1024)
#define LAYOUT_PER_BOX		(40ul * 1024)
#define LAYOUT_PER_BYTE		192ul
#define LAYOUT_BUDGET		(640ul * 1024 * 1024)
#define LAYOUT_MAX_ROW		50u
#define LAYOUT_MAX_WORD		2000u

/* A document of a collection is at least this many boxes in the paper
 * (a proposal of the fewest elements the schema allows makes about 50),
 * so a collection of more documents than the budget holds is refused
 * before it is transformed: the transform of a 16 MiB collection would
 * cost more than WeasyPrint's cap to build what is refused. */
#define LAYOUT_MIN_DOCUMENT	32u
#define LAYOUT_MAX_DOCUMENTS	((LAYOUT_BUDGET - LAYOUT_BASE) / \
				    (LAYOUT_MIN_DOCUMENT * LAYOUT_PER_BOX))

static void
usage(void)
{
	fprintf(stderr, SYNOPSIS);
	exit(HLEG_EXIT_SYSTEM);
}

static void
help(void)
{
	printf(SYNOPSIS
	    "Make an archival PDF/A-3b briefing paper, with the source XML "
	    "attached.\n"
	    "  -p NAME=VALUE   a parameter of the paper, as hleg-brief takes "
	    "it\n"
	    "Exit status: 0 done, 1 invalid input, 2 usage or system "
	    "error.\n");
	exit(fshut(stdout, "stdout") ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK);
}

/*
 * The private directory and the files in it, named before any of them
 * is made, so that a signal handler can remove them: attached/NAME,
 * paper.html, paper.pdf and weasyprint.err.
 */
static char			 tmpdir[PATH_MAX / 2];
static char			 attached_dir[PATH_MAX], attached[PATH_MAX];
static char			 html[PATH_MAX], pdf[PATH_MAX], errors[PATH_MAX];
static volatile sig_atomic_t	 child;

/* Removes the private directory and what may be in it; async-signal
 * safe. */
static void
remove_tmpdir(void)
{
	if (tmpdir[0] == '\0')
		return;
	unlink(attached);
	rmdir(attached_dir);
	unlink(html);
	unlink(pdf);
	unlink(errors);
	rmdir(tmpdir);
}

/* A signal that ends the program: WeasyPrint goes first (it may be
 * writing into the directory), then the directory; then the signal
 * does what it would have done. */
static void
on_signal(int sig)
{
	pid_t	 pid = child;

	if (pid > 0) {
		kill(pid, SIGKILL);
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			;
	}
	remove_tmpdir();
	signal(sig, SIG_DFL);
	raise(sig);
}

static const int	 fatal_signals[] = { SIGHUP, SIGINT, SIGPIPE, SIGTERM };

static void
block_signals(int how, sigset_t *old)
{
	sigset_t	 set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(fatal_signals) /
	    sizeof(fatal_signals[0]); i++)
		sigaddset(&set, fatal_signals[i]);
	sigprocmask(how, &set, old);
}

static void
catch_signals(void)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(fatal_signals) /
	    sizeof(fatal_signals[0]); i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	for (size_t i = 0; i < sizeof(fatal_signals) /
	    sizeof(fatal_signals[0]); i++)
		sigaction(fatal_signals[i], &sa, NULL);
}

/* Returns a malloc'd path of the executable weasyprint on PATH, or
 * NULL. */
static char *
find_weasyprint(void)
{
	const char	*path, *p, *end;
	struct stat	 sb;
	char		*file = NULL;

	if ((path = getenv("PATH")) == NULL)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (p = path; ; p = end + 1) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		free(file);
		file = NULL;
		xappendf(&file, "%.*s/weasyprint", end == p ? 1 :
		    (int)(end - p), end == p ? "." : p);
		if (stat(file, &sb) == 0 && S_ISREG(sb.st_mode) &&
		    access(file, X_OK) == 0)
			return file;
		if (*end == '\0')
			break;
	}
	free(file);
	return NULL;
}

/* The name the attachment takes: the file's base name when that is
 * plain UTF-8 text ending in .xml (WeasyPrint needs it so), else
 * document.xml. */
static const char *
attachment_name(const char *path)
{
	const char	*base, *p;
	size_t		 len;

	if (strcmp(path, "-") == 0)
		return "document.xml";
	base = (p = strrchr(path, '/')) != NULL ? p + 1 : path;
	len = strlen(base);
	if (len < 4 || strcmp(base + len - 4, ".xml") != 0 ||
	    !xmlCheckUTF8((const unsigned char *)base))
		return "document.xml";
	for (p = base; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "document.xml";
	return base;
}

/* Writes the len bytes at data to the new file path.  Returns 0, or -1
 * after a message. */
static int
write_file(const char *path, const char *data, size_t len)
{
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		msg_warn("%s", path);
		return -1;
	}
	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			msg_warn("%s", path);
			close(fd);
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1) {
		msg_warn("%s", path);
		return -1;
	}
	return 0;
}

/* Writes the paper's HTML to the file html.  Returns 0, or -1 after a
 * message. */
static int
write_html(xmlDocPtr res, xsltStylesheetPtr style)
{
	FILE	*fp;
	int	 fd;

	if ((fd = open(html, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		msg_warn("%s", html);
		if (fd != -1)
			close(fd);
		return -1;
	}
	if (paper_write(fp, res, style) != 0 && !ferror(fp)) {
		msg_warnx("%s: cannot write the paper", html);
		fclose(fp);
		return -1;
	}
	return fshut(fp, html);
}

/* The last line WeasyPrint wrote on its standard error, without
 * control characters (a malloc'd string, maybe empty). */
static char *
last_words(void)
{
	char	 buf[4096], *line, *end;
	off_t	 size;
	ssize_t	 n;
	size_t	 j;
	int	 fd;

	line = xstrdup("");
	if ((fd = open(errors, O_RDONLY | O_CLOEXEC)) == -1)
		return line;
	size = lseek(fd, 0, SEEK_END);
	if (size > (off_t)sizeof(buf) - 1)
		lseek(fd, size - (off_t)sizeof(buf) + 1, SEEK_SET);
	else
		lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return line;
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	end = strrchr(buf, '\n');
	free(line);
	line = xstrdup(end != NULL ? end + 1 : buf);
	for (size_t i = j = 0; line[i] != '\0'; i++)
		if (!((unsigned char)line[i] < 0x20 || line[i] == 0x7f))
			line[j++] = line[i];
	line[j] = '\0';
	return line;
}

/* Whether WeasyPrint's last words say that memory ran out: Python's
 * MemoryError (or the SystemError of an extension that failed to
 * allocate), or GLib's failure to make a thread or allocate. */
static int
out_of_memory(const char *words)
{
	static const char *const signs[] = { "MemoryError", "SystemError",
	    "Cannot allocate memory", "Out of memory", "out of memory",
	    "Error creating thread", "failed to allocate" };

	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++)
		if (strstr(words, signs[i]) != NULL)
			return 1;
	return 0;
}

/* Lowers *want to the limit resource already has, where that is
 * lower. */
static void
lower_limit(int resource, struct rlimit *want)
{
	struct rlimit	 now;

	if (getrlimit(resource, &now) == -1)
		return;
	if (now.rlim_max != RLIM_INFINITY && now.rlim_max < want->rlim_max)
		want->rlim_max = now.rlim_max;
	if (now.rlim_cur != RLIM_INFINITY && now.rlim_cur < want->rlim_cur)
		want->rlim_cur = now.rlim_cur;
	if (want->rlim_cur > want->rlim_max)
		want->rlim_cur = want->rlim_max;
}

/* Runs WeasyPrint (the executable program) on html, attaching the file
 * attached, under the cap and the time bound.  Returns the exit status,
 * after a message when it is not 0. */
static int
render(const char *program)
{
	struct rlimit		 memory = { WEASYPRINT_MEMORY,
				    WEASYPRINT_MEMORY };
	struct rlimit		 cpu = { WEASYPRINT_SECONDS,
				    WEASYPRINT_SECONDS + 1 };
	char *const		 argv[] = { "weasyprint", "--quiet",
				    "--pdf-variant", "pdf/a-3b", "-a",
				    attached, html, pdf, NULL };
	sigset_t		 old;
	pid_t			 pid;
	char			*words;
	int			 status, fd;

	/* Lower limits that hleg-pdf was given stay. */
	lower_limit(RLIMIT_DATA, &memory);
	lower_limit(RLIMIT_CPU, &cpu);
	block_signals(SIG_BLOCK, &old);
	if ((pid = fork()) == -1) {
		msg_warn("fork");
		sigprocmask(SIG_SETMASK, &old, NULL);
		return HLEG_EXIT_SYSTEM;
	}
	if (pid == 0) {
		/* Standard input is the document's, already read, and
		 * standard output the PDF's: WeasyPrint has neither. */
		if ((fd = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1 ||
		    dup2(fd, STDIN_FILENO) == -1 ||
		    dup2(fd, STDOUT_FILENO) == -1 ||
		    (fd = open(errors, O_WRONLY | O_CREAT | O_TRUNC |
		    O_CLOEXEC, 0600)) == -1 ||
		    dup2(fd, STDERR_FILENO) == -1 ||
		    setrlimit(RLIMIT_DATA, &memory) == -1 ||
		    setrlimit(RLIMIT_CPU, &cpu) == -1)
			_exit(126);
		for (size_t i = 0; i < sizeof(fatal_signals) /
		    sizeof(fatal_signals[0]); i++)
			signal(fatal_signals[i], SIG_DFL);
		sigprocmask(SIG_SETMASK, &old, NULL);
		execv(program, argv);
		_exit(127);
	}
	child = pid;
	sigprocmask(SIG_SETMASK, &old, NULL);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			msg_warn("wait");
			return HLEG_EXIT_SYSTEM;
		}
	child = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return HLEG_EXIT_OK;
	words = last_words();
	if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGXCPU ||
	    WTERMSIG(status) == SIGKILL))
		msg_warnx("WeasyPrint could not render the paper within "
		    "%d seconds of CPU time; nothing is written",
		    WEASYPRINT_SECONDS);
	else if (out_of_memory(words))
		msg_warnx("WeasyPrint could not render the paper within "
		    "%lu MiB of memory; nothing is written: %s",
		    WEASYPRINT_MEMORY / (1024 * 1024), words);
	else if (WIFSIGNALED(status))
		msg_warnx("WeasyPrint died of signal %d under its cap of %lu "
		    "MiB of memory; nothing is written%s%s", WTERMSIG(status),
		    WEASYPRINT_MEMORY / (1024 * 1024), *words ? ": " : "",
		    words);
	else if (WEXITSTATUS(status) == 127 && *words == '\0')
		msg_warnx("%s: cannot be run", program);
	else
		msg_warnx("WeasyPrint could not render the paper%s%s",
		    *words ? ": " : "", words);
	free(words);
	return HLEG_EXIT_SYSTEM;
}

/* Copies the PDF to standard output.  Returns the exit status. */
static int
copy_pdf(void)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 fd;

	if ((fd = open(pdf, O_RDONLY | O_CLOEXEC)) == -1) {
		msg_warn("%s", pdf);
		return HLEG_EXIT_SYSTEM;
	}
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			msg_warn("%s", pdf);
			close(fd);
			return HLEG_EXIT_SYSTEM;
		}
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			break;
	}
	close(fd);
	return fshut(stdout, "stdout") != 0 ? HLEG_EXIT_SYSTEM : HLEG_EXIT_OK;
}

/* Makes the private directory and names the files in it.  Returns 0,
 * or -1 after a message. */
static int
make_tmpdir(const char *name)
{
	const char	*base;
	sigset_t	 old;
	char		 dir[PATH_MAX / 2];

	if ((base = getenv("TMPDIR")) == NULL || *base != '/')
		base = "/tmp";
	if (snprintf(dir, sizeof(dir), "%s/hleg-pdf.XXXXXX", base) >=
	    (int)sizeof(dir)) {
		msg_warnx("%s: the name of the temporary directory is too "
		    "long", base);
		return -1;
	}
	block_signals(SIG_BLOCK, &old);
	if (mkdtemp(dir) == NULL) {
		msg_warn("%s", dir);
		sigprocmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	snprintf(attached_dir, sizeof(attached_dir), "%s/attached", dir);
	if (snprintf(attached, sizeof(attached), "%s/%s", attached_dir,
	    name) >= (int)sizeof(attached))
		snprintf(attached, sizeof(attached),
		    "%s/attached/document.xml", dir);
	snprintf(html, sizeof(html), "%s/paper.html", dir);
	snprintf(pdf, sizeof(pdf), "%s/paper.pdf", dir);
	snprintf(errors, sizeof(errors), "%s/weasyprint.err", dir);
	memcpy(tmpdir, dir, sizeof(dir));
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (mkdir(attached_dir, 0700) == -1) {
		msg_warn("%s", attached_dir);
		return -1;
	}
	return 0;
}

/* The documents in doc: those of a collection, or 1. */
static size_t
documents_in(xmlDocPtr doc)
{
	xmlNodePtr	 root, node;
	size_t		 n = 0;

	if (kind_of(doc) != KIND_COLLECTION)
		return 1;
	root = xmlDocGetRootElement(doc);
	for (node = root->children; node != NULL; node = node->next)
		if (node->type == XML_ELEMENT_NODE && node->ns != NULL &&
		    xmlStrEqual(node->ns->href, BAD_CAST HLEG_NS) &&
		    (xmlStrEqual(node->name, BAD_CAST "proposal") ||
		    xmlStrEqual(node->name, BAD_CAST "report")))
			n++;
	return n;
}

/* Prints HLEG-P008 for the paper of file, which is too large to lay
 * out: why says so. */
static void
refuse(const char *file, const char *why)
{
	struct diag_list	 diags;

	memset(&diags, 0, sizeof(diags));
	diag_add(&diags, DIAG_ERROR, 0, 0, "HLEG-P008",
	    "the paper is too large to lay out within WeasyPrint's cap of "
	    "%lu MiB of memory and %d seconds: %s; shorten it, split it "
	    "into several collections, or use the HTML paper of hleg-brief",
	    WEASYPRINT_MEMORY / (1024 * 1024), WEASYPRINT_SECONDS, why);
	diag_print(stderr, file, &diags);
	diag_clear(&diags);
}

/* Returns why a paper of size passes the layout budget (a malloc'd
 * string), or NULL when it is within it. */
static char *
too_large(const struct paper_size *size)
{
	unsigned long long	 estimate;
	char			*why = NULL;

	estimate = LAYOUT_BASE + (unsigned long long)size->boxes *
	    LAYOUT_PER_BOX + (unsigned long long)size->text * LAYOUT_PER_BYTE;
	if (estimate > LAYOUT_BUDGET)
		xappendf(&why, "its %zu boxes and %zu bytes of text need "
		    "about %llu MiB, more than the %lu MiB allowed",
		    size->boxes, size->text, estimate / (1024 * 1024),
		    LAYOUT_BUDGET / (1024 * 1024));
	else if (size->row > LAYOUT_MAX_ROW)
		xappendf(&why, "a table row of %zu cells, more than the %u "
		    "allowed", size->row, LAYOUT_MAX_ROW);
	else if (size->word > LAYOUT_MAX_WORD)
		xappendf(&why, "a word of %zu bytes, more than the %u allowed",
		    size->word, LAYOUT_MAX_WORD);
	return why;
}

/* Makes the paper of path ("-" for standard input) with style, and
 * writes the PDF to standard output.  Returns the exit status. */
static int
pdf_paper(struct parser *parser, xsltStylesheetPtr style, const char *path,
    const char *program)
{
	struct paper_size	 size;
	struct source		 src;
	xmlDocPtr		 doc, res = NULL;
	size_t			 documents;
	char			*why;
	int			 status;

	status = paper_parse(parser, path, &src, &doc);
	if (status != HLEG_EXIT_OK)
		goto out;
	if ((documents = documents_in(doc)) > LAYOUT_MAX_DOCUMENTS) {
		why = NULL;
		xappendf(&why, "a collection of %zu documents, more than the "
		    "%lu allowed", documents, LAYOUT_MAX_DOCUMENTS);
		refuse(src.name, why);
		free(why);
		status = HLEG_EXIT_INVALID;
		goto out;
	}
	if (make_tmpdir(attachment_name(path)) == -1 ||
	    write_file(attached, src.data, src.len) == -1) {
		status = HLEG_EXIT_SYSTEM;
		goto out;
	}
	/* The bytes are attached: the transform may have their memory. */
	free(src.data);
	src.data = NULL;
	if ((res = paper_transform(style, doc, src.name, &status)) == NULL)
		goto out;
	xmlFreeDoc(doc);
	doc = NULL;
	paper_measure(res, &size);
	if ((why = too_large(&size)) != NULL) {
		refuse(src.name, why);
		free(why);
		status = HLEG_EXIT_INVALID;
		goto out;
	}
	if (write_html(res, style) == -1) {
		status = HLEG_EXIT_SYSTEM;
		goto out;
	}
	/* WeasyPrint runs without hleg-pdf's trees. */
	xmlFreeDoc(res);
	res = NULL;
	if ((status = render(program)) == HLEG_EXIT_OK)
		status = copy_pdf();
out:
	xmlFreeDoc(res);
	xmlFreeDoc(doc);
	source_free(&src);
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct parser		*parser;
	xsltStylesheetPtr	 style;
	char			*program;
	int			 ch, status;

	while ((ch = getopt_long(argc, argv, "hp:", longopts, NULL)) != -1)
		switch (ch) {
		case 'h':
			help();
			break;
		case 'p':
			if (paper_param(optarg) == -1)
				usage();
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
	if (argc > 1)
		usage();

	/* A closed standard output is said before anything is made (and
	 * before a file opened later could take its descriptor). */
	if (fcntl(STDOUT_FILENO, F_GETFD) == -1) {
		msg_warn("stdout");
		return HLEG_EXIT_SYSTEM;
	}
	if ((program = find_weasyprint()) == NULL) {
		msg_warnx("weasyprint is not installed (apt-get install "
		    "weasyprint)");
		return HLEG_EXIT_SYSTEM;
	}
	catch_signals();
	atexit(remove_tmpdir);
	if (paper_init() == -1) {
		free(program);
		return HLEG_EXIT_SYSTEM;
	}
	if ((style = paper_stock("stylesheets/brief-html.xsl")) == NULL) {
		free(program);
		paper_cleanup();
		return HLEG_EXIT_SYSTEM;
	}
	if ((parser = parser_new()) == NULL)
		msg_errx(HLEG_EXIT_SYSTEM, "cannot make a parser");

	status = pdf_paper(parser, style, argc == 0 ? "-" : argv[0],
	    program);

	remove_tmpdir();
	parser_free(parser);
	xsltFreeStylesheet(style);
	paper_cleanup();
	free(program);
	return status;
}
