/*
 * measure - run a command and write what it cost: the CPU seconds (user
 * and system) and the peak resident memory of the command and of every
 * process it waited for, for tests that compare the cost of a large
 * input with a small one's (ratios, not absolute figures).
 *
 *	measure [-c seconds] FILE command [argument ...]
 *
 * The command keeps standard input, output and error; FILE receives one
 * line, "CPU_SECONDS MAXRSS_KIB".  With -c, the command (and each
 * process it starts) may use at most that many seconds of CPU: quadratic
 * code under test fails in a bounded time instead of running for hours.
 * The exit status is the command's, or 128 + the signal that ended it,
 * or 127 when it cannot be run.
 */
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
main(int argc, char *argv[])
{
	struct rusage	 ru;
	struct rlimit	 rl;
	FILE		*fp;
	pid_t		 pid;
	long		 cpu = 0;
	int		 status;

	if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
		cpu = strtol(argv[2], NULL, 10);
		argc -= 2;
		argv += 2;
	}
	if (argc < 3 || cpu < 0) {
		fprintf(stderr, "usage: measure [-c seconds] file command "
		    "[argument ...]\n");
		return 2;
	}
	if ((pid = fork()) == -1) {
		fprintf(stderr, "measure: fork: %s\n", strerror(errno));
		return 2;
	}
	if (pid == 0) {
		if (cpu > 0) {
			rl.rlim_cur = (rlim_t)cpu;
			rl.rlim_max = (rlim_t)cpu + 1;
			if (setrlimit(RLIMIT_CPU, &rl) == -1) {
				fprintf(stderr, "measure: setrlimit: %s\n",
				    strerror(errno));
				_exit(127);
			}
		}
		execvp(argv[2], argv + 2);
		fprintf(stderr, "measure: %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			fprintf(stderr, "measure: wait: %s\n", strerror(errno));
			return 2;
		}
	if (getrusage(RUSAGE_CHILDREN, &ru) == -1) {
		fprintf(stderr, "measure: getrusage: %s\n", strerror(errno));
		return 2;
	}
	if ((fp = fopen(argv[1], "w")) == NULL ||
	    fprintf(fp, "%.3f %ld\n",
	    (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
	    ru.ru_maxrss) < 0 || fclose(fp) != 0) {
		fprintf(stderr, "measure: %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
