/*
 * fuzz-validate.c - libFuzzer target: any bytes through the whole of
 * hleg-validate's check (safe parser, schema, business rules against the
 * embedded roster).  Nothing may crash, leak, hang or read a file.
 *
 * Build and run with "make fuzz"; HLEG_DATADIR must name the source tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/roster.h"
#include "../../src/lib/util.h"
#include "../../src/lib/validate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct validate_setup	 setup;
static struct validator		*validator;
static struct roster		*roster;

static void
init(void)
{
	struct source		 src;
	struct diag_list	 diags;
	xmlDocPtr		 doc = NULL;

	if (validate_setup(&setup) == -1 ||
	    (validator = validator_new(&setup)) == NULL)
		abort();
	memset(&diags, 0, sizeof(diags));
	if (source_read(&src, "fixtures/dossier/roster.xml", HLEG_MAX_INPUT) ==
	    SOURCE_OK)
		validator_check(validator, &src, NULL, &diags, &doc);
	if (doc != NULL && diags.worst != DIAG_ERROR)
		roster = roster_new(doc);
	else
		xmlFreeDoc(doc);
	source_free(&src);
	diag_clear(&diags);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source		 src;
	struct diag_list	 diags;

	if (validator == NULL)
		init();
	source_from_memory(&src, "fuzz", data, size);
	memset(&diags, 0, sizeof(diags));
	validator_check(validator, &src, roster, &diags, NULL);
	diag_clear(&diags);
	source_free(&src);
	return 0;
}
