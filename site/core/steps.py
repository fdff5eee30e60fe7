"""Public forms in short steps, about one phone screen each, without JavaScript.

One form class stays the single place that validates and saves ("I want a kompis",
"Become a volunteer"); `FormSteps` only shows its fields a few at a time. What was typed on
earlier steps travels with the page in one signed hidden field (``_carry``), so nothing is
stored on the server before the last step, two tabs do not mix, and the browser's back button
does no harm. A forged or expired carry starts the form again with a message, never a 500.

Posts:

- ``_step`` is the step shown; its fields in the post replace what was carried;
- ``_back`` goes one step back without checking anything (what was typed is kept);
- otherwise the step's fields are checked: with errors, the same step is shown again with
  every error in the summary; without, the next step is shown;
- the last step (or a post without ``_step``: a client that sends every field at once) is a
  submission: the view runs the public-form guard and saves if ``is_valid()``; errors in an
  earlier step's fields take the visitor back to that step, the answers kept.

Step fields may end in ``*`` (``language_*``) for fields a form adds from earlier answers
(one level per language chosen). A step with no fields (no language chosen) is skipped.
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass

from django.core import signing
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _

from .public_forms import HONEYPOT_NAME

STEP_FIELD = "_step"
CARRY_FIELD = "_carry"
BACK_FIELD = "_back"
INTERNAL = {STEP_FIELD, CARRY_FIELD, BACK_FIELD, "csrfmiddlewaretoken"}

# A visitor may take a day over a form (a phone call, a child, a bus ride).
CARRY_MAX_AGE = 24 * 3600


@dataclass(frozen=True)
class Step:
    title: str
    fields: tuple[str, ...]

    def names(self, form) -> list[str]:
        names = []
        for pattern in self.fields:
            if pattern.endswith("*"):
                names += [name for name in form.fields if fnmatch.fnmatchcase(name, pattern)]
            elif pattern in form.fields:
                names.append(pattern)
        return names


class FormSteps:
    """The steps of one public form for one request; see the module docstring."""

    def __init__(self, request, form_class, steps, *, salt, form_kwargs=None):
        self.request = request
        self.form_class = form_class
        self.steps = list(steps)
        self.salt = f"samverka.steps.{salt}"
        self.form_kwargs = form_kwargs or {}
        self.data: dict[str, list[str]] = {}
        self.index = 0
        self.show_errors = False
        self.submitted = False
        self.expired = False
        if request.method == "POST":
            self._post(request.POST)
        self.form = self._form(bound=self.show_errors or self.submitted)

    # --- Reading a post ---------------------------------------------------------------

    def _post(self, post):
        if STEP_FIELD not in post:
            self.data = {key: post.getlist(key) for key in post if key not in INTERNAL}
            self.submitted = True
            return
        try:
            self.data = signing.loads(
                post.get(CARRY_FIELD, ""), salt=self.salt, max_age=CARRY_MAX_AGE
            )
        except signing.BadSignature:
            self.data, self.expired = {}, True
            return
        try:
            index = int(post.get(STEP_FIELD, 0))
        except (TypeError, ValueError):
            index = 0
        self.index = min(max(index, 0), len(self.steps) - 1)
        if post.get(HONEYPOT_NAME):
            # A program filled in the hidden field: the view's guard refuses it at once.
            self.submitted = True
            return
        # Fields the form adds from earlier answers (one level per chosen language) come
        # from the carried answers and this post together.
        merged = {**self.data, **{key: post.getlist(key) for key in post if key not in INTERNAL}}
        for name in self.steps[self.index].names(self._form(bound=True, data=merged)):
            self.data[name] = post.getlist(name)
        self._prune()
        if BACK_FIELD in post:
            self.index = self._neighbour(-1)
            return
        form = self._form(bound=True)
        if any(name in form.errors for name in self.steps[self.index].names(form)):
            self.show_errors = True
            return
        following = self._neighbour(+1)
        if following == self.index:
            self.submitted = True
        else:
            self.index = following

    def _prune(self):
        """Forget answers to fields the form no longer has (a language unticked)."""
        fields = self._form(bound=True).fields
        self.data = {key: value for key, value in self.data.items() if key in fields}

    def _neighbour(self, direction: int) -> int:
        form = self._form(bound=True)
        index = self.index + direction
        while 0 <= index < len(self.steps):
            if self.steps[index].names(form):
                return index
            index += direction
        return self.index

    def _form(self, *, bound, data=None):
        data = self.data if data is None else data
        if bound:
            return self.form_class(MultiValueDict(data), **self.form_kwargs)
        # A step reached for the first time (or again) shows what was typed without
        # complaining about what is still empty: an unbound form with the answers as initial.
        probe = self.form_class(MultiValueDict(data), **self.form_kwargs)
        initial = dict(self.form_kwargs.get("initial") or {})
        for name, field in probe.fields.items():
            if probe.add_prefix(name) in data:
                initial[name] = field.widget.value_from_datadict(
                    probe.data, {}, probe.add_prefix(name)
                )
        kwargs = {**self.form_kwargs, "initial": initial}
        form = self.form_class(**kwargs)
        return form

    # --- The outcome ------------------------------------------------------------------

    def is_valid(self) -> bool:
        """For a submission: the whole form is valid. If not, show the first step with an
        error (non-field errors belong to the last step)."""
        if not self.submitted:
            return False
        if self.form.is_valid():
            return True
        self.show_errors = True
        self.index = self._first_step_with_errors()
        return False

    def _first_step_with_errors(self) -> int:
        errors = self.form.errors
        for index, step in enumerate(self.steps):
            if any(name in errors for name in step.names(self.form)):
                return index
        return self._last()

    def _last(self) -> int:
        for index in range(len(self.steps) - 1, -1, -1):
            if self.steps[index].names(self.form):
                return index
        return len(self.steps) - 1

    # --- What the template needs ------------------------------------------------------

    @property
    def step(self) -> Step:
        return self.steps[self.index]

    @property
    def visible_steps(self) -> list[int]:
        return [index for index, step in enumerate(self.steps) if step.names(self.form)]

    @property
    def number(self) -> int:
        return self.visible_steps.index(self.index) + 1 if self.index in self.visible_steps else 1

    @property
    def count(self) -> int:
        return len(self.visible_steps)

    @property
    def is_first(self) -> bool:
        return self.number == 1

    @property
    def is_last(self) -> bool:
        return self.number == self.count

    @property
    def fields(self):
        return [self.form[name] for name in self.step.names(self.form)]

    @property
    def errors(self) -> list[tuple[object, str]]:
        """(bound field or None, message) for every error shown on this step."""
        if not self.show_errors:
            return []
        shown = [(None, str(error)) for error in self.form.non_field_errors()]
        for field in self.fields:
            shown += [(field, str(error)) for error in field.errors]
        return shown

    @property
    def carry(self) -> str:
        return signing.dumps(self.data, salt=self.salt, compress=True)

    @property
    def expired_message(self) -> str:
        return _("Your answers were too old to use. Please fill in the form again.")
