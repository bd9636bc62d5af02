"""The CRF's labels: a line's role plus where it stands in its article.

A role alone cannot say which article a headline belongs to when headlines may come before
or after their text. So each label also carries the line's *zone*:

- ``p`` — before the article's first body line (a headline, byline or caption above the text);
- ``w`` — the same, but with another article's text (a photo item) printed in between;
- ``h`` — in or after the body of an article whose headline came before it;
- ``n`` — in or after the body of an article whose headline is still to come;
- ``a`` — after the body, in or below a headline printed after its text.

The chain of labels then carries the long-range fact "this article has its headline
already", and the decoder keeps it consistent (an ``n`` body must end in an ``a`` headline).
``B`` marks the first body line of an article, which is where articles are split.
"""

from __future__ import annotations

from store.parse.layout import roles as R

PAGE_LABEL = "P"
LEFTOVER_LABEL = "X"
_LETTER = {
    R.KICKER: "K",
    R.TITLE: "T",
    R.SUBTITLE: "S",
    R.BYLINE: "Y",
    R.BODY: "I",
    R.SUBHEAD: "H",
    R.CAPTION: "C",
    R.CREDIT: "R",
    R.CLOSING: "D",
    R.SUMMARY: "M",
}
_ROLE = {letter: role for role, letter in _LETTER.items()}
_ROLE["B"] = R.BODY


def encode(lines: list[R.PageLine]) -> list[str]:
    """CRF labels of the non-blank lines of a labelled page (blank lines are skipped)."""
    first_body: dict[int, int] = {}
    first_head: dict[int, int] = {}
    for i, line in enumerate(lines):
        if line.article < 0:
            continue
        if line.role == R.BODY:
            first_body.setdefault(line.article, i)
        if line.role in R.HEADLINE_ROLES:
            first_head.setdefault(line.article, i)
    labels: list[str] = []
    for i, line in enumerate(lines):
        if line.role == R.BLANK:
            continue
        if line.role == R.PAGE:
            labels.append(PAGE_LABEL)
            continue
        if line.role == R.LEFTOVER or line.article < 0:
            labels.append(LEFTOVER_LABEL)
            continue
        body_at = first_body.get(line.article)
        head_at = first_head.get(line.article)
        letter = _LETTER[line.role]
        if body_at is None or i < body_at:
            between = any(i < at < (body_at or 0) for at in first_body.values())
            labels.append(letter + ("w" if between else "p"))
            continue
        if i == body_at:
            letter = "B"
        headline_after = head_at is not None and head_at > body_at
        if (headline_after and i > head_at) or line.role in R.HEADLINE_ROLES:  # type: ignore[operator]
            labels.append(letter + "a")
        else:
            labels.append(letter + ("n" if headline_after else "h"))
    return labels


def role_of(label: str) -> str:
    """The line role a label stands for."""
    if label == PAGE_LABEL:
        return R.PAGE
    if label == LEFTOVER_LABEL:
        return R.LEFTOVER
    return _ROLE[label[0]]


HEAD_ZONES = ("p", "w")  # the zones of a head still waiting for its article's text


def zone_of(label: str) -> str:
    """``p``, ``w``, ``h``, ``n`` or ``a`` (``""`` for page furniture and leftovers)."""
    return label[1:] if len(label) == 2 else ""


def is_headline(label: str) -> bool:
    """True for a kicker, title or subtitle line."""
    return label[:1] in ("K", "T", "S")


def opens_article(label: str) -> bool:
    """True for the first body line of an article."""
    return label.startswith("B")
