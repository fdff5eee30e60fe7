"""The absence rule, as a pure function of a participant's session outcomes.

Jobbhörnet's rule: support is at risk after four absences in a row. Absences
with a valid reason (illness, a job interview, an SFI exam) neither count nor
break the run; attending a session ends it. The platform only flags.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable


class Outcome(enum.Enum):
    ATTENDED = "attended"
    ABSENT = "absent"
    EXCUSED = "excused"


def current_run(outcomes: Iterable[tuple[Hashable, Outcome]]) -> tuple[int, Hashable | None]:
    """The current run of counted absences and the session that started it.

    `outcomes` are (session key, outcome) pairs in session order. The start
    tells one run from the next, so a run is flagged once however long it gets.
    """
    run, start = 0, None
    for key, outcome in outcomes:
        if outcome is Outcome.ATTENDED:
            run, start = 0, None
        elif outcome is Outcome.ABSENT:
            if run == 0:
                start = key
            run += 1
    return run, start


def consecutive_absences(outcomes: Iterable[Outcome]) -> int:
    """The current run of counted absences; `outcomes` in session order."""
    return current_run(enumerate(outcomes))[0]


def reaches_limit(outcomes: Iterable[Outcome], limit: int) -> bool:
    return limit > 0 and consecutive_absences(outcomes) >= limit
