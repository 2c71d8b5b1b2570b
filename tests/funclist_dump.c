/*
 * funclist_dump.c - prints the classification of pg_catalog's functions, one
 * line per name: name, TAB, "allowed" or "denied", TAB, the class's short
 * name ("allowed" for an allowed name, else "side-effect", "outside-scope",
 * ...). Scripts read it to grant EXECUTE on exactly the allowed functions;
 * keep the format.
 */
#include <stdio.h>

#include "funclist.h"

int main(void)
{
    size_t n = 0;
    const sg__func_info *list = sg__func_list(&n);
    for (size_t i = 0; i < n; i++)
        printf("%s\t%s\t%s\n", list[i].name, list[i].cls == SG_FC_ALLOWED ? "allowed" : "denied",
               sg__func_class_name(list[i].cls));
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
