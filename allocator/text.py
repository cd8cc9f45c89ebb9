"""Translatable messages built in the core, without Qt (DESIGN §13, STYLE "Translations").

The one mechanism: the core writes a user-facing message with :func:`T`, an
English *template* with named ``{placeholders}`` and its parameters::

    conflicts.append(T("a {cap} cap across {n} assets can invest at most {most}",
                       cap=pct(cap), n=n, most=pct(cap * n)))

``T`` returns a :class:`Text`, which **is** a ``str`` holding the English
sentence (so the CLI, logs, exceptions and files keep their exact English
wording), and which also remembers ``template`` and ``params``.  The GUI
renders it at the boundary (``allocator.gui.i18n.render``): it looks the
template up with ``QCoreApplication.translate("Core", template)`` and fills in
the parameters, so a Japanese user reads the same message in Japanese.  The
core never imports Qt and never needs to know the UI language.

Extraction: ``tools/i18n.py`` finds every ``T("...")`` call with a literal
template (an ``ast`` scan; ``pyside6-lupdate`` does not know this marker) and
puts the templates in ``resources/i18n/allocator_ja.ts`` under the context
``Core``, next to the GUI's ``tr()`` strings.  The translation keeps the
placeholders' names (``{cap}``), so word order may change freely.

A message joined from several ``Text`` (``"; ".join(conflicts)``) is a plain
``str`` again; keep the parts (``InfeasibleError.conflicts``) for the GUI.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "Core"


class Text(str):
    """An English message (a ``str``) that remembers its template and parameters."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, params: dict[str, Any] | None = None) -> "Text":
        params = dict(params or {})
        self = super().__new__(cls, template.format(**params) if params else template)
        self.template = template
        self.params = params
        return self

    def render(self, translate=None) -> str:
        """The message in another language: ``translate(template)`` gives the translated template."""
        if translate is None:
            return str.__str__(self)
        template = translate(self.template) or self.template
        params = {k: (v.render(translate) if isinstance(v, Text) else v) for k, v in self.params.items()}
        try:
            return template.format(**params) if params else template
        except (KeyError, IndexError, ValueError):  # a broken translation never hides the message
            return str.__str__(self)

    def __reduce__(self):  # pickles (worker processes, copies) keep the template
        return (Text, (self.template, self.params))


def T(template: str, /, **params: Any) -> Text:  # noqa: N802 - the short marker the extractor looks for
    """A translatable core message: ``T("{n} gap(s) over {days} days", n=3, days=12)``."""
    return Text(template, params)


def render(message: Any, translate=None) -> str:
    """``message`` rendered with ``translate`` when it is a :class:`Text`, else ``str(message)``."""
    if isinstance(message, Text):
        return message.render(translate)
    return str(message)
