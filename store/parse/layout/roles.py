"""What one physical line of a flattened page is: the roles the page model labels.

A page is a sequence of physical lines. Each line has a *role* and belongs to one article
of the page (``article`` index, in the order the articles' bodies appear) or to none
(``-1``: page furniture such as the page label, or a leftover).
"""

from __future__ import annotations

from dataclasses import dataclass, field

BLANK = "blank"  # an empty line (its role carries no information; article is -1)
PAGE = "page"  # page label / header: '15', '体育', '第17版', '2020年1月6日 星期一', ' 要 闻'
KICKER = "kicker"  # 引题 above the main headline ('蔡卫平代表——', '新任主帅李铁正式亮相…')
TITLE = "title"  # the main headline (may be split over several lines; column tags stay in it)
SUBTITLE = "subtitle"  # 副题 below the headline ('——回访…')
BYLINE = "byline"  # a byline on its own line: '□记者 白晓 报道', '本报记者 X Y', a bare name
BODY = "body"  # the article text (the first body line may open with the dateline)
SUBHEAD = "subhead"  # a sub-heading inside the body (kept in the article)
CAPTION = "caption"  # a photo caption ('■…', a short picture text)
CREDIT = "credit"  # 'X摄', '新华社发', '本版制图：…', '（作者为…）', '（本报记者 X整理）'
CLOSING = "closing"  # a closing dateline: '（本报华盛顿2月17日电）'
SUMMARY = "summary"  # the '核心阅读' box: its header line and its text
LEFTOVER = "leftover"  # page text that belongs to no article (banner, orphan fragment)

ROLES: tuple[str, ...] = (
    BLANK,
    PAGE,
    KICKER,
    TITLE,
    SUBTITLE,
    BYLINE,
    BODY,
    SUBHEAD,
    CAPTION,
    CREDIT,
    CLOSING,
    SUMMARY,
    LEFTOVER,
)
HEADLINE_ROLES = frozenset({KICKER, TITLE, SUBTITLE})


@dataclass(slots=True)
class PageLine:
    """One physical line of a page with its role and the article it belongs to."""

    text: str
    role: str
    article: int = -1


@dataclass(slots=True)
class GoldArticle:
    """The right answer for one article of a generated page (what ``yuebao parse`` should say)."""

    title: str
    subtitles: list[str] = field(default_factory=list)  # kicker and subtitle, page order
    byline: list[str] = field(default_factory=list)  # names only
    dateline: str = ""
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs (subheads included)
    captions: list[str] = field(default_factory=list)
    truncated: bool = False


@dataclass(slots=True)
class GeneratedPage:
    """A flattened page made from known articles: its text, per-line labels and the answer."""

    text: str  # '\n'.join(line.text for line in lines)
    lines: list[PageLine]
    articles: list[GoldArticle]
    layout: str = ""  # a short name of the page's layout ('before', 'after', 'mixed', ...)
    width: int = 0  # the column width the text was wrapped at (0: one line a paragraph)
