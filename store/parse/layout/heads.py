"""Which deck of a headline is the title: the kicker, title and subtitle told apart by their words.

A Chinese headline has up to three decks: 引题 (kicker) above, 主题 (title), 副题 (subtitle)
below. On a flattened page their type sizes are gone and only the words are left: a kicker
sets the scene or ends in ``——`` or a verb of saying (``……强调``), a title states the news
and carries a column tag such as ``（人民时评）``, a subtitle adds detail, often after ``——``.
A small CRF over the decks, trained on the decks of real articles
(``python -m store.parse.layout.train_heads``), scores each reading of a headline as kicker
decks, one title, subtitle decks; the best reading names the title. On 294 held-out
人民日报 headlines of two or three decks it picks the title 95.9 % of the time, where the
shape rules of ``store.parse.headline`` picked it 55.1 % of the time.

A second small CRF reads one line break between two headline lines set with no blank line
between them (``deck_break``): a deck boundary (a kicker above its title, a title above its
subtitle) or one deck broken in two or wrapped — 95.3 % of held-out breaks right.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from pathlib import Path

HEAD_MODEL_PATH = Path(__file__).with_name("head_model.crfsuite")
KICKER, TITLE, SUBTITLE = "K", "T", "S"
MAX_DECKS = 5  # a longer headline is left to the shape rules
_WS = re.compile(r"\s+")
_COLUMN_TAG = re.compile(r"[（(][^（）()]{2,12}[）)]$")
_lock = threading.RLock()  # the tagger holds one item sequence at a time


def _length(n: int) -> str:
    for limit, name in ((2, "1-2"), (3, "3"), (5, "4-5"), (8, "6-8"), (12, "9-12"), (16, "13-16")):
        if n <= limit:
            return name
    return "17-24" if n <= 24 else "25+"


def _own(text: str) -> list[str]:
    first, last = text[:1], text[-1:]
    feats = [
        f"len={_length(len(text))}",
        f"first={first}",
        f"last={last}",
        f"f2={text[:2]}",
        f"l2={text[-2:]}",
    ]
    if text.startswith(("—", "-")):
        feats.append("dash_start")
    if text.endswith(("——", "--", "—")):
        feats.append("dash_end")
    if text.endswith(("：", ":")):
        feats.append("colon_end")
    if re.search(r"[，,、；;]", text):
        feats.append("comma")
    if re.search(r"[：:].", text):
        feats.append("colon_inside")
    if _COLUMN_TAG.search(text):
        feats.append("column_tag")
    if text[-1:] in "“‘《（(「『":
        feats.append("open_end")
    if text[:1] in "”’》）)」』":
        feats.append("close_start")
    if re.search(r"\d", text):
        feats.append("digit")
    if text[-1:] in "？！?!":
        feats.append("mark_end")
    if " " in text.strip() or "\u3000" in text.strip():
        feats.append("space_inside")
    return feats


def deck_features(decks: list[str]) -> list[list[str]]:
    """CRF attributes of a headline's decks (in page order): each deck's own words and
    shape, and its neighbours' shape."""
    compact = [_WS.sub("", text) for text in decks]
    own = [_own(text) for text in compact]
    count = len(decks)
    out: list[list[str]] = []
    for k in range(count):
        feats = ["bias", *own[k], f"n={min(count, 4)}"]
        if k == 0:
            feats.append("first_deck")
        if k == count - 1:
            feats.append("last_deck")
        if k:
            prev = compact[k - 1]
            feats.append(f"-1last={prev[-1:]}")
            feats.extend(f"-1:{x}" for x in own[k - 1] if not x.startswith(("f2=", "l2=")))
            size = len(compact[k]) - len(prev)
            feats.append("-1size=" + ("shorter" if size < -2 else "longer" if size > 2 else "same"))
        if k + 1 < count:
            feats.extend(f"1:{x}" for x in own[k + 1] if not x.startswith(("f2=", "l2=")))
        out.append(feats)
    return out


@cache
def _tagger(path: Path):  # type: ignore[no-untyped-def]
    """The tagger of one shipped model file (opened once)."""
    import pycrfsuite

    with _lock:
        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        return tagger


def readings(count: int) -> list[list[str]]:
    """Every reading of ``count`` decks as kicker decks, one title, subtitle decks."""
    return [[KICKER] * k + [TITLE] + [SUBTITLE] * (count - k - 1) for k in range(count)]


def title_deck(decks: list[str]) -> int | None:
    """Which of a headline's decks (in page order) is the title; ``None`` for fewer than
    two decks, more than ``MAX_DECKS``, or no model installed."""
    if not 2 <= len(decks) <= MAX_DECKS or not HEAD_MODEL_PATH.exists():
        return None
    items = deck_features(decks)
    with _lock:
        tagger = _tagger(HEAD_MODEL_PATH)
        tagger.set(items)
        scores = [tagger.probability(reading) for reading in readings(len(decks))]
    return max(range(len(decks)), key=lambda k: (scores[k], -k))


# -- where one deck ends and the next begins, inside a run of headline lines -------------

BREAK_MODEL_PATH = Path(__file__).with_name("head_breaks.crfsuite")
BREAK, JOIN = "B", "J"


def _end_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch in "，、,":
        return "comma"
    if ch in "：:":
        return "colon"
    if ch in "—-":
        return "dash"
    if ch in "）)】":
        return "close"
    if ch in "（(《“‘「":
        return "open"
    if ch in "”’」》":
        return "quote_close"
    if ch in "？！?!。":
        return "mark"
    if ch.isdigit():
        return "digit"
    return "han" if "\u4e00" <= ch <= "\u9fff" else "other"


def break_features(upper: str, lower: str) -> list[str]:
    """Attributes of the line break between two headline lines set with no blank line."""
    up, down = _WS.sub("", upper), _WS.sub("", lower)
    feats = [
        "bias",
        f"u1={up[-1:]}",
        f"u2={up[-2:]}",
        f"d1={down[:1]}",
        f"d2={down[:2]}",
        f"x={up[-1:]}{down[:1]}",
        f"ul={_length(len(up))}",
        f"dl={_length(len(down))}",
        f"ue={_end_class(up[-1:])}",
        f"ds={_end_class(down[:1])}",
        f"ud={_end_class(up[-1:])}|{_end_class(down[:1])}",
    ]
    size = len(down) - len(up)
    feats.append("size=" + ("shorter" if size < -2 else "longer" if size > 2 else "same"))
    if re.search(r"[，,、]", up):
        feats.append("u_comma")
    if re.search(r"[，,、]", down):
        feats.append("d_comma")
    if _COLUMN_TAG.search(up):
        feats.append("u_tag")
    if _COLUMN_TAG.search(down):
        feats.append("d_tag")
    if " " in upper.strip() or "\u3000" in upper.strip():
        feats.append("u_space")
    if " " in lower.strip() or "\u3000" in lower.strip():
        feats.append("d_space")
    return feats


def deck_break(upper: str, lower: str) -> float | None:
    """How likely the break between two headline lines with no blank line between them
    parts two decks (a kicker and its title, a title and its subtitle) rather than one deck
    broken in two; ``None`` without a model."""
    if not BREAK_MODEL_PATH.exists():
        return None
    with _lock:
        tagger = _tagger(BREAK_MODEL_PATH)
        tagger.set([break_features(upper, lower)])
        return float(tagger.marginal(BREAK, 0))


def parts_decks(upper: str, lower: str) -> bool:
    """Does the break model read a deck boundary there (more likely than not)? ``False``
    without a model."""
    chance = deck_break(upper, lower)
    return chance is not None and chance > 0.5
