/*
 * nodes.c - the class of every PostgreSQL 15 node type for the walker, the
 * kind of a statement, and where a node says it is.
 *
 * Every node type has one class (sg__walker_tag_class()) that decides how it
 * is visited: a type outside the set PostgreSQL's raw_expression_tree_walker
 * is known to cover is recorded as unsupported rather than passed on, because
 * that walker ends the process on a type it does not know (test_walker tries
 * a node of every type).
 */
#include "pg/walk.h"

/* The node lists below were written for PostgreSQL 15's node types and its
 * raw_expression_tree_walker (nodeFuncs.c). Another major version renumbers
 * and adds node types: read that walker again before changing these. */
_Static_assert(PG_VERSION_NUM >= 150000 && PG_VERSION_NUM < 160000,
               "the walker's node lists are written for PostgreSQL 15");
_Static_assert(T_SupportRequestWFuncMonotonic == 437,
               "PostgreSQL 15's NodeTag list changed: review the walker's node lists");

/* Node types PostgreSQL 15's raw_expression_tree_walker descends into (or
 * knows to have no children). Anything else is never passed to it. */
static bool raw_walker_knows(NodeTag tag)
{
    switch (tag) {
    case T_SetToDefault:
    case T_CurrentOfExpr:
    case T_SQLValueFunction:
    case T_Integer:
    case T_Float:
    case T_Boolean:
    case T_String:
    case T_BitString:
    case T_ParamRef:
    case T_A_Const:
    case T_A_Star:
    case T_Alias:
    case T_RangeVar:
    case T_GroupingFunc:
    case T_SubLink:
    case T_CaseExpr:
    case T_RowExpr:
    case T_CoalesceExpr:
    case T_MinMaxExpr:
    case T_XmlExpr:
    case T_NullTest:
    case T_BooleanTest:
    case T_JoinExpr:
    case T_IntoClause:
    case T_List:
    case T_InsertStmt:
    case T_DeleteStmt:
    case T_UpdateStmt:
    case T_MergeStmt:
    case T_MergeWhenClause:
    case T_SelectStmt:
    case T_A_Expr:
    case T_BoolExpr:
    case T_ColumnRef:
    case T_FuncCall:
    case T_NamedArgExpr:
    case T_A_Indices:
    case T_A_Indirection:
    case T_A_ArrayExpr:
    case T_ResTarget:
    case T_MultiAssignRef:
    case T_TypeCast:
    case T_CollateClause:
    case T_SortBy:
    case T_WindowDef:
    case T_RangeSubselect:
    case T_RangeFunction:
    case T_RangeTableSample:
    case T_RangeTableFunc:
    case T_RangeTableFuncCol:
    case T_TypeName:
    case T_ColumnDef:
    case T_IndexElem:
    case T_GroupingSet:
    case T_LockingClause:
    case T_XmlSerialize:
    case T_WithClause:
    case T_InferClause:
    case T_OnConflictClause:
    case T_CommonTableExpr:
        return true;
    default:
        return false;
    }
}

/* The location a node carries itself, or -1. Never recurses: below the depth
 * bound a subtree may be arbitrarily deep. */
int sg__node_location(const Node *n)
{
#define OWN_LOCATION(type)                                                                         \
    case T_##type:                                                                                 \
        return ((const type *)n)->location
    switch (nodeTag(n)) {
        OWN_LOCATION(A_Expr);
        OWN_LOCATION(A_Const);
        OWN_LOCATION(A_ArrayExpr);
        OWN_LOCATION(BoolExpr);
        OWN_LOCATION(BooleanTest);
        OWN_LOCATION(CaseExpr);
        OWN_LOCATION(CaseWhen);
        OWN_LOCATION(CoalesceExpr);
        OWN_LOCATION(CollateClause);
        OWN_LOCATION(ColumnRef);
        OWN_LOCATION(CommonTableExpr);
        OWN_LOCATION(FuncCall);
        OWN_LOCATION(GroupingFunc);
        OWN_LOCATION(GroupingSet);
        OWN_LOCATION(MinMaxExpr);
        OWN_LOCATION(NamedArgExpr);
        OWN_LOCATION(NullTest);
        OWN_LOCATION(ParamRef);
        OWN_LOCATION(RangeTableFunc);
        OWN_LOCATION(RangeTableFuncCol);
        OWN_LOCATION(RangeTableSample);
        OWN_LOCATION(RangeVar);
        OWN_LOCATION(ResTarget);
        OWN_LOCATION(RowExpr);
        OWN_LOCATION(SQLValueFunction);
        OWN_LOCATION(SetToDefault);
        OWN_LOCATION(SortBy);
        OWN_LOCATION(SubLink);
        OWN_LOCATION(TypeCast);
        OWN_LOCATION(TypeName);
        OWN_LOCATION(WindowDef);
        OWN_LOCATION(WithClause);
        OWN_LOCATION(XmlExpr);
        OWN_LOCATION(XmlSerialize);
    default:
        return -1;
    }
#undef OWN_LOCATION
}

sg__tag_class sg__walker_tag_class(int tag)
{
    switch ((NodeTag)tag) {
    case T_List:
    case T_SelectStmt:
    case T_InsertStmt:
    case T_UpdateStmt:
    case T_DeleteStmt:
    case T_MergeStmt:
    case T_RangeVar:
    case T_JoinExpr:
    case T_RangeSubselect:
    case T_RangeTableSample:
    case T_ParamRef:
    case T_IntoClause:
    case T_MultiAssignRef:
    case T_CurrentOfExpr:
    case T_LockingClause:
    case T_WithClause:
    case T_CommonTableExpr:
        return SG__TAG_OWN;
    case T_FuncCall:
    case T_TypeName:
    case T_A_Expr:
    case T_SubLink:
    case T_SortBy:
    case T_RangeTableFuncCol:
    case T_ColumnRef:
    case T_A_Indirection:
    case T_TypeCast:
    case T_SQLValueFunction:
    case T_CollateClause:
    case T_IndexElem:
    case T_XmlExpr:
    case T_XmlSerialize:
    case T_RangeTableFunc:
    case T_NullTest:
    case T_A_ArrayExpr:
    case T_CoalesceExpr:
    case T_CaseExpr:
    case T_MinMaxExpr:
        return SG__TAG_NOTE;
    default:
        return raw_walker_knows((NodeTag)tag) ? SG__TAG_RAW : SG__TAG_UNSUPPORTED;
    }
}

sg__stmt_kind sg__statement_kind(const void *raw_stmt)
{
    if (!raw_stmt)
        return SG_STMT_NONE;
    switch (nodeTag(raw_stmt)) {
    case T_SelectStmt:
        return SG_STMT_SELECT;
    case T_InsertStmt:
        return SG_STMT_INSERT;
    case T_UpdateStmt:
        return SG_STMT_UPDATE;
    case T_DeleteStmt:
        return SG_STMT_DELETE;
    case T_MergeStmt:
        return SG_STMT_MERGE;
    default:
        return SG_STMT_OTHER;
    }
}

void sg__walk_unsupported(walk *w, const char *what, int location)
{
    sg__unsupported *u = sg__vec_push(w->arena, &w->facts->unsupported, sizeof *u);
    if (!u) {
        fail(w);
        return;
    }
    u->what = what;
    u->location = location;
}
