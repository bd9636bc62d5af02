"""One article as a ``rich.text.Text``: safe, with entities and filter terms highlighted.

A pure function of the record and a style table, so it is tested without a terminal. All
text is cleaned (``tui.safe``) and added as plain ``Text`` — never parsed as markup.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.style import Style
from rich.text import Text

from store.search import match_spans, match_starts
from tui.corpus import group_of
from tui.safe import clean, clean_with_map

STYLE_NAMES = (
    "title",
    "subtitle",
    "meta",
    "note",
    "caption",
    "match",
    "person",
    "place",
    "org",
    "reporter",
)


def _join(values: Any) -> str:
    if isinstance(values, list):
        return " ".join(str(v) for v in values)
    return str(values or "")


def _page(page: Any) -> str:
    """``3`` → ``第3版``; a section name (``要闻``) stays as it is."""
    text = str(page or "").strip()
    return f"第{text}版" if text.isdigit() else text


def highlight_terms(text: Text, terms: Sequence[str], style: Style) -> None:
    """Style every occurrence of each term in ``text``, as the search matches it."""
    for start, end in match_spans(text.plain, terms):
        text.stylize(style, start, end)


def match_offsets(plain: str, terms: Sequence[str]) -> list[int]:
    """Start offsets of every term occurrence, in order (``store.search.match_starts``)."""
    return match_starts(plain, terms)


def body_text(article: Mapping[str, Any], styles: Mapping[str, Style]) -> Text:
    """The body with entity spans styled by type (spans follow the cleaning)."""
    raw = str(article.get("body") or "")
    body, mapping = clean_with_map(raw)
    text = Text(body, end="")
    for ent in article.get("entities") or ():
        group = group_of(str(ent.get("type", "")), ent.get("role"))
        style = styles.get(group)
        if style is None:
            continue
        for span in ent.get("spans") or ():
            try:
                start, end = int(span[0]), int(span[1])
            except (TypeError, ValueError, IndexError):
                continue
            if 0 <= start < end <= len(raw):
                text.stylize(style, mapping[start], mapping[end])
    return text


def people_line(article: Mapping[str, Any]) -> str:
    """``人物  耿涛 市委常委、副市长  ·  李苏满 青岛市商务局局长``: the people of the article
    with the offices it gives them (reporters and people without an office left out)."""
    shown = []
    for ent in article.get("entities") or ():
        if not isinstance(ent, Mapping) or ent.get("type") != "person":
            continue
        titles = [str(t) for t in ent.get("titles") or () if str(t).strip()]
        if titles and ent.get("role") != "byline":
            shown.append(f"{ent.get('name', '')} {'、'.join(titles)}")
    return clean("人物  " + "  ·  ".join(shown)) if shown else ""


def corrected_line(article: Mapping[str, Any]) -> str:
    """What the reader corrected in this article ("" when nothing), e.g.
    ``已更正 corrected: title (was “…”) · joined 1 article``."""
    done = article.get("corrected") or ()
    parts = []
    if "title" in done:
        parts.append(f"title (was “{clean(str(article.get('original_title') or '（无题）'))}”)")
    if "joined" in done:
        n = len(article.get("joined") or ())
        parts.append(f"joined {n} article{'s' if n != 1 else ''}")
    if "split" in done:
        parts.append("split off " + ("its first part" if article.get("split_from") else "its end"))
    return "已更正 corrected: " + " · ".join(parts) if parts else ""


def article_text(
    article: Mapping[str, Any],
    styles: Mapping[str, Style],
    terms: Sequence[str] = (),
    note: str = "",
) -> Text:
    """Headline, subtitles, meta line, note, paragraphs and captions as one ``Text``."""
    out = Text(end="")
    get = styles.get
    out.append(clean(str(article.get("title") or "（无题）")), get("title"))
    for sub in article.get("subtitles") or ():
        out.append("\n" + clean(str(sub)), get("subtitle"))
    meta = [
        _join(article.get("newspaper")),
        _join(article.get("date")),
        _page(article.get("page")),
        _join(article.get("byline")),
        _join(article.get("dateline")),
    ]
    out.append("\n" + clean("  ·  ".join(m for m in meta if m)), get("meta"))
    people = people_line(article)
    if people:
        out.append("\n" + people, get("meta"))
    fixed = corrected_line(article)
    if fixed:
        out.append("\n" + fixed, get("meta"))
    if note:
        out.append("\n\n✎ " + clean(note), get("note"))
    out.append("\n\n")
    body = body_text(article, styles)
    paragraphs = [p for p in body.split("\n") if p.plain.strip()]
    out.append_text(Text("\n\n", end="").join(paragraphs))
    if article.get("truncated"):
        out.append("\n\n（未完）", get("meta"))
    captions = [clean(str(c)) for c in article.get("captions") or () if str(c).strip()]
    if captions:
        out.append("\n\n")
        out.append("\n".join(f"▍图  {c}" for c in captions), get("caption"))
    if terms and get("match") is not None:
        highlight_terms(out, terms, get("match"))
    return out
