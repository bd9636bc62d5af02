"""Real pages as training data: the seed pages labelled line by line.

The seed pages were read by a person (``tests/seed_expectations.py``) and the rule
segmenter (``store.parse.segment_rules``) reproduces that reading on them and on their
re-laid-out variants. Here each line of such a page gets the role and article that reading
gives it, so the page model also learns from real flattened pages, not only generated
ones. Used by ``store.parse.layout.train``; never at run time.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from store.parse import lines as L
from store.parse.article import Article
from store.parse.layout import roles as R
from store.parse.read import clean_text
from store.parse.segment_rules import segment_text

_WS = re.compile(r"\s+")


def _compact(text: str) -> str:
    return _WS.sub("", text)


def _role_in(article: Article, line: str, body: str) -> str | None:
    """The role ``line`` plays in ``article`` (None when it is not from this article)."""
    compact = _compact(line).lstrip(L.BULLETS)
    if not compact:
        return None
    if compact in _compact(article.title) and len(compact) >= 2:
        return R.TITLE
    for sub in article.subtitles:
        whole = compact == _compact(sub)
        if (whole or compact not in body) and compact in _compact(sub) and len(compact) >= 2:
            return R.SUBHEAD if _compact(sub) in body else R.SUBTITLE
    dated = L.match_dateline(line.strip())
    if dated:
        # the dateline opens this article's text only where the rest of the line opens it:
        # every article of a page may carry the same ``本报12月15日讯``
        rest = _compact(dated[2]).lstrip(L.BULLETS)
        if rest and body.startswith(rest[:12]):
            return R.BODY
    elif compact in body:
        return R.BODY
    for caption in article.captions:
        if compact in _compact(caption) or _compact(caption) in compact:
            return R.CAPTION
    if article.byline and any(name in compact for name in article.byline) and len(compact) <= 48:
        return R.BYLINE
    return None


def label_page(text: str) -> R.GeneratedPage | None:
    """Label every line of a page by the rule segmenter's reading of it.

    Returns None when some non-blank line cannot be placed (the page is then not used).
    """
    lines = clean_text(text).split("\n")
    seg = segment_text("\n".join(lines))
    bodies = [_compact(a.body) for a in seg.articles]
    labelled: list[R.PageLine] = []
    current = last = -1
    started = False
    for raw in lines:
        if not raw.strip():
            labelled.append(R.PageLine(raw, R.BLANK, -1))
            continue
        # the article of the line above first (a byline under its title), then the one
        # whose text is running, then the ones after it
        order = [last, current, *range(current + 1, len(seg.articles)), *range(current)]
        placed = None
        for k in order:
            if k < 0:
                continue
            role = _role_in(seg.articles[k], raw, bodies[k])
            if role is not None:
                placed = (role, k)
                break
        if placed is None:
            if not started:
                labelled.append(R.PageLine(raw, R.PAGE, -1))
                continue
            if any(_compact(raw) in _compact(x) for x in seg.leftovers):
                labelled.append(R.PageLine(raw, R.LEFTOVER, -1))
                continue
            return None
        started = True
        role, k = placed
        above = next((x for x in reversed(labelled) if x.role != R.BLANK), None)
        if (
            role == R.TITLE
            and _compact(raw) in bodies[k]
            and above is not None
            and (above.role, above.article) == (R.BODY, k)
            and not L.is_closed(above.text.strip())
        ):
            role = R.BODY  # a sentence running on that happens to hold the title's words
        last = k
        if role == R.BODY:
            current = k
        labelled.append(R.PageLine(raw, role, k))
    _kickers(labelled)
    # articles are numbered in page order of their body
    order: dict[int, int] = {}
    for line in labelled:
        if line.role == R.BODY and line.article not in order:
            order[line.article] = len(order)
    for line in labelled:
        if line.article >= 0:
            line.article = order.get(line.article, -1)
            if line.article < 0:
                line.role = R.LEFTOVER
    return R.GeneratedPage("\n".join(x.text for x in labelled), labelled, [], "seedpage")


def _kickers(labelled: list[R.PageLine]) -> None:
    """A subtitle printed above its article's title is its kicker."""
    first_title: dict[int, int] = {}
    for i, line in enumerate(labelled):
        if line.role == R.TITLE:
            first_title.setdefault(line.article, i)
    for i, line in enumerate(labelled):
        if line.role == R.SUBTITLE and i < first_title.get(line.article, -1):
            line.role = R.KICKER


def seed_pages(seeds_dir: Path, variants: int, seed: int) -> Iterator[R.GeneratedPage]:
    """The seed pages and ``variants`` re-laid-out copies of each, labelled."""
    rng = random.Random(seed)
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text("utf-8")
        pages = [text] + [_relayout(text, rng) for _ in range(variants)]
        for page in pages:
            labelled = label_page(page)
            if labelled is not None:
                yield labelled


def rewrap(page: str, width: int) -> str:
    """Join each run of body lines (full stops, long lines) and wrap it again at ``width``
    characters; headline stacks and other short runs stay as they are."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        body = any("。" in x for x in run) and all(len(x.strip()) >= 12 for x in run[:-1])
        if body and width:
            joined = "".join(x.strip() for x in run)
            out.extend(joined[i : i + width] for i in range(0, len(joined), width))
        else:
            out.extend(run)
        run.clear()

    for line in page.split("\n"):
        if line.strip():
            run.append(line)
        else:
            flush()
            out.append("")
    flush()
    return "\n".join(out)


def _relayout(text: str, rng: random.Random) -> str:
    """The page re-wrapped at another width and with other blank lines (same reading)."""
    width = rng.choice([0, 12, 14, 16, 18, 20, 24, 28, 32, 40])
    out = rewrap(text, width).split("\n")
    blanks = rng.random() * 0.3
    result: list[str] = []
    for line in out:
        result.append(line)
        if line.strip() and rng.random() < blanks:
            result.append("")
    return "\n".join(result)
