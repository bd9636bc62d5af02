"""What "the complete corpus, exactly once" means, for the crash and failed-write tests.

``corpus_state`` opens a corpus as the app does and reduces it to what a user can see:
the articles and their entities, the list (catalog), the corpus entity table, the file
records and what the search finds. Two corpora with equal states look the same on screen.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.corpus.db import CorpusDB
from store.search.engine import SearchEngine

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUERIES = ("", "青岛", "记者", "person:耿涛", "date:2022")


def corpus_state(path: Path) -> dict[str, Any]:
    """What a user sees of the corpus at ``path`` (asserting it is internally consistent)."""
    db = CorpusDB(path)
    articles = db.articles()
    ids = [a["id"] for a in articles]
    assert len(ids) == len(set(ids)), "an article is stored twice"
    catalog = db.catalog()
    assert sorted(r["id"] for r in catalog) == sorted(ids), "the list disagrees with the corpus"
    assert not db.meta().get("derived_stale"), "the entity table was left unfinished"
    listed = {i for rec in db.file_records().values() for i in rec.get("article_ids", [])}
    assert listed == set(ids), "an article no file gives, or a file's article missing"
    engine = SearchEngine.open(db)
    state = {
        "articles": sorted(
            (a["id"], a["title"], sorted((e["name"], e["type"]) for e in a.get("entities", [])))
            for a in articles
        ),
        "entities": sorted(
            (e["name"], e["type"], e.get("count"), tuple(e.get("aliases", [])))
            for e in db.entities()
        ),
        "files": sorted(
            (Path(p).name, sorted(rec.get("article_ids", [])))
            for p, rec in db.file_records().items()
        ),
        "search": {q: sorted(engine.search(q).ids) for q in QUERIES},
    }
    db.close()
    return state


def stray_temp_files(data_dir: Path) -> list[Path]:
    """Temp files a killed write left in the data directory."""
    return sorted(data_dir.glob(".*.tmp"))


# -- the load scenarios ------------------------------------------------------------------
def _seed(name_start: str) -> Path:
    return next(SEEDS.glob(f"{name_start}_*.txt"))


def fresh_scenario(pages: Path, load: Callable[[], Any]) -> Callable[[], None]:
    """All five seeds into an empty corpus (returns the before-step: nothing to load)."""
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, pages / seed.name)
    return lambda: None


def edit_scenario(pages: Path, load: Callable[[], Any]) -> Callable[[], None]:
    """Four seeds loaded; then one is cut short (articles change and vanish) and the fifth
    is added: the faulty load has to add, replace and remove articles."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:4]:
        shutil.copy(seed, pages / seed.name)

    def before() -> None:
        load()
        cut = pages / seeds[3].name
        lines = cut.read_text("utf-8").splitlines(keepends=True)
        cut.write_text("".join(lines[: len(lines) * 3 // 5]), "utf-8")
        shutil.copy(seeds[4], pages / seeds[4].name)

    return before


def append_scenario(pages: Path, load: Callable[[], Any]) -> Callable[[], None]:
    """Four seeds loaded; then the fifth is added to the corpus as a segment (the test
    lets any corpus take segments): the faulty load writes the segment and the manifest."""
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:4]:
        shutil.copy(seed, pages / seed.name)

    def before() -> None:
        load()
        shutil.copy(seeds[4], pages / seeds[4].name)

    return before
