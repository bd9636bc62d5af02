"""The shipped page model: CRF weights over line features, decoded with the zone rules.

``python -m store.parse.layout.train`` trains a linear-chain CRF with python-crfsuite and exports
its weights here (``layout_model.npz``). Decoding is our own Viterbi
(``store.viterbi.batch_viterbi``) over the same scores, with the transitions that break
the zone rules of ``store.parse.layout.labels`` forbidden: an article whose headline is still to
come cannot end before it, a headline waiting for its text cannot be followed by text of
an article already open, a line opening with a dateline cannot continue an article. A
plain CRF only learns these as soft preferences; on long
articles it forgets them.

The decoder's states also remember, through the byline and caption lines of a head, that
a headline stands above (``LayoutModel._headed_chain``): a first-order chain could not see
that ``Tp Yp Bn`` opens a text awaiting its headline right under its own title.

Small passes (``mend_*``, run in order by ``label_lines``) then mend what the labels get
wrong where a convention is certain: a headline block is not cut by a line read as text,
a ``核心阅读`` box holds the paragraph below its head, a bracket closed on the next line
keeps its credit whole, a reporters' line under a title is its byline, a title with its
byline or ``——`` subtitle between blanks inside a text opens the next article, a line
under a full line of text cut mid-sentence is text, and so on: each says in its docstring
which convention it reads.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from functools import cache
from pathlib import Path

import numpy as np

from store.parse import lines as L
from store.parse.layout import heads as H
from store.parse.layout import labels as LB
from store.parse.layout import lexical as X
from store.parse.layout.features import PageStats, line_features
from store.parse.layout.fields import dateline_credit, parse_people
from store.viterbi import batch_viterbi

MODEL_PATH = Path(__file__).with_name("layout_model.npz")
FORBIDDEN = -1.0e4
_WS = re.compile(r"\s+")
_lock = threading.Lock()


def allowed(prev: str, nxt: str) -> bool:
    """May a line labelled ``nxt`` follow one labelled ``prev``? (``""``: the page start)"""
    if nxt in (LB.PAGE_LABEL, LB.LEFTOVER_LABEL) or prev in (LB.PAGE_LABEL, LB.LEFTOVER_LABEL):
        return True
    zone_next = LB.zone_of(nxt)
    opening = LB.opens_article(nxt) or zone_next in LB.HEAD_ZONES
    if prev == "":
        return opening
    zone_prev = LB.zone_of(prev)
    if zone_prev in LB.HEAD_ZONES:
        return opening
    if zone_prev == "h":
        return opening or zone_next == "h"
    if zone_prev == "n":
        return (zone_next in ("n", "a")) and not LB.opens_article(nxt)
    # zone_prev == "a": the headline after the text; the article is complete
    return opening or zone_next == "a"


class LayoutModel:
    """Weights of the line CRF: attribute rows, transitions, labels."""

    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.labels: list[str] = [str(x) for x in arrays["labels"]]
        attrs = [str(x) for x in arrays["attrs"]]
        self.rows = {attr: k for k, attr in enumerate(attrs)}
        weights = arrays["weights"].astype(np.float32)
        # the last row, all zeros, stands for an attribute the model never saw
        self.weights = np.vstack([weights, np.zeros((1, weights.shape[1]), np.float32)])
        self.unknown = len(weights)
        transitions = arrays["transitions"].astype(np.float32)
        for i, prev in enumerate(self.labels):
            for j, nxt in enumerate(self.labels):
                if not allowed(prev, nxt):
                    transitions[i, j] = FORBIDDEN
        self.transitions = transitions
        self.continuing = [k for k, x in enumerate(self.labels) if x[:1] in ("I", "H")]
        # labels of a line inside an article already open (body, credit, caption ... after
        # its first body line)
        self.inside = [
            k
            for k, x in enumerate(self.labels)
            if LB.zone_of(x) and LB.zone_of(x) not in LB.HEAD_ZONES and not LB.opens_article(x)
        ]
        self.inside_labels = frozenset(self.labels[k] for k in self.inside)
        self.heading = [k for k, x in enumerate(self.labels) if x[:1] in ("K", "T", "S", "H")]
        self.start = np.array(
            [0.0 if allowed("", x) else FORBIDDEN for x in self.labels], dtype=np.float32
        )
        self._headed_chain()

    def _headed_chain(self) -> None:
        """States that remember a headline above: a first-order chain cannot see that a
        title stood two lines up (``Tp Yp Bn``: a byline between), so the byline, caption
        and the like of a head run get a second copy, entered only from a headline or
        another copy, and no copy may go on to a text whose headline is still to come."""
        labels = self.labels
        size = len(labels)
        heads = [k for k, x in enumerate(labels) if LB.zone_of(x) == "p" and LB.is_headline(x)]
        carried = [
            k for k, x in enumerate(labels) if LB.zone_of(x) == "p" and not LB.is_headline(x)
        ]
        awaiting = [k for k, x in enumerate(labels) if LB.opens_article(x) and LB.zone_of(x) == "n"]
        self.state_label = list(range(size)) + carried  # extended state → label index
        flagged = heads + list(range(size, size + len(carried)))
        t = self.transitions
        ext = np.full((size + len(carried),) * 2, FORBIDDEN, dtype=np.float32)
        ext[:size, :size] = t
        for c, k in enumerate(carried, start=size):
            ext[c, :size] = t[k]  # a copy goes on as its label does ...
        for f in flagged:
            for c, k in enumerate(carried, start=size):
                ext[f, c] = t[self.state_label[f], k]  # ... and is entered from a headline
                ext[f, k] = FORBIDDEN
            ext[f, awaiting] = FORBIDDEN
        self.carried = carried
        self.extended = ext
        self.extended_start = np.concatenate(
            [self.start, np.full(len(carried), FORBIDDEN, dtype=np.float32)]
        )

    def _decode(self, scores: np.ndarray) -> list[str]:
        """The best label sequence of a page's ``scores`` under the transition rules."""
        ext = np.concatenate([scores, scores[:, self.carried]], axis=1)
        ext[0] += self.extended_start
        states = batch_viterbi(ext, [len(scores)], self.extended)
        return [self.labels[self.state_label[int(k)]] for k in states]

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> LayoutModel:
        """Read the exported weights."""
        with np.load(path, allow_pickle=False) as data:
            return cls({key: data[key] for key in data.files})

    def scores(self, items: list[list[str]]) -> np.ndarray:
        """Label scores per line: the sum of its known attributes' weights."""
        get = self.rows.get
        unknown = self.unknown
        flat: list[int] = []
        starts: list[int] = []
        for attrs in items:
            starts.append(len(flat))
            flat.extend([get(a, unknown) for a in attrs])
        flat.append(unknown)  # every item then has at least one row, even an empty one
        gathered = self.weights.take(np.asarray(flat, dtype=np.int64), axis=0)
        return np.add.reduceat(gathered, np.asarray(starts, dtype=np.int64), axis=0)[: len(items)]

    def tag(
        self,
        items: list[list[str]],
        prose: list[int] | None = None,
        no_heading: list[int] | None = None,
        no_text: list[int] | None = None,
        before_only: bool = False,
    ) -> list[str]:
        """The best label sequence under the zone rules; the lines ``prose`` (indexes into
        ``items``) are too long for any headline or sub-heading, and the lines ``no_heading``
        are no headline or sub-heading either (a reporters' byline), nor the lines ``no_text``
        a line of an article's text; ``before_only``: every headline stands above its text."""
        if not items:
            return []
        scores = self.scores(items)
        # a line opening with a dateline opens an article: it never continues one, nor
        # closes one (a closing dateline is a bracketed line of its own: ``closing``)
        dated = [k for k, attrs in enumerate(items) if "dateline" in attrs]
        if dated:
            scores[np.ix_(dated, self.continuing)] = FORBIDDEN
        opening = [k for k in dated if "closing" not in items[k]]
        if opening:
            scores[np.ix_(opening, self.inside)] = FORBIDDEN
        barred = sorted(set(prose or ()) | set(no_heading or ()))
        if barred:
            scores[np.ix_(barred, self.heading)] = FORBIDDEN
        if no_text:
            scores[np.ix_(no_text, self.continuing)] = FORBIDDEN
        if before_only:
            after = [k for k, x in enumerate(self.labels) if LB.zone_of(x) in ("n", "a")]
            scores[:, after] = FORBIDDEN
        best = self._decode(scores)
        # the page's first text continues no article above it (the page label lets the
        # chain start anywhere): it opens one (once a line is barred, the first may move on)
        for _ in range(4):
            first = next((k for k, x in enumerate(best) if LB.zone_of(x)), None)
            if first is None or best[first] not in self.inside_labels:
                break
            scores[first, self.inside] = FORBIDDEN
            best = self._decode(scores)
        return best


@cache
def _model() -> LayoutModel:
    with _lock:
        return LayoutModel.load()


HEADLINE_MAX = 80  # characters: no headline or sub-heading line runs longer


def _too_long_for_a_headline(text: str) -> bool:
    return len(text) > HEADLINE_MAX and len(_WS.sub("", text)) > HEADLINE_MAX


_SENTENCE_MARK = re.compile(r"[。！？；!?;]")
_CLAUSE_MARK = re.compile(r"[。！？；!?;，,、：:]")


def _not_full(text: str, width: int) -> bool:
    """Not a full line of wrapped text: shorter or longer than the column (any length on
    an unwrapped page)."""
    size = len(_WS.sub("", text))
    return not width or size < width - 1 or size > width + 1


def mend_headline_blocks(
    texts: list[str], index: list[int], labels: list[str], width: int
) -> list[str]:
    """Keep a headline block whole where the model read one of its lines as text.

    A headline block is a run of short lines with no blank line between them. A line the
    model reads as body cannot sit inside one: a line with no sentence mark right below a
    headline line (``青岛国家高新区专委会暨重点`` / ``功能区高质量发展现场推进会召开``),
    or a short line with no punctuation at all opening a paragraph right above one
    (``2022海内外侨商项目洽谈`` / ``推介签约活动在青岛举行``) takes that headline line's
    role. Wrapped body lines run to the full width, so a line shorter or longer than the
    column is never wrapped text.
    Labels change only where the zone rules still allow the sequence.
    """
    out = list(labels)
    count = len(out)

    def joined(k: int, j: int) -> bool:  # no blank line between lines k and j = k + 1
        return index[j] == index[k] + 1

    def fits(k: int, label: str) -> bool:
        prev = out[k - 1] if k else ""
        nxt = out[k + 1] if k + 1 < count else None
        return allowed(prev, label) and (nxt is None or allowed(label, nxt))

    for k in range(1, count):  # below a headline line
        above, label = out[k - 1], out[k]
        if (
            label[:1] == "I"
            and LB.is_headline(above)
            and LB.zone_of(above) in ("a", "p", "w")
            and joined(k - 1, k)
            and not _SENTENCE_MARK.search(texts[index[k]])
            and _not_full(texts[index[k]], width)
            and fits(k, above)
        ):
            out[k] = above
    for k in range(count - 2, -1, -1):  # above a headline line, opening a paragraph
        below, label = out[k + 1], out[k]
        opens = k == 0 or not joined(k - 1, k) or _SENTENCE_MARK.search(texts[index[k - 1]])
        if (
            label[:1] == "I"
            and LB.is_headline(below)
            and LB.zone_of(below) in ("a", "p", "w")
            and opens
            and joined(k, k + 1)
            and not _CLAUSE_MARK.search(texts[index[k]])
            and _not_full(texts[index[k]], width)
            and fits(k, below)
        ):
            out[k] = below
    return out


def mend_wrapped_subheadings(texts: list[str], index: list[int], labels: list[str]) -> list[str]:
    """A sub-heading wrapped over two lines whose first line the model read as text: a line
    opening a paragraph, with no sentence mark, right above a line read as a sub-heading
    that ends the paragraph, is that sub-heading's first line."""
    out = list(labels)
    count = len(out)
    for k in range(count - 1):
        zone = LB.zone_of(out[k])
        if out[k] not in ("Ih", "In") or out[k + 1] != "H" + zone:
            continue
        if index[k + 1] != index[k] + 1 or _SENTENCE_MARK.search(texts[index[k]]):
            continue
        opens = k == 0 or index[k - 1] + 1 < index[k] or _INDENTED.match(texts[index[k]])
        ends = k + 2 >= count or index[k + 2] > index[k + 1] + 1
        ends = ends or bool(_INDENTED.match(texts[index[k + 2]]))
        if opens and ends and (k == 0 or L.is_closed(_WS.sub("", texts[index[k - 1]]))):
            out[k] = out[k + 1]
    return out


def mend_wrapped_text_lines(
    texts: list[str], index: list[int], labels: list[str], width: int
) -> list[str]:
    """A line right under a full line of text that ends in mid-sentence continues that
    paragraph: where the model read it (and the short lines set with it) as a headline,
    it is text."""
    out = list(labels)
    count = len(out)
    for k in range(1, count):
        above = out[k - 1]
        if not (LB.is_headline(out[k]) and above[:1] in "BI" and LB.zone_of(above) in "hn"):
            continue
        prev = texts[index[k - 1]]
        if index[k] != index[k - 1] + 1 or _not_full(prev, width):
            continue
        if L.is_closed(_WS.sub("", prev)) or not _CLAUSE_MARK.search(prev):
            continue
        end = k
        while end < count and LB.is_headline(out[end]) and index[end] == index[k] + end - k:
            end += 1
        new = [*out[:k], *["I" + LB.zone_of(above)] * (end - k), *out[end:]]
        if all(allowed(x, y) for x, y in itertools.pairwise(new[k - 1 : end + 1])):
            out = new
    return out


# the heads of a summary box printed between a headline and its text
_BOX_HEAD = re.compile(r"^(?:核心阅读|阅读提示|内容提要|导读)[：:]?$")
_CLOSED_END = re.compile(r"[。！？!?…][”’」』）)]?$")
_INDENTED = re.compile(r"^(?:\u3000|[ \u00a0]{2,}|\t)")


def mend_summary_boxes(
    texts: list[str], index: list[int], labels: list[str], width: int, gap: int = 0
) -> list[str]:
    """A ``核心阅读`` box holds the one paragraph below its head; the article's text opens
    after it.

    The model finds the head but often stops the box too early or not at all. From the
    head to the end of the first paragraph below it (a line closing a sentence, then a blank
    line or an indented line; a short line too where no blank lines part the paragraphs,
    ``gap`` 0; or the line before a dateline) every line is the box, and the line after it opens
    the article — where the model opened it inside that paragraph. Where the model ran the
    box over more than one paragraph, or the text opens with a dateline, it is left alone.
    """
    out = list(labels)
    count = len(out)
    for k in range(count):
        zone = LB.zone_of(out[k])
        if zone not in LB.HEAD_ZONES or not _BOX_HEAD.match(_WS.sub("", texts[index[k]])):
            continue
        end = k + 1
        while end < count:
            text = texts[index[end]].strip()
            after = end + 1
            if after < count and L.match_dateline(texts[index[after]].strip()):
                break  # the text opens with its dateline
            if _CLOSED_END.search(text) and (
                after >= count
                or index[after] > index[end] + 1
                or _INDENTED.match(texts[index[after]])
                or (not gap and width and len(_WS.sub("", text)) < width - 1)
            ):
                break
            end += 1
        opening = end + 1
        if opening >= count or L.match_dateline(texts[index[k + 1]].strip()):
            continue
        opened = [j for j in range(k + 1, opening + 1) if LB.opens_article(out[j])]
        if not opened or any(
            LB.zone_of(out[j]) != "" and out[j][:1] not in "MIBH" for j in range(k + 1, opening)
        ):
            continue
        box = "M" + zone
        body_zone = LB.zone_of(out[opened[0]])
        if box not in _model().labels or not allowed(box, "B" + body_zone):
            continue
        for j in range(k, opening):
            out[j] = box
        out[opening] = "B" + body_zone
    return out


def mend_headline_runs(index: list[int], labels: list[str]) -> list[str]:
    """Lines of one headline block set with no blank line between them belong to one
    article: where the model gave the run two zones (ending the article above and opening
    the one below, ``国防部征兵办`` / ``面向普通高校毕业生`` / ``直招士官``), the run takes
    the zone most of its lines have — for a head waiting for its text (``p`` or ``w``), the
    zone of its last line, the one next to what follows. A tie is left alone."""
    out = list(labels)
    count = len(out)
    k = 0
    while k < count:
        end = k
        if LB.is_headline(out[k]):
            while (
                end + 1 < count
                and LB.is_headline(out[end + 1])
                and index[end + 1] == index[end] + 1
            ):
                end += 1
        zones = [LB.zone_of(out[j]) for j in range(k, end + 1)]
        if end > k and len(set(zones)) > 1 and set(zones) <= {"a", "p", "w"}:
            after = zones.count("a")
            if after * 2 > len(zones):
                zone = "a"
            elif after * 2 < len(zones):
                zone = zones[-1] if zones[-1] != "a" else "p"
            else:
                zone = ""  # a tie
            run = [x[0] + zone for x in out[k : end + 1]] if zone else []
            around = [out[k - 1] if k else "", *run, *out[end + 1 : end + 2]]
            if run and all(allowed(a, b) for a, b in itertools.pairwise(around)):
                out[k : end + 1] = run
        k = end + 1
    return out


def mend_second_headlines(labels: list[str]) -> list[str]:
    """An article has one headline. Where the model gave an article a headline above its
    text (``Tp`` … ``Bn``) *and* one after it (``Ta``), while the next article's text has
    none above it, the second headline is the next article's: its text and the lines
    after its headline move to the ``h`` zone, the second headline to the ``p`` zone."""
    out = list(labels)
    count = len(out)
    for b in range(count):
        if out[b] != "Bn":
            continue
        k = b - 1
        while k >= 0 and LB.zone_of(out[k]) == "p" and not LB.is_headline(out[k]):
            k -= 1
        if k < 0 or LB.zone_of(out[k]) != "p" or not LB.is_headline(out[k]):
            continue  # no headline above this text
        end = b + 1
        while end < count and LB.zone_of(out[end]) == "n":
            end += 1
        after = end
        while after < count and LB.zone_of(out[after]) == "a":
            after += 1
        if after == end or not any(LB.is_headline(x) for x in out[end:after]):
            continue
        nxt = after
        while nxt < count and LB.zone_of(out[nxt]) == "p" and not LB.is_headline(out[nxt]):
            nxt += 1
        if nxt >= count or out[nxt] != "Bh":
            continue  # the next text has a headline of its own, or there is none
        out[b] = "Bh"
        out[b + 1 : end] = [x[0] + "h" for x in out[b + 1 : end]]
        out[end:after] = [x[0] + "p" for x in out[end:after]]
    return out


def _headless(labels: list[str], b: int) -> bool:
    """No headline stands above the text opening at ``b`` (past its byline, caption...)."""
    k = b - 1
    while k >= 0 and LB.zone_of(labels[k]) in LB.HEAD_ZONES and not LB.is_headline(labels[k]):
        k -= 1
    return not (k >= 0 and LB.zone_of(labels[k]) in LB.HEAD_ZONES)


def mend_after_layout_runs(index: list[int], labels: list[str]) -> list[str]:
    """On a page that opens with text headed after it, an article the
    model read as headed above (``Bh``) with no headline above it, right after an article
    headed after its text (``Bn`` … ``Ta``), is headed after its text too: the headline
    printed below it is its own (not the next text's, which would leave it with none)."""
    out = list(labels)
    opens = [k for k, x in enumerate(out) if LB.opens_article(x)]
    if not opens or out[opens[0]] != "Bn":
        return out  # the page opens with a headline above its first text
    for j in range(1, len(opens)):
        b = opens[j]
        nxt = opens[j + 1] if j + 1 < len(opens) else len(out)
        if out[b] != "Bh" or out[opens[j - 1]] != "Bn" or not _headless(out, b):
            continue
        k = b - 1  # past its byline, caption...: below the text above
        while k >= 0 and LB.zone_of(out[k]) in LB.HEAD_ZONES:
            k -= 1
        heads = []
        while k >= 0 and LB.zone_of(out[k]) == "a":
            if LB.is_headline(out[k]):
                heads.append(index[k])
            k -= 1
        if any(lower - upper > 1 for lower, upper in itertools.pairwise(heads)):
            continue  # two headlines apart below the text above: the second may be this one's
        start = nxt
        while start - 1 > b and LB.zone_of(out[start - 1]) in LB.HEAD_ZONES:
            start -= 1
        if any(LB.zone_of(out[m]) not in ("h", "") for m in range(b + 1, start)):
            continue
        first = next((m for m in range(start, nxt) if LB.is_headline(out[m])), None)
        if first is None:
            continue
        end = first + 1  # the headline block: its lines set together
        while end < nxt and LB.is_headline(out[end]) and index[end] == index[end - 1] + 1:
            end += 1
        out = _headed_after(out, b, first, end) or out
    return out


def _headed_after(labels: list[str], b: int, first: int, end: int) -> list[str] | None:
    """``labels`` with the text opening at ``b`` read as headed after it by the headline
    lines ``first..end - 1`` (its lines in between awaiting it); ``None`` where the zone
    rules forbid that reading."""
    new = list(labels)
    new[b] = "Bn"
    for m in range(b + 1, first):
        if LB.zone_of(new[m]):
            new[m] = new[m][0] + "n"
    for m in range(first, end):
        new[m] = new[m][0] + "a"
    span = new[max(0, b - 1) : end + 1]
    return new if all(allowed(x, y) for x, y in itertools.pairwise(span)) else None


def mend_headless_texts_over_waiting_heads(labels: list[str]) -> list[str]:
    """A text with no headline above it, followed by a headline the model read as waiting
    for a text further down (``Tw``) and then by the next article's own headline: the
    waiting headline is the headless text's, printed after it."""
    out = list(labels)
    opens = [k for k, x in enumerate(out) if LB.opens_article(x)] + [len(out)]
    for b, nxt in itertools.pairwise(opens):
        if out[b] != "Bh" or not _headless(out, b):
            continue
        start = next((m for m in range(b + 1, nxt) if LB.zone_of(out[m]) == "w"), None)
        if start is None or not LB.is_headline(out[start]):
            continue
        end = start
        while end < nxt and LB.zone_of(out[end]) == "w" and LB.is_headline(out[end]):
            end += 1
        rest = out[end:nxt]
        if not any(LB.zone_of(x) == "p" and LB.is_headline(x) for x in rest):
            continue
        if any(LB.zone_of(x) != "p" for x in rest) or any(
            LB.zone_of(out[m]) not in ("h", "") for m in range(b + 1, start)
        ):
            continue
        out = _headed_after(out, b, start, end) or out
    return out


_OPEN, _CLOSE = "（(【", "）)】"


def _open_brackets(text: str) -> int:
    depth = 0
    for ch in text:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
    return depth


_CLOSING_LINES = 3  # lines a wrapped closing dateline may run over


def _closing_dateline(text: str) -> bool:
    """``（新华社北京1月6日电 记者王念、黄浩铭）``: a bracketed dateline, names at most (read
    as the article's fields will read it)."""
    compact = text.strip()
    if compact[:1] not in "（(" or compact[-1:] not in "）)" or len(compact) > 80:
        return False
    return dateline_credit(compact[1:-1].strip()) is not None


def mend_wrapped_closing_datelines(
    texts: list[str], index: list[int], labels: list[str]
) -> list[str]:
    """A closing dateline wrapped over up to three lines (``（新华社北京1月6日电`` /
    ``记者王念、黄浩铭、谢樱、段`` / ``续）``) closes the article above it: its lines are
    no opening of the next article nor its headline."""
    out = list(labels)
    k = 1
    while k < len(out):
        prev = out[k - 1]
        text = texts[index[k]].strip()
        if prev[:1] not in ("I", "B") or text[:1] not in _OPEN or not _open_brackets(text):
            k += 1
            continue
        end = None
        for j in range(k + 1, min(k + _CLOSING_LINES, len(out))):
            if index[j] != index[j - 1] + 1:
                break
            if not _open_brackets(" ".join(texts[index[i]] for i in range(k, j + 1))):
                end = j
                break
        joined = "".join(texts[index[i]].strip() for i in range(k, end + 1)) if end else ""
        label = "D" + prev[1:]
        after = out[end + 1] if end is not None and end + 1 < len(out) else None
        if (
            end is not None
            and label in _model().labels
            and _closing_dateline(joined)
            and (after is None or allowed(label, after))
        ):
            out[k : end + 1] = [label] * (end + 1 - k)
            k = end + 1
        else:
            k += 1
    return out


def mend_byline_openings(texts: list[str], index: list[int], labels: list[str]) -> list[str]:
    """A reporters' byline right under a title, read as the first line of the text, is
    the article's byline; the text begins on the line after it (where the article opens
    does not move). A bracketed or wrapped dateline credit (``本报讯（记者 X``) stays text."""
    out = list(labels)
    for k in range(1, len(out) - 1):
        if out[k][:1] != "B" or out[k + 1][:1] != "I" or out[k - 1][:1] not in ("T", "S"):
            continue
        text = texts[index[k]]
        if re.search(r"[（()）]", text) or not _reporters_byline(text):
            continue
        byline, first = "Yp", "B" + out[k][1:]
        after = out[k + 2] if k + 2 < len(out) else None
        fits = allowed(out[k - 1], byline) and allowed(byline, first)
        if fits and (after is None or allowed(first, after)):
            out[k], out[k + 1] = byline, first
    return out


def mend_open_brackets(texts: list[str], index: list[int], labels: list[str]) -> list[str]:
    """A bracket opened on one line and closed on the next holds one unit: a wrapped credit
    ``（本报记者贺林平、王昊男、游仪、`` / ``潘俊强、王沛）`` is one credit, its second line no
    headline of the next article. The closing line takes the opening line's label."""
    out = list(labels)
    for k in range(len(out) - 1):
        if out[k + 1] == out[k] or index[k + 1] != index[k] + 1:
            continue
        if out[k] in (LB.PAGE_LABEL, LB.LEFTOVER_LABEL) or LB.opens_article(out[k]):
            continue
        nxt = texts[index[k + 1]].strip()
        if _open_brackets(texts[index[k]]) != 1 or nxt[:1] in _OPEN:
            continue
        if not any(ch in _CLOSE for ch in nxt) or _open_brackets(nxt) or len(nxt) > 40:
            continue
        after = out[k + 2] if k + 2 < len(out) else None
        if allowed(out[k], out[k]) and (after is None or allowed(out[k], after)):
            out[k + 1] = out[k]
    return out


# a headline that is a quotation, its own closing mark the line's last (“拉紧日中友好的纽带”)
_QUOTED_HEADLINE = re.compile(r"“[^“”。！？!?]+”")


def _headline_shaped(text: str, width: int) -> bool:
    """A line that can only be a headline where it stands: headline-like, not indented as a
    paragraph, no sentence mark, never longer than the column — and, as long as a full
    line of text, no clause mark either."""
    compact = _WS.sub("", text)
    return (
        L.is_headline_candidate(text)
        and not _INDENTED.match(text)
        and (not L.is_closed(compact) or _QUOTED_HEADLINE.fullmatch(compact) is not None)
        and not _SENTENCE_MARK.search(compact)
        and (not width or len(compact) <= width)
        and (_not_full(text, width) or not _CLAUSE_MARK.search(compact))
    )


def mend_dateline_openings(
    texts: list[str], index: list[int], labels: list[str], width: int
) -> list[str]:
    """A dateline opens an article (``本报天津5月11日电……``): where the model read one as
    text inside an article headed above its text, with a headline-shaped line (or two, set
    together) right above it after a closed sentence, those lines are the next article's
    title and the dateline its first line."""
    out = list(labels)
    for k in range(2, len(out)):
        if out[k] not in ("Ih", "Hh") or not L.match_dateline(texts[index[k]].strip()):
            continue
        top = k - 1
        while (
            top > 0
            and k - top < 2
            and out[top - 1] in ("Ih", "Hh")
            and index[top] == index[top - 1] + 1
            and _headline_shaped(texts[index[top - 1]], width)
            and not L.is_closed(texts[index[top - 1]].strip())
        ):
            top -= 1
        head = range(top, k)
        if not all(
            out[j] in ("Ih", "Hh") and _headline_shaped(texts[index[j]], width) for j in head
        ):
            continue
        if top == 0 or out[top - 1][:1] not in ("I", "B", "D", "R", "Y", "C"):
            continue
        if not L.is_closed(texts[index[top - 1]].strip()) and out[top - 1][:1] == "I":
            continue
        for j in head:
            out[j] = "Tp"
        out[k] = "Bh"
    return out


def mend_page_gaps(
    texts: list[str], index: list[int], labels: list[str], gap: int, width: int
) -> list[str]:
    """Where a page parts its articles by a wider gap than its paragraphs, a headline-shaped
    line after such a gap inside an article opens the next one.

    A page keeps one convention: two blank lines before each article, one (or none) between
    paragraphs. When the wider gaps the model placed stand at the openings of articles at
    least twice as often as inside one (and at two openings at least), a text or sub-heading
    line after such a gap, following a closed sentence, shaped like a headline and followed
    by the first line of a paragraph, is the title of a new article (``……伟大复兴的强大力量。``
    / blank / blank / ``“厕所革命”是一项系统工程`` / ``　　厕所问题不是小事情……``). Only inside
    an article headed above its text (zone ``h``), where the change keeps the zone rules.
    """
    out = list(labels)
    count = len(out)
    before = [index[k] - index[k - 1] - 1 if k else 0 for k in range(count)]
    wide = [k for k in range(1, count) if before[k] > gap]
    opening = sum(LB.zone_of(out[k]) in LB.HEAD_ZONES or LB.opens_article(out[k]) for k in wide)
    inside = [k for k in wide if out[k] in ("Ih", "Hh")]
    if opening < 2 or opening < 2 * len(inside):
        return out
    for k in inside:
        text, prev = texts[index[k]], texts[index[k - 1]].strip()
        if k + 1 >= count or out[k + 1] not in ("Ih", "Hh") or before[k + 1] > gap:
            continue
        if not L.is_closed(prev) and out[k - 1][:1] not in ("D", "R"):
            continue
        if not _headline_shaped(text, width):
            continue
        nxt = texts[index[k + 1]]
        if _headline_shaped(nxt, 0) and not _INDENTED.match(nxt) and _not_full(nxt, width):
            continue  # two short lines: a two-line sub-heading, or no text after it
        out[k], out[k + 1] = "Tp", "Bh"
    return out


def paragraph_gap(texts: list[str], width: int) -> int | None:
    """The usual number of blank lines at a paragraph break (a line after one closing a
    sentence short of the column); ``None`` with fewer than three breaks to go by."""
    blanks_at: list[int] = []
    blanks = 0
    prev = ""
    for text in texts:
        line = _WS.sub("", text)
        if not line:
            blanks += 1
            continue
        if prev and L.is_closed(prev) and (not width or len(prev) < width - 1):
            blanks_at.append(blanks)
        prev, blanks = line, 0
    if len(blanks_at) < 3:
        return None
    return Counter(blanks_at).most_common(1)[0][0]


def _blanks_only_at_heads(texts: list[str], index: list[int], labels: list[str]) -> bool:
    """Does every blank line of the page stand next to a headline or headline-shaped line
    (no blank parts two lines of text)?"""
    for k in range(1, len(index)):
        if index[k] == index[k - 1] + 1:
            continue
        if not any(
            labels[m][:1] in "KTSHPYC" or _headline_shaped(texts[index[m]], 0) for m in (k - 1, k)
        ):
            return False
    return True


def mend_run_on_page_titles(
    texts: list[str], index: list[int], labels: list[str], width: int
) -> list[str]:
    """On a page whose paragraphs follow each other with no blank line and whose blank
    lines part articles (two titles at least stand apart by blanks, or open the page, each
    above its text), a headline-shaped line between blanks inside an article, after a
    closed sentence and above a paragraph on another subject (cohesion below
    ``SECTION_COHESION``), is the next article's title, not a sub-heading."""
    out = list(labels)
    count = len(out)
    if count < 4 or paragraph_gap(texts, width) != 0:
        return out
    before = [index[k] - index[k - 1] - 1 if k else 0 for k in range(count)]
    apart = [
        k
        for k in range(count - 1)
        if out[k] == "Tp" and out[k + 1] == "Bh" and (before[k] or not k) and before[k + 1]
    ]
    if not apart or (len(apart) < 2 and not _blanks_only_at_heads(texts, index, out)):
        return out
    grams: list[list[str]] | None = None
    heading = [label[:1] in "KTSH" for label in out]
    for k in range(1, count - 1):
        if out[k] not in ("Hh", "Ih") or out[k + 1] != "Ih" or not before[k] or not before[k + 1]:
            continue
        prev = _WS.sub("", texts[index[k - 1]])
        if not (L.is_closed(prev) or out[k - 1][:1] in ("D", "R")):
            continue
        if not _headline_shaped(texts[index[k]], 0):  # a headline may run past the column
            continue
        if grams is None:
            grams = [X.content_bigrams(texts[i]) for i in index]
        cohesion = X.cohesion(grams, k + 1, [*heading[:k], True, *heading[k + 1 :]])
        if cohesion is not None and cohesion < SECTION_COHESION:
            out[k], out[k + 1] = "Tp", "Bh"
    return out


def mend_broken_decks(texts: list[str], index: list[int], labels: list[str]) -> list[str]:
    """Two headline lines with no blank between, the first read as the headline after a
    text and the second as opening the next article's head, which the deck model reads as
    one deck broken in two (``李克强同老挝总理`` / ``通伦举行会谈``): the second line stays
    with the headline above it when the next head has lines of its own below."""
    out = list(labels)
    count = len(out)
    for k in range(count - 1):
        upper, lower = out[k], out[k + 1]
        if index[k + 1] != index[k] + 1 or not (LB.is_headline(upper) and LB.is_headline(lower)):
            continue
        if LB.zone_of(upper) + LB.zone_of(lower) != "ap":
            continue
        if H.parts_decks(texts[index[k]], texts[index[k + 1]]):
            continue
        rest = itertools.takewhile(lambda x: LB.zone_of(x) == "p", out[k + 2 :])
        if any(LB.is_headline(x) for x in rest):
            out[k + 1] = upper
    return out


def mend_nameless_bylines(texts: list[str], index: list[int], labels: list[str]) -> list[str]:
    """A line read as the byline under a headline line that names nobody (``热闹邻里节
    满满“烟火气”`` under a column name) is a headline line itself."""
    out = list(labels)
    for k in range(1, len(out)):
        if out[k] != "Yp" or not LB.is_headline(out[k - 1]) or LB.zone_of(out[k - 1]) != "p":
            continue
        text = texts[index[k]]
        if len(_WS.sub("", text)) >= 6 and parse_people(text) is None:
            out[k] = "Tp"
    return out


_DASH_DECK = re.compile(r"^(?:——|--|—)\S")


def _deck_below(text: str) -> str:
    """What a line right under a headline-shaped line makes of it: ``Y`` for a reporters'
    byline, ``S`` for a ``——`` subtitle, ``""`` for neither."""
    if _reporters_byline(text):
        return "Y"
    compact = _WS.sub("", text)
    if _DASH_DECK.match(compact) and len(compact) <= 40 and "。" not in compact:
        return "S"
    return ""


def mend_heads_over_bylines(texts: list[str], index: list[int], labels: list[str]) -> list[str]:
    """A headline-shaped line standing after a blank line, with a reporters' byline or a
    ``——`` subtitle right under it and a blank line below that, inside a text headed above:
    the next article's title and byline (or subtitle), not a sub-heading of the text (a
    roundup's section heads are indented as its paragraphs, or set without the blank lines
    of an article's head)."""
    out = list(labels)
    count = len(out)
    before = [index[k] - index[k - 1] - 1 if k else 0 for k in range(count)]
    for k in range(1, count - 2):
        j = k + 1  # the byline or subtitle
        if out[k] not in ("Hh", "Ih") or out[j][1:] != "h":
            continue
        if out[j + 1] not in ("Ih", "Hh", "Bh"):
            continue
        if not before[k] or before[j] or not before[j + 1]:
            continue
        if not (L.is_closed(_WS.sub("", texts[index[k - 1]])) or out[k - 1][:1] in "DRY"):
            continue
        deck = _deck_below(texts[index[j]])
        if deck and _headline_shaped(texts[index[k]], 0):
            out[k], out[j], out[j + 1] = "Tp", deck + "p", "Bh"
    return out


def _reporters_byline(text: str) -> bool:
    """A whole line naming reporters (``本报记者 张三``, ``南方日报记者 李四 通讯员 王五``),
    not a credit for a compiled text (``…整理``) nor a column like ``■记者手记``."""
    if _WS.sub("", text).endswith("整理"):
        return False
    byline = L.parse_byline(text)
    return (
        byline is not None
        and "记者" in byline.decoration
        and bool(byline.names)
        and all(L.looks_like_name(name) for name in byline.names)
    )


SECTION_COHESION = 0.02  # below it, the texts around a sub-heading are two articles'


def bylines_read_as_headings(texts: list[str], index: list[int], labels: list[str]) -> list[int]:
    """Reporters' bylines the model read as headline lines (indexes into ``index``): always
    when it made one a title, kicker or subtitle; when it made one a sub-heading, only where
    the texts before and after the heading share little vocabulary. A roundup of reports
    heads each section with a sub-heading and its reporters (one topic on both sides); the
    same two lines between two unrelated texts are the next article's title and byline."""
    found = [
        k
        for k, (i, label) in enumerate(zip(index, labels, strict=True))
        if label[:1] in "KTSH" and _reporters_byline(texts[i])
    ]
    out = [k for k in found if labels[k][:1] != "H"]
    subheads = [k for k in found if labels[k][:1] == "H"]
    if subheads:  # the words either side decide (bigrams only when there is one to weigh)
        grams = [X.content_bigrams(texts[i]) for i in index]
        heading = [label[:1] in "KTSH" for label in labels]
        for k in subheads:
            cohesion = X.cohesion(grams, k + 1, heading)
            if cohesion is not None and cohesion < SECTION_COHESION:
                out.append(k)
    return sorted(out)


def label_lines(texts: list[str]) -> tuple[list[int], list[str], PageStats]:
    """Label the non-blank lines of a page: ``(their indexes, their labels, page stats)``."""
    index, items, stats = line_features(texts)
    prose = [k for k, i in enumerate(index) if _too_long_for_a_headline(texts[i])]
    labels = _model().tag(items, prose)
    bylines = bylines_read_as_headings(texts, index, labels)
    if bylines:
        # one read as a sub-heading between unrelated texts opens the next article: it is
        # no line of the text above either
        between = [k for k in bylines if labels[k][:1] == "H"]
        labels = _model().tag(items, prose, bylines, between)
    # a page read as text whose headline never comes, with headings standing between
    # blanks inside it, is read again with every headline above its text; the reading
    # that finds more articles wins
    zoned = [x for x in labels if LB.zone_of(x)]
    if zoned and LB.zone_of(zoned[-1]) == "n":
        gaps = [
            k
            for k in range(1, len(labels) - 1)
            if labels[k] == "Hn" and index[k] - index[k - 1] > 1 and index[k + 1] - index[k] > 1
        ]
        if len(gaps) >= 2:
            alt = _model().tag(items, prose, bylines, before_only=True)
            if sum(map(LB.opens_article, alt)) > sum(map(LB.opens_article, labels)):
                labels = alt
    labels = mend_headline_blocks(texts, index, labels, stats.width)
    labels = mend_headline_runs(index, labels)
    labels = mend_second_headlines(labels)
    labels = mend_after_layout_runs(index, labels)
    labels = mend_open_brackets(texts, index, labels)
    labels = mend_byline_openings(texts, index, labels)
    labels = mend_wrapped_closing_datelines(texts, index, labels)
    labels = mend_summary_boxes(texts, index, labels, stats.width, stats.gap)
    labels = mend_page_gaps(texts, index, labels, stats.gap, stats.width)
    labels = mend_run_on_page_titles(texts, index, labels, stats.width)
    labels = mend_heads_over_bylines(texts, index, labels)
    labels = mend_broken_decks(texts, index, labels)
    labels = mend_nameless_bylines(texts, index, labels)
    labels = mend_headless_texts_over_waiting_heads(labels)
    labels = mend_wrapped_subheadings(texts, index, labels)
    labels = mend_wrapped_text_lines(texts, index, labels, stats.width)
    labels = mend_dateline_openings(texts, index, labels, stats.width)
    return index, labels, stats


def export(crfsuite_path: Path, out: Path = MODEL_PATH, digest: str = "") -> None:
    """Convert a trained crfsuite model into the ``.npz`` weights ``LayoutModel`` reads;
    ``digest`` fingerprints the training data (``store.parse.layout.train``)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_path))
    info = tagger.info()
    labels = list(tagger.labels())
    column = {label: i for i, label in enumerate(labels)}
    transitions = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (src, dst), weight in info.transitions.items():
        transitions[column[src], column[dst]] = weight
    attrs = sorted({attr for attr, _ in info.state_features})
    row = {attr: k for k, attr in enumerate(attrs)}
    weights = np.zeros((len(attrs), len(labels)), dtype=np.float32)
    for (attr, label), weight in info.state_features.items():
        weights[row[attr], column[label]] = weight
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp.npz")
    np.savez_compressed(
        tmp,
        labels=np.array(labels),
        attrs=np.array(attrs),
        weights=weights,
        transitions=transitions,
        digest=np.array(digest),
    )
    tmp.replace(out)


def trained_digest(path: Path = MODEL_PATH) -> str:
    """The training-data fingerprint a model file was written with (``""``: none)."""
    with np.load(path, allow_pickle=False) as data:
        return str(data["digest"]) if "digest" in data.files else ""
