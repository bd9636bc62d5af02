"""Fixture corpora for the app tests: article dicts written straight into a CorpusDB.

``sample_articles()`` is small, hand-made Chinese news with entities and spans, plus one
hostile page (Rich markup and terminal escapes in its text) for the safe-rendering tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from store.corpus.db import CorpusDB
from store.parse.article import article_id

HOSTILE_TITLE = "[bold]假标题[/bold] \x1b[31m红色\x1b[0m"
HOSTILE_BODY = (
    "正文含有 [link=https://evil.example]点我[/link] 和 [red]标记[/red]。\n"
    "终端控制 \x1b]0;owned\x07 序列 \x1b[2J 清屏 \x9b31m 不应出现。"
)

_RAW: list[dict[str, Any]] = [
    {
        "title": "高新区专委会暨重点功能区高质量发展现场推进会召开",
        "subtitles": ["耿涛出席并讲话"],
        "byline": ["耿婷婷"],
        "dateline": "本报12月15日讯",
        "body": "今天，2022年青岛市国家高新区专委会暨重点功能区高质量发展现场推进会召开。"
        "市委常委、副市长耿涛出席并讲话。\n会议听取了各园区工作情况，青岛国家高新区授牌。",
        "captions": ["推进会现场。"],
        "newspaper": "青岛日报",
        "date": "2022-12-15",
        "page": "1",
        "ents": [
            ("耿涛", "person", "", ["市委常委", "副市长"]),
            ("青岛市", "place", ""),
            ("耿婷婷", "person", "byline"),
            ("青岛国家高新区", "org", ""),
        ],
    },
    {
        "title": "海尔卡奥斯工业互联网平台再获殊荣",
        "subtitles": [],
        "byline": ["王伟"],
        "dateline": "本报讯",
        "body": "海尔集团旗下卡奥斯平台日前在青岛获评国家级示范。\n张瑞敏表示，平台将继续开放。",
        "captions": [],
        "newspaper": "青岛日报",
        "date": "2022-12-14",
        "page": "2",
        "ents": [
            ("海尔集团", "org", ""),
            ("青岛", "place", ""),
            ("张瑞敏", "person", ""),
            ("王伟", "person", "byline"),
        ],
    },
    {
        "title": "崂山区推进国际创新园建设",
        "subtitles": ["四家科技创新产业园授牌"],
        "byline": ["李娜", "陈晨"],
        "dateline": "",
        "body": "崂山区青岛国际创新园、高新区康复产业园等4家园区获授牌。\n"
        "耿涛在崂山区调研时强调，要加快推进项目建设。",
        "captions": ["创新园一角。", "授牌仪式。"],
        "newspaper": "观海新闻",
        "date": "2022-12-13",
        "page": "3",
        "ents": [("崂山区", "place", ""), ("耿涛", "person", ""), ("李娜", "person", "byline")],
    },
    {
        "title": "市南区发布现代都市数字经济产业规划",
        "subtitles": [],
        "byline": [],
        "dateline": "本报12月12日讯",
        "body": "市南区今天发布数字经济产业规划，海尔集团等企业参加发布会。",
        "captions": [],
        "newspaper": "青岛日报",
        "date": "2022-12-12",
        "page": "4",
        "ents": [("市南区", "place", ""), ("海尔集团", "org", "")],
    },
    {
        "title": HOSTILE_TITLE,
        "subtitles": ["[i]副题[/i]"],
        "byline": ["[b]记者[/b]"],
        "dateline": "",
        "body": HOSTILE_BODY,
        "captions": ["[blink]图注[/blink]"],
        "newspaper": "测试报",
        "date": "2022-12-01",
        "page": "9",
        "ents": [("标记", "org", "")],
    },
]


def _spans(body: str, name: str) -> list[list[int]]:
    spans, start = [], body.find(name)
    while start >= 0:
        spans.append([start, start + len(name)])
        start = body.find(name, start + len(name))
    return spans


def make_article(raw: dict[str, Any], source: str = "fixture.txt") -> dict[str, Any]:
    """An article record (contract keys + entities with spans) from a compact spec."""
    body = raw["body"]
    entities = [
        {
            "name": n,
            "type": t,
            "aliases": [n],
            "count": max(1, len(_spans(body, n))),
            "spans": _spans(body, n),
            "role": role,
            "titles": list(more[0]) if more else [],
        }
        for n, t, role, *more in raw["ents"]
    ]
    return {
        "id": article_id(raw["title"], body),
        "title": raw["title"],
        "subtitles": raw["subtitles"],
        "byline": raw["byline"],
        "dateline": raw["dateline"],
        "body": body,
        "captions": raw["captions"],
        "source": source,
        "newspaper": raw["newspaper"],
        "date": raw["date"],
        "page": raw["page"],
        "truncated": False,
        "entities": entities,
    }


def sample_articles() -> list[dict[str, Any]]:
    """The fixture articles."""
    return [make_article(raw) for raw in _RAW]


def entity_table(articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Corpus entity rows (name, type, article count, aliases, role, titles)."""
    table: dict[tuple[str, str, str], dict[str, Any]] = {}
    for art in articles:
        for e in art["entities"]:
            key = (e["name"], e["type"], e.get("role", ""))
            row = table.setdefault(
                key,
                {
                    "name": e["name"],
                    "type": e["type"],
                    "count": 0,
                    "aliases": [e["name"]],
                    "role": e.get("role", ""),
                    "titles": [],
                },
            )
            row["count"] += 1
            row["titles"] += [t for t in e.get("titles", []) if t not in row["titles"]]
    return list(table.values())


def build_db(path: Path, articles: list[dict[str, Any]] | None = None) -> CorpusDB:
    """A CorpusDB at ``path`` holding ``articles`` (default: the sample)."""
    articles = sample_articles() if articles is None else articles
    db = CorpusDB(path)
    db.add_batch(articles, [], entity_table(articles))
    return db
