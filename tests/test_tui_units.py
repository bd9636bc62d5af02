"""Unit tests of the app's pure parts: cleaning, cell-width fitting, keymap, state, text."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.style import Style
from tui_fixtures import HOSTILE_BODY, build_db, sample_articles
from tui_helpers import isolate

from tui import keymap
from tui.corpus import Corpus
from tui.safe import clean, clean_with_map, fit
from tui.state import UIState, load_state, save_state
from tui.widgets.article_list import ArticleList
from tui.widgets.article_text import article_text


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    isolate(monkeypatch, tmp_path)


def test_clean_strips_escapes_keeps_markup_literal() -> None:
    out = clean(HOSTILE_BODY)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "[link=https://evil.example]点我[/link]" in out
    assert "owned" not in out  # the OSC title payload is dropped with its sequence


def test_clean_with_map_keeps_offsets() -> None:
    raw = "ab\x1b[1mcd\x07e"
    text, mapping = clean_with_map(raw)
    assert text == "abcde"
    assert len(mapping) == len(raw) + 1
    assert text[mapping[raw.index("c")]] == "c"
    assert text[mapping[raw.index("e")]] == "e"


@pytest.mark.parametrize("width", [1, 2, 5, 9, 10, 20])
def test_fit_is_exact_cell_width_never_mid_character(width: int) -> None:
    out = fit("高新区专委会暨重点功能区abc", width)
    assert cell_len(out) == width
    assert "\ufffd" not in out


def test_article_list_columns_fill_width() -> None:
    for width in (30, 60, 80, 140):
        cols = ArticleList.layout(width)
        assert sum(w for _, w in cols) + len(cols) - 1 == width
        assert cols[0][0] == "marks" and cols[1][0] == "title"


def test_bundled_keymap_has_every_binding_id() -> None:
    import tui.app  # noqa: F401  (registers every binding)

    defaults = keymap.default_keymap()
    assert set(keymap.REGISTRY) <= set(defaults)
    for keys in defaults.values():
        assert all(keymap.valid_key(k) for k in keys.split(","))


def test_user_keymap_override_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[bindings]\ncursor-down = "n,down"\n', encoding="utf-8")
    assert keymap.parse_user_keymap(path) == {"cursor-down": "n,down"}
    path.write_text('[bindings]\ncursor-down = "n,down"\nfly = "x"\n', encoding="utf-8")
    overrides, notice = keymap.load_user_keymap(path)
    # one bad entry drops only itself
    assert overrides == {"cursor-down": "n,down"}
    assert notice and f"{path} line 3" in notice and "fly" in notice
    path.write_text('[bindings]\nquit = "ctrl+nosuchkey"\n', encoding="utf-8")
    _, notice = keymap.load_user_keymap(path)
    assert notice and "line 2" in notice and "unknown key" in notice
    path.write_text('[bindings\nquit = "q"\n', encoding="utf-8")
    _, notice = keymap.load_user_keymap(path)
    assert notice and "line 1" in notice and "TOML" in notice
    assert keymap.load_user_keymap(tmp_path / "missing.toml") == ({}, None)


def test_state_round_trip_and_bad_file(tmp_path: Path) -> None:
    state = UIState(query="高新 person:耿涛", selected="abc", sidebar=False, theme="nord")
    save_state(state)
    assert load_state() == state
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert load_state(bad) == UIState()
    assert UIState.from_dict({"pane": "nowhere", "sidebar": "yes"}) == UIState()


def test_article_text_safe_and_highlighted() -> None:
    styles = {"person": Style(bold=True), "match": Style(underline=True), "title": Style()}
    art = sample_articles()[0]
    text = article_text(art, styles, terms=["高新"], note="[bold]my note")
    assert "[bold]my note" in text.plain
    start = text.plain.index("耿涛出席并讲话。")
    assert any(s.start <= start < s.end and s.style == styles["person"] for s in text.spans)
    assert any(text.plain[s.start : s.end] == "高新" for s in text.spans)
    hostile = article_text(sample_articles()[4], styles)
    assert "\x1b" not in hostile.plain and "[bold]假标题[/bold]" in hostile.plain


def test_the_reader_names_the_people_with_their_offices(tmp_path: Path) -> None:
    art = sample_articles()[0]
    lines = article_text(art, {}).plain.split("\n")
    assert "人物  耿涛 市委常委、副市长" in lines  # the reporter 耿婷婷 is not listed
    assert not any(
        line.startswith("人物") for line in article_text(sample_articles()[1], {}).plain.split("\n")
    )
    corpus = Corpus(build_db(tmp_path / "c.json"))
    assert corpus.entity_titles() == {("耿涛", "person"): "市委常委、副市长"}


def test_corpus_filter_and_entity_tokens(tmp_path: Path) -> None:
    corpus = Corpus(build_db(tmp_path / "c.json"))
    dates = [r["date"] for r in corpus.rows]
    assert dates == sorted(dates, reverse=True)
    everything = corpus.filter("")
    assert len(everything.order) == corpus.size and everything.facets is None
    gaoxin = corpus.filter("高新")
    titles = {corpus.rows[i]["title"] for i in gaoxin.order}
    assert titles == {
        "高新区专委会暨重点功能区高质量发展现场推进会召开",
        "崂山区推进国际创新园建设",
    }
    picked = corpus.filter("person:耿涛")
    assert len(picked.order) == 2 and picked.facets and picked.facets[("耿涛", "person")] == 2
    both = corpus.filter("高新 place:崂山区")
    assert [corpus.rows[i]["title"] for i in both.order] == ["崂山区推进国际创新园建设"]
    assert len(corpus.filter("reporter:耿婷婷").order) == 1
    assert corpus.filter("(").error


def test_no_filter_and_a_query_matching_everything_list_in_one_order(tmp_path: Path) -> None:
    articles = sample_articles()
    for article in articles:
        article["date"] = "2022-12-15"  # one day: the order of the page decides
    corpus = Corpus(build_db(tmp_path / "c.json", articles))
    everything = corpus.filter("")
    matched = corpus.filter("-zzqqxx")  # a term no article holds, left out: every article
    assert matched.error is None and matched.order == everything.order
    assert [corpus.rows[i]["title"] for i in everything.order] == [a["title"] for a in articles]


def test_the_sidebar_counts_before_a_query_are_the_engines_for_every_article(
    tmp_path: Path,
) -> None:
    corpus = Corpus(build_db(tmp_path / "c.json"))
    before = corpus.entity_counts()  # from the catalog, the engine not opened
    assert not corpus.engine_ready
    assert before == corpus.engine().search("").facets
    assert before == corpus.filter("-zzqqxx").facets


def test_a_query_gives_the_sidebar_its_counts_and_picks_reporters_apart(tmp_path: Path) -> None:
    corpus = Corpus(build_db(tmp_path / "c.json"))
    result = corpus.filter("reporter:耿婷婷 person:耿涛 -place:崂山区")
    assert result.picked == [("耿婷婷", "reporter"), ("耿涛", "person")]
    assert result.facets is not None and result.facets.get(("耿婷婷", "reporter")) == 1
    assert ("耿婷婷", "person") not in result.facets


def test_every_binding_id_has_help_text() -> None:
    assert set(keymap.default_keymap()) <= set(keymap.HELP)


def test_title_highlight_segments() -> None:
    from rich.style import Style as S

    from tui.widgets.article_list import _highlighted

    plain, match = S(), S(bold=True)
    segs = _highlighted("青岛高新区与高新", ["高新"], plain, match)
    assert "".join(s.text for s in segs) == "青岛高新区与高新"
    assert [s.text for s in segs if s.style == match] == ["高新", "高新"]


def test_match_offsets_and_page_label() -> None:
    from tui.widgets.article_text import _page, match_offsets

    assert match_offsets("abc ABC 高新 高新区", ["abc", "高新"]) == [0, 4, 8, 11]
    assert _page("3") == "第3版" and _page("要闻") == "要闻" and _page("") == ""


def test_entity_tokens_in_the_query() -> None:
    from store.search.query import field_term
    from tui.query_edit import picked_entities, toggle_entity

    assert field_term("person", "耿涛") == "person:耿涛"
    assert field_term("person", "Li Ming") == 'person:"Li Ming"'
    query = toggle_entity("高新", ("耿涛", "person"))
    assert query == "高新 person:耿涛"
    assert picked_entities(query + ' org:"A B" -place:青岛') == [("耿涛", "person"), ("A B", "org")]
    assert toggle_entity(query, ("耿涛", "person")) == "高新"
    assert toggle_entity('x reporter:"A B"', ("A B", "reporter")) == "x"


def test_every_bad_keymap_entry_is_listed_and_the_rest_used(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text(
        '[bindings]\nfly = "x"\nquit = "ctrl+nosuchkey"\nnote = "N"\nbookmark = 3\n'
        '[colours]\nred = "1"\n',
        encoding="utf-8",
    )
    overrides, notice = keymap.load_user_keymap(path)
    assert overrides == {"note": "N"}
    lines = notice.splitlines()
    for line, word in ((2, "fly"), (3, "nosuchkey"), (5, "bookmark"), (6, "colours")):
        assert any(f"line {line}:" in x and word in x for x in lines), (line, word)
    assert "other bindings of the file are used" in lines[-1]


def test_user_keymap_clash_is_reported_but_kept(tmp_path: Path) -> None:
    path = tmp_path / "keymap.toml"
    path.write_text('[bindings]\nquit = "ctrl+q"\nbookmark = "j"\n', encoding="utf-8")
    overrides, notice = keymap.load_user_keymap(path)
    assert overrides == {"quit": "ctrl+q", "bookmark": "j"}
    assert notice and "line 3" in notice and "cursor-down" in notice
    path.write_text('[bindings]\ncursor-down = "j,down,n"\nnote = "N"\n', encoding="utf-8")
    assert keymap.load_user_keymap(path) == ({"cursor-down": "j,down,n", "note": "N"}, None)


def test_default_theme_follows_the_terminal() -> None:
    from tui.app import terminal_theme

    assert terminal_theme({}) == "ansi-dark"
    assert terminal_theme({"COLORFGBG": "0;15"}) == "ansi-light"
    assert terminal_theme({"COLORFGBG": "15;0"}) == "ansi-dark"
    assert terminal_theme({"YUEBAO_THEME": "nord", "COLORFGBG": "0;15"}) == "nord"


def test_article_file_reads_each_record_like_the_db(tmp_path: Path) -> None:
    from store.corpus.article_file import ArticleFile
    from store.corpus.db import CorpusDB

    build_db(tmp_path / "c.json")
    db = CorpusDB(tmp_path / "c.json")
    article_file = ArticleFile(db.path)
    assert article_file.scan() == len(sample_articles())
    for art in sample_articles():
        assert article_file.get(art["id"]) == dict(db.get(art["id"]))
    assert article_file.get("0000000000000000") is None


def test_corpus_article_falls_back_to_the_db(tmp_path: Path, monkeypatch) -> None:
    import store.corpus.article_file

    corpus = Corpus(build_db(tmp_path / "c.json"))
    monkeypatch.setattr(store.corpus.article_file, "MARK", b"no such marker")
    first = sample_articles()[0]
    assert corpus.article(first["id"])["body"] == first["body"]
    assert corpus.articles_loaded


@pytest.mark.parametrize("chunk", [7, 23, 61, 1 << 20])
def test_article_file_offsets_do_not_depend_on_chunking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    import store.corpus.article_file
    from store.corpus.article_file import ArticleFile

    build_db(tmp_path / "c.json")
    monkeypatch.setattr(store.corpus.article_file, "CHUNK", chunk)
    article_file = ArticleFile(tmp_path / "c.json")
    assert article_file.scan() == len(sample_articles())
    for art in sample_articles():
        assert article_file.get(art["id"])["body"] == art["body"]
    article_file.close()


def test_fit_right_keeps_the_end_in_whole_cjk_cells() -> None:
    from rich.cells import cell_len

    from tui.safe import fit_right

    assert fit_right("青岛高新区", 5) == " 新区"
    assert fit_right("ab高新", 8) == "  ab高新" and cell_len(fit_right("ab高新", 8)) == 8
    assert fit_right("高新", 0) == ""


def test_a_result_lists_the_same_rows_whether_or_not_rows_follow_the_index(
    tmp_path: Path,
) -> None:
    """Rows in the index's document order take a result's document numbers as they are;
    otherwise every id is looked up — the list shows the same articles either way."""
    corpus = Corpus(build_db(tmp_path / "c.json"))
    queries = ("高新", "person:耿涛", "高新 place:崂山区", "-高新")
    fast = {q: corpus.filter(q).order for q in queries}
    assert corpus._rows_follow_documents(corpus.engine())
    corpus._docs_are_rows = False  # as a corpus whose rows are in another order
    corpus._docs_checked = corpus.engine()
    assert {q: corpus.filter(q).order for q in queries} == fast
    assert all(fast[q] for q in queries[:3])
