"""Re-laid-out variants of a page: the same text wrapped at another width, other blank
lines, CRLF, BOM, GB18030. Used to test that segmentation does not hang on one layout."""

from __future__ import annotations

import random
import re

from store.parse.layout.seedpages import rewrap

__all__ = ["blanks_inside_sentences", "double_blanks", "render_page", "rewrap"]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]


def double_blanks(page: str) -> str:
    """Every blank line becomes two."""
    return re.sub(r"\n\n", "\n\n\n", page)


def blanks_inside_sentences(page: str, seed: int = 7) -> str:
    """Insert blank lines after some lines that end mid-sentence (as flattening does)."""
    rng = random.Random(seed)
    lines = page.split("\n")
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if (
            len(line.strip()) >= 14
            and re.search(r"[，、]", line)
            and not re.search(r"[。！？”」）)]$", line.strip())
            and nxt.strip()
            and len(nxt.strip()) >= 12
            and rng.random() < 0.3
        ):
            out.append("")
    return "\n".join(out)


def render_page(articles: list, headlines_after: bool, width: int = 20) -> str:
    """Lay articles out again as a flattened page: kicker and title decks, a byline, the
    dateline and the text wrapped at ``width``, with the headline block before or after."""
    out: list[str] = []
    for article in articles:
        head: list[str] = []
        if article.subtitles and article.subtitles[0] not in article.body:
            head += [article.subtitles[0], ""]
        head += [article.title, ""]
        byline = ["□记者 " + " ".join(article.byline)] if article.byline else []
        body: list[str] = []
        for k, para in enumerate(article.body.split("\n")):
            if k == 0 and article.dateline:
                para = article.dateline + " " + para
            body += [*_wrap(para, width), ""]
        out += (byline + body + head + [""]) if headlines_after else (head + byline + body)
    return "\n".join(out)
