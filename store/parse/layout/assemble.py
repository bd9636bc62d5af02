"""Labelled lines to articles: group each article's lines, in page order, by their labels."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.parse import lines as L
from store.parse.layout import labels as LB
from store.parse.layout import roles as R
from store.parse.layout.fields import RoleLine


@dataclass(slots=True)
class PageParts:
    """A page split by the labels: its furniture, its articles' lines and what fits nowhere."""

    page_lines: list[str] = field(default_factory=list)
    articles: list[list[RoleLine]] = field(default_factory=list)
    leftovers: list[str] = field(default_factory=list)
    # for each article: did its headline come after its text (an ``n``-zone article)?
    headline_after: list[bool] = field(default_factory=list)


def _continues(current: list[RoleLine], line: RoleLine, zone: str) -> bool:
    """Is an opening with nothing above it really the open article going on?

    An article needs a headline above its text (``h``) or below it (``n``). An ``h`` opening
    with no headline, byline or caption above it and no dateline is no new article (a
    caption after an article signed off by its byline does not count); an
    ``n`` opening right after a line that stops mid-sentence is the same text wrapped on.
    """
    if L.match_dateline(line.text.strip()):
        return False
    last = current[-1]
    if zone == "h":
        if last.role == R.CAPTION and _signed_off(current):
            return False  # the open article ended with its byline; a caption, then new text
        return last.role in (R.BODY, R.SUBHEAD, R.CAPTION)
    return last.role == R.BODY and not L.is_closed(last.text.strip())


def _signed_off(current: list[RoleLine]) -> bool:
    """Does the article end (past its trailing captions) with a byline or a credit?"""
    for line in reversed(current):
        if line.role != R.CAPTION:
            return line.role in (R.BYLINE, R.CREDIT, R.CLOSING)
    return False


_TRAILING = frozenset({R.BYLINE, R.CAPTION, R.CREDIT, R.CLOSING})


def _orphan_bylines(lines: list[RoleLine]) -> list[int]:
    """Byline lines after the text of an article already signed above its text.

    An article has one byline: when its head carries one (``□记者 张晓帆 报道`` under the
    headline), a further byline after its last body line (``□记者 薄克国 通讯员 吕鸿飞
    报道`` standing before the next headline) belongs to an article whose text is not on
    the page. Their positions in ``lines``; they go to the leftovers.
    """
    first_body = next((k for k, x in enumerate(lines) if x.role == R.BODY), None)
    if first_body is None:
        return []
    if not any(x.role == R.BYLINE for x in lines[:first_body]):
        return []
    last_body = max(k for k, x in enumerate(lines) if x.role in (R.BODY, R.SUBHEAD))
    tail = lines[last_body + 1 :]
    if not tail or any(x.role not in _TRAILING for x in tail):
        return []
    return [last_body + 1 + k for k, x in enumerate(tail) if x.role == R.BYLINE]


def _page_furniture(line: RoleLine, texts: list[str], index: list[int], k: int) -> bool:
    """A short word standing alone above the page's first dateline (``区 域``) is its label."""
    compact = "".join(line.text.split())
    if not compact or len(compact) > 4 or L.han_count(compact) != len(compact):
        return False
    return k + 1 < len(index) and L.match_dateline(texts[index[k + 1]].strip()) is not None


def assemble(texts: list[str], index: list[int], labels: list[str]) -> PageParts:
    """Group the non-blank lines ``texts[index[k]]`` (labelled ``labels[k]``) into articles.

    A ``B`` label opens an article; lines of the ``p`` zone wait for the next opening (a
    headline, byline or caption above its text), lines of the ``w`` zone for the one after
    (a headline with a photo item printed between it and its text); every other line joins
    the open article.
    Lines waiting when the page ends (an orphan headline) are leftovers.
    """
    parts = PageParts()
    pending: list[RoleLine] = []
    waiting: list[RoleLine] = []  # ``w`` lines: they skip the next opening
    armed: list[RoleLine] = []  # ``w`` lines whose skipped opening has passed
    current: list[RoleLine] | None = None
    previous = -1
    for k, label in enumerate(labels):
        at = index[k]
        line = RoleLine(texts[at], LB.role_of(label), at - previous - 1)
        previous = at
        if label == LB.PAGE_LABEL:
            if current is None and not pending:
                parts.page_lines.append(line.text)
            else:
                parts.leftovers.append(line.text)
            continue
        if label == LB.LEFTOVER_LABEL:
            parts.leftovers.append(line.text)
            continue
        zone = LB.zone_of(label)
        if (
            LB.opens_article(label)
            and current is not None
            and not pending
            and not armed
            and _continues(current, line, zone)
        ):
            current.append(RoleLine(line.text, R.BODY, line.blank_before))
            continue
        if current is None and not pending and _page_furniture(line, texts, index, k):
            parts.page_lines.append(line.text)
            continue
        if LB.opens_article(label) or (zone not in LB.HEAD_ZONES and current is None):
            current = [*armed, *pending, line]
            armed, waiting, pending = waiting, [], []
            parts.articles.append(current)
            parts.headline_after.append(zone == "n")
        elif zone == "p":
            pending.append(line)
        elif zone == "w":
            waiting.append(line)
        else:
            current.append(line)  # type: ignore[union-attr]
    parts.leftovers.extend(line.text for line in [*armed, *waiting, *pending])
    for lines in parts.articles:
        for k in reversed(_orphan_bylines(lines)):
            parts.leftovers.append(lines.pop(k).text)
    return parts
