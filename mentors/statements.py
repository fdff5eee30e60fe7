"""The matching board's statements, compiled once per process for each kind of coordinator.

Building the board's scoped querysets and compiling them to SQL cost about as much as
the rest of the board (four of its twelve milliseconds): the same statements, built
again on every request, that differ between two coordinators only in the user's id (the
municipalities they coordinate are read inside the statement:
`samverka.people.municipalities.municipalities_for`).

`rows(name, user, build)` gives what `list(build(user))` gives. The first time for each
name and kind of user it builds the queryset for a stand-in user of that kind and
compiles it; after that it runs the kept statement with the user's id in place of the
stand-in's, through Django's own iteration of the compiled query (model instances,
related objects, annotations and the database's converters as the ORM makes them). The
kinds are the ones the access functions (`mentors.access`, `mentors.admin_views.runs_for`)
tell apart: a coordinator of their own municipalities, one who sees every municipality
(`sees_every_municipality`: superusers and regional coordinators), anyone else (who sees
nothing: built as before, no statement kept). Whether a user is which is asked on every
request; what is kept is the statement, never its rows.
"""

from __future__ import annotations

import copy

from django.contrib.auth import get_user_model
from django.core.exceptions import EmptyResultSet
from django.db import connections

from samverka.core import statements
from samverka.core.permissions import COORDINATOR, is_coordinator
from samverka.people.municipalities import sees_every_municipality

SCOPED, EVERY = "scoped", "every"
ANYONE = "anyone"  # a statement that does not depend on the user (`rows(name, None, build)`)
_stand_ins: dict = {}  # one per kind: its municipalities' subquery compiled once


def kind_of(user) -> str | None:
    """Which statement serves `user`: `SCOPED`, `EVERY`, or None (not kept)."""
    if not getattr(user, "is_authenticated", False) or not is_coordinator(user):
        return None
    return EVERY if sees_every_municipality(user) else SCOPED


def _stand_in(kind: str):
    user = _stand_ins.get(kind)
    if user is None:
        user = get_user_model()(pk=statements.USER_ID, is_superuser=kind == EVERY, is_active=True)
        user._samverka_groups = {COORDINATOR}  # as `in_group` keeps a user's groups
        _stand_ins[kind] = user
    return user


def _compile(kind: str, build) -> tuple | None:
    stand_in = None
    if kind != ANYONE:
        stand_in = _stand_in(kind)
        if kind_of(stand_in) != kind:
            raise RuntimeError("The stand-in user is no longer read as the kind it stands for.")
    queryset = build(stand_in)
    compiler = queryset.query.get_compiler(using=queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    return queryset, compiler, sql, tuple(params)


def rows(name: str, user, build) -> list:
    """`list(build(user))`, from the statement kept under `name` for `user`'s kind.

    `build(user)` must depend on the user only through the access functions (their kind
    and their id); with `user` None, not at all."""
    kind = ANYONE if user is None else kind_of(user)
    if kind is None:
        return list(build(user))
    kept = statements.kept(("mentors.board", name, kind), lambda: _compile(kind, build))
    if kept is None:  # the statement can have no rows
        return []
    queryset, compiler, sql, params = kept
    run = copy.copy(compiler)  # what the compilation found: columns, related objects
    run.connection = connections[queryset.db]  # this thread's
    values = tuple(statements.with_values(params, queryset.db, user_id=getattr(user, "pk", None)))
    run.as_sql = lambda *args, **kwargs: (sql, values)
    clone = queryset._chain()
    clone.query.get_compiler = lambda *args, **kwargs: run
    return list(clone)
