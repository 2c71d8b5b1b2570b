/*
 * series.h - the values constant arguments of a call say, for
 * func.resource-bound: a number as PostgreSQL reads it, and how many rows a
 * generate_series over numbers, dates or timestamps returns.
 */
#ifndef SG_RULES_SERIES_H
#define SG_RULES_SERIES_H

#include <stdbool.h>

#include "facts/facts.h"

/* The value of a number argument (a number constant, or a string cast to a
 * number type), rounded as a cast to an integer type rounds; false when the
 * argument is not one that can be read here (a parameter, an expression, a
 * cast to another type). */
bool sg__series_arg_number(const sg__funcarg *a, long double *out);

/* Rows of a generate_series call with two or three constant arguments
 * (numbers, or dates and timestamps with an interval step), -1 when they
 * are not known or the call fails at the server. */
long double sg__series_rows(const sg__funcref *fn);

#endif
