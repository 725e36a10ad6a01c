/*
 * fuzz-rules.c - libFuzzer target: the business rules on any document
 * the safe parser accepts, whether or not it conforms to the schema.  The
 * rules assume the schema's structure to say something useful, but on any
 * structure they must not crash, leak or fail the transform.
 *
 * Build and run with "make fuzz"; HLEG_DATADIR must name the source tree.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/lib/parse.h"
#include "../../src/lib/rules.h"
#include "../../src/lib/util.h"
#include "../../src/lib/validate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct validate_setup	 setup;
static struct parser		*parser;
static struct rules		*rules;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct source		 src;
	struct diag_list	 diags;
	struct rules_input	 in;
	xmlDocPtr		 doc;

	if (rules == NULL) {
		if (validate_setup(&setup) == -1 ||
		    (parser = parser_new()) == NULL ||
		    (rules = rules_new(setup.rules)) == NULL)
			abort();
	}
	source_from_memory(&src, "fuzz", data, size);
	memset(&diags, 0, sizeof(diags));
	if ((doc = parser_read(parser, &src, &diags)) != NULL) {
		in.doc = doc;
		in.src = &src;
		in.diags = &diags;
		rules_check(rules, &in, 1, NULL);
		/* A transform that fails is a defect of the rules. */
		for (size_t i = 0; i < diags.count; i++)
			if (strcmp(diags.items[i].rule, "HLEG-R000") == 0)
				abort();
		xmlFreeDoc(doc);
	}
	diag_clear(&diags);
	source_free(&src);
	return 0;
}
