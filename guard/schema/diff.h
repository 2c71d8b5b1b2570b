/*
 * diff.h - the drift between two table models (a catalog's, a database's).
 */
#ifndef SG_SCHEMA_DIFF_H
#define SG_SCHEMA_DIFF_H

#include "schema/schema.h"
#include "sqlguard/catalog_tools.h"

/*
 * Appends to `drift` (sg_drift) the differences from old_side to new_side,
 * and to `tables` (sg_diff_table) every table compared with its two
 * contract hashes, in the order sg_schema_diff() documents; strings in the
 * arena. Returns 0, or -1 when memory ran out.
 */
int sg__schema_diff(sg__arena *arena, const sg__schema *old_side, const sg__schema *new_side,
                    sg__vec *drift, sg__vec *tables);

#endif
