"""SQL compiled once per process with stand-ins for the values that differ between requests
(a user's id, the day), and run with the real values.

Building a queryset and compiling it can cost more than running it (the dashboard's probe
and day panel, the matching board). Where a statement differs between two requests only in
a user's id or the day, it is compiled once for stand-ins no row has (`USER_ID`, `DAY`) and
kept (`kept`); each request runs it with its own values (`with_values`). Only the SQL is
kept, never what it read.
"""

from __future__ import annotations

from datetime import date

from django.db import connections

# Stand in for a user's id and a day in a kept statement: values no row has.
USER_ID = -918_273_645
DAY = date(1901, 2, 3)
_kept: dict = {}


def kept(key, compile):
    """`compile()`, once per process under `key` (a statement and its parameters, say)."""
    if key not in _kept:
        _kept[key] = compile()
    return _kept[key]


def with_values(params, using: str, *, user_id=None, day: date | None = None) -> list:
    """A kept statement's `params` with the stand-ins replaced by the request's values."""
    ops = connections[using].ops
    stand_in_day = ops.adapt_datefield_value(DAY)
    real_day = ops.adapt_datefield_value(day) if day is not None else None
    values = []
    for value in params:
        if value == USER_ID:
            value = user_id
        elif day is not None and value == stand_in_day:
            value = real_day
        values.append(value)
    return values
