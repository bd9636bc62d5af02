"""Give each article one headline: move a surplus headline deck to the article beside it
that has none.

The page model labels each line on its own evidence, so a headline block standing between
two articles sometimes goes whole to one side: the article on the other side is left with no
title while its neighbour holds two titles a blank line apart. A printed article has one
headline, so where one article holds two separate headline decks (each with a title line)
and the article right beside it holds none, the deck nearer the untitled article is its
headline:

- below an untitled article, a head of two decks above the next text
  (``……新形态教材。`` / ``全国教材建设规划……印发——`` / ``为学生打好成长底色`` / blank /
  ``扛锄头的画家`` / ``浙江省衢州市……``): the first deck closes the article above;
- a head of two decks above a photo item, and an untitled article right after the item (a
  headline whose text was printed below a picture): the first deck opens that article;
- an article with its headline above its text that also holds a headline after its text,
  right above the next article's own head: that trailing deck is the next article's title;
  at the end of the page it is the head of an article the page was cut off before (with
  the bylines under it: leftovers, never the reporters of the article above).

An untitled article also takes a headline left at the end of the text before it (or
before the photo item printed between): a text never ends on a short line standing alone
with no sentence mark at its end (``……“中东巨变之年”。`` / blank / ``南非求解“电荒”难题``).

A line read as the first line of text right under a byline that itself reads as a byline
(``□本报记者 李媛`` / ``本报通讯员 肖玲玲``) is the byline's second line.
"""

from __future__ import annotations

from store.parse import lines as L
from store.parse.layout import lexical as X
from store.parse.layout import roles as R
from store.parse.layout.assemble import PageParts
from store.parse.layout.fields import RoleLine

_SHORT_ITEM = 300  # Han characters: a photo item or a brief printed between head and text
_BYLINE_LINE_CHARS = 24  # a byline line is no longer than this
_STRAY_HEAD_CHARS = 24  # nor is a headline left at the end of a text


def _has_headline(lines: list[RoleLine]) -> bool:
    return any(x.role in R.HEADLINE_ROLES for x in lines)


def _first_body(lines: list[RoleLine]) -> int | None:
    return next((k for k, x in enumerate(lines) if x.role == R.BODY), None)


def _text_at(lines: list[RoleLine]) -> list[int]:
    """Positions of the article's text lines (body and sub-headings)."""
    return [k for k, x in enumerate(lines) if x.role in (R.BODY, R.SUBHEAD)]


def _lead_decks(lines: list[RoleLine]) -> list[tuple[int, int]]:
    """The headline decks above the first body line, as ``(start, end)`` ranges: a blank
    line parts two decks; an empty list unless the lines above the text are all headline
    lines and every deck holds a title line."""
    body = _first_body(lines)
    if not body:
        return []
    head = lines[:body]
    if any(x.role not in R.HEADLINE_ROLES for x in head):
        return []
    decks = _deck_ranges(head)
    if any(not any(x.role == R.TITLE for x in head[a:b]) for a, b in decks):
        return []
    return decks


def _deck_ranges(head: list[RoleLine], after_dash: bool = False) -> list[tuple[int, int]]:
    """Headline lines parted into decks as ``(start, end)`` ranges: at a blank line, and
    (``after_dash``) at a line right after a ``——`` subtitle that is no subtitle itself."""
    decks: list[tuple[int, int]] = []
    for k, line in enumerate(head):
        dash_ends = (
            after_dash
            and k > 0
            and head[k - 1].text.strip().startswith("—")
            and not line.text.strip().startswith("—")
        )
        if not decks or line.blank_before > 0 or dash_ends:
            decks.append((k, k + 1))
        else:
            decks[-1] = (decks[-1][0], k + 1)
    return decks


def _trailing_deck(lines: list[RoleLine], bylines: bool = False) -> int | None:
    """Where the headline lines after the article's last body line start, when the article
    also has a headline above its text (so the trailing one is surplus). With ``bylines``
    the trailing lines may end in byline lines under that headline."""
    body = _text_at(lines)
    if not body or not _has_headline(lines[: body[0]]):
        return None
    tail = lines[body[-1] + 1 :]
    if bylines:
        while tail and tail[-1].role == R.BYLINE:
            tail = tail[:-1]
    if not tail or any(x.role not in R.HEADLINE_ROLES for x in tail):
        return None
    if not any(x.role == R.TITLE for x in tail):
        return None
    return body[-1] + 1


def _byline_second_lines(lines: list[RoleLine]) -> None:
    """Give the byline role back to a byline's second line read as the text's first."""
    at = _first_body(lines)
    if not at or lines[at - 1].role != R.BYLINE or lines[at].blank_before > 1:
        return
    line = lines[at]
    alone = at + 1 >= len(lines) or lines[at + 1].blank_before > 0
    text = line.text.strip()
    if alone and len(text) <= _BYLINE_LINE_CHARS and L.parse_byline(text) is not None:
        lines[at] = RoleLine(line.text, R.BYLINE, line.blank_before)


def _ends_closed(lines: list[RoleLine]) -> bool:
    text = _text_at(lines)
    return bool(text) and L.is_closed(lines[text[-1]].text.strip())


def _body_han(lines: list[RoleLine]) -> int:
    return sum(L.han_count(x.text) for x in lines if x.role == R.BODY)


def _stray_headline(lines: list[RoleLine]) -> int | None:
    """Where a headline left as the article's last text line stands: one short line, apart
    (a blank line above it), not closed, headline-like, after a closed paragraph."""
    body = _text_at(lines)
    if len(body) < 2 or body[-1] != len(lines) - 1:
        return None
    last, prev = lines[body[-1]], lines[body[-2]]
    text = last.text.strip()
    if last.blank_before == 0 or len(text) > _STRAY_HEAD_CHARS or L.is_closed(text):
        return None
    if not L.is_headline_candidate(text) or not L.is_closed(prev.text.strip()):
        return None
    return body[-1]


def _give_stray_headlines(articles: list[list[RoleLine]]) -> None:
    for k, lines in enumerate(articles):
        if k == 0 or _has_headline(lines):
            continue
        donors = [k - 1]
        if k >= 2 and _body_han(articles[k - 1]) <= _SHORT_ITEM:
            donors.append(k - 2)  # past a photo item printed between head and text
        for j in donors:
            at = _stray_headline(articles[j])
            if at is not None:
                line = articles[j].pop(at)
                lines.insert(0, RoleLine(line.text, R.TITLE, line.blank_before))
                break


def _head_decks(lines: list[RoleLine]) -> list[tuple[int, int]]:
    """The headline decks above the first body line, as ``(start, end)`` ranges: a blank
    line parts two decks, and so does a line right after a ``——`` subtitle that is no
    subtitle itself (``……舒心（总书记来过我们家）`` / ``——回访……丛龙江家`` /
    ``习近平会见老挝总理通伦``); an empty list unless every line above the text is a
    headline line (or a byline under the last deck)."""
    body = _first_body(lines)
    if not body:
        return []
    head = lines[:body]
    while head and head[-1].role == R.BYLINE:
        head = head[:-1]
    if not head or any(x.role not in R.HEADLINE_ROLES for x in head):
        return []
    return _deck_ranges(head, after_dash=True)


def _words(lines: list[RoleLine]) -> set[str]:
    """The content bigrams of ``lines``."""
    return {gram for line in lines for gram in X.content_bigrams(line.text)}


def _bracketed(text: str) -> bool:
    return text[:1] in "（(" and text[-1:] in "）)"


def _topic_change(lines: list[RoleLine], deck: list[RoleLine]) -> int | None:
    """Where the text of an article headed above its text turns to the subject of ``deck``
    (a headline printed below the text, right above the next article's head): the paragraph
    break that best parts the lines sharing the article's own headline words from those
    sharing the deck's, the earliest of equals; ``None`` without clear evidence."""
    text = _text_at(lines)
    if len(text) < 2:
        return None
    own = _words(lines[: text[0]])
    theirs = _words(deck)
    own, theirs = own - theirs, theirs - own
    if not own or not theirs:
        return None
    lean: list[int] = []  # per text line: own words minus the deck's words
    mine: list[int] = []
    for k in text:
        grams = X.content_bigrams(lines[k].text)
        a = sum(g in own for g in grams)
        b = sum(g in theirs for g in grams)
        lean.append(a - b)
        mine.append(b)
    total = sum(lean)
    best: tuple[int, int] | None = None
    before = 0
    for n in range(1, len(text)):
        before += lean[n - 1]
        line, prev = lines[text[n]], lines[text[n - 1]].text.strip()
        if line.role != R.BODY or not (L.is_closed(prev) or _bracketed(prev)):
            continue
        score = before - (total - before)
        if best is None or score > best[0]:
            best = (score, n)
    if best is None:
        return None
    n = best[1]
    right_deck = sum(mine[n:])
    right_own = sum(max(0, x + m) for x, m in zip(lean[n:], mine[n:], strict=True))
    left_own = sum(max(0, x + m) for x, m in zip(lean[:n], mine[:n], strict=True))
    if right_deck < 2 or right_deck <= right_own or left_own < sum(mine[:n]):
        return None
    return text[n]


def _deck_split(here: list[RoleLine], nxt: list[RoleLine]) -> int | None:
    """Where one headline deck above ``nxt``'s text holds the headline of the untitled text
    above it too (``李克强同老挝总理`` / ``通伦举行会谈`` / ``栗战书会见老挝总理通伦``): the
    line the lower part starts at, when the upper lines share words found only in the text
    above and the lower ones words found only in the text below; ``None`` otherwise."""
    decks = _head_decks(nxt)
    if len(decks) != 1 or decks[0][1] - decks[0][0] < 2:
        return None
    above = _words([here[k] for k in _text_at(here)])
    below = _words([nxt[k] for k in _text_at(nxt)])
    only_above, only_below = above - below, below - above
    lean = []
    for line in nxt[decks[0][0] : decks[0][1]]:
        grams = X.content_bigrams(line.text)
        lean.append(sum(g in only_above for g in grams) - sum(g in only_below for g in grams))
    best: tuple[int, int] | None = None
    for cut in range(1, len(lean)):
        upper, lower = lean[:cut], lean[cut:]
        if min(upper) <= 0 or max(lower) >= 0:
            continue
        score = sum(upper) - sum(lower)
        if best is None or score > best[0]:
            best = (score, cut)
    return None if best is None else decks[0][0] + best[1]


def _split_before_next_heads(articles: list[list[RoleLine]], headline_after: list[bool]) -> None:
    """An article headed above its text whose neighbour below holds two headline decks:
    where the text turns to the first deck's subject, that part is an article of its own,
    headed by the deck after its text (``……刘新成等参加。`` / ``让老百姓过上好日子……`` /
    ``住得更暖心 过得更舒心`` / ``习近平会见老挝总理通伦`` / dateline)."""
    for k in range(len(articles) - 2, -1, -1):
        here, nxt = articles[k], articles[k + 1]
        decks = _head_decks(nxt)
        if len(decks) < 2 or headline_after[k]:
            continue
        text = _text_at(here)
        if not text or not _has_headline(here[: text[0]]) or _trailing_deck(here) is not None:
            continue
        a, b = decks[0]
        at = _topic_change(here, nxt[a:b])
        if at is None:
            continue
        moved = here[at:] + nxt[:b]
        del here[at:]
        del nxt[:b]
        if not any(x.role == R.TITLE for x in nxt[: _first_body(nxt)]):
            first = nxt[0]
            nxt[0] = RoleLine(first.text, R.TITLE, max(1, first.blank_before))
        articles.insert(k + 1, moved)
        headline_after.insert(k + 1, True)


def regroup_headlines(parts: PageParts) -> None:
    """Move surplus headline decks to untitled neighbours, in place (see the module text)."""
    articles, headline_after = parts.articles, parts.headline_after
    for lines in articles:
        _byline_second_lines(lines)
    _split_before_next_heads(articles, headline_after)
    if articles:
        cut = _trailing_deck(articles[-1], bylines=True)
        if cut is not None:
            parts.leftovers.extend(x.text for x in articles[-1][cut:])
            del articles[-1][cut:]
    for k in range(len(articles) - 1):
        here, nxt = articles[k], articles[k + 1]
        if not _has_headline(here) and _ends_closed(here):
            decks = _lead_decks(nxt)
            cut = decks[-1][0] if len(decks) >= 2 else _deck_split(here, nxt)
            if cut:
                here.extend(nxt[:cut])
                del nxt[:cut]
                if nxt[0].role != R.TITLE and not any(
                    x.role == R.TITLE for x in nxt[: _first_body(nxt)]
                ):
                    nxt[0] = RoleLine(nxt[0].text, R.TITLE, max(1, nxt[0].blank_before))
                headline_after[k] = True
                continue
        if not _has_headline(nxt):
            decks = _lead_decks(here)
            if len(decks) >= 2 and _body_han(here) <= _SHORT_ITEM:
                cut = decks[0][1]
                moved = here[:cut]
                del here[:cut]
                nxt[:0] = moved
                headline_after[k + 1] = False
                continue
        trailing = _trailing_deck(here)
        if trailing is not None and _lead_decks(nxt):
            moved = here[trailing:]  # never empty: a trailing deck holds a title line
            del here[trailing:]
            # the moved deck and the next article's own deck stay two decks
            moved[0] = RoleLine(moved[0].text, moved[0].role, max(1, moved[0].blank_before))
            nxt[0] = RoleLine(nxt[0].text, nxt[0].role, max(1, nxt[0].blank_before))
            nxt[:0] = moved
    _give_stray_headlines(articles)
