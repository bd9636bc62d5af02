"""Reading files: encodings, line endings, control characters, bad input."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from store.parse.read import ReadError, clean_text, read_text

SAMPLE = "本报12月15日讯 今天，青岛“工赋青岛”。\n第二段：（完）！\n"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
    ],
)
def test_encodings_decode_to_the_same_text(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(prefix + SAMPLE.replace("\n", "\r\n").encode(encoding))
    text, _detected = read_text(path)
    assert text == SAMPLE  # CRLF normalised, BOM gone, full-width punctuation kept


def test_control_escape_and_zero_width_characters_are_dropped() -> None:
    raw = "青岛\x1b[31m红\x1b[0m\u200b日报\x1b]0;owned\x07\x07\x00！\r旧行"
    assert clean_text(raw) == "青岛红日报！\n旧行"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (bytes(range(128, 256)) * 20 + b"\x81\x30", "undecodable"),
    ],
)
def test_bad_files_give_one_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(ReadError) as info:
        read_text(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_huge_single_line_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "line.txt"
    path.write_text("青岛" * 500_000, encoding="utf-8")
    text, _ = read_text(path)
    assert len(text) == 1_000_000


SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_100463902bb718ab.txt"


def test_a_big5_page_is_read_as_traditional_chinese_not_as_gb18030(tmp_path: Path) -> None:
    import opencc

    traditional = opencc.OpenCC("s2t").convert(SEED.read_text("utf-8"))
    path = tmp_path / "big5.txt"
    path.write_bytes(traditional.encode("big5", errors="replace"))
    text, encoding = read_text(path)
    assert encoding == "big5" and "青島日報" in text and "高新區" in text


def test_a_gb18030_page_stays_gb18030(tmp_path: Path) -> None:
    path = tmp_path / "gb.txt"
    path.write_bytes(SEED.read_text("utf-8").encode("gb18030"))
    text, encoding = read_text(path)
    assert encoding == "gb18030" and "青岛日报" in text


@pytest.mark.parametrize(
    ("text", "encoding", "language"),
    [
        ("日本の首相は本日、東京で記者会見を開き、新しい経済政策について説明した。" * 8,
         "shift_jis", "Japanese"),
        ("한국 정부는 오늘 서울에서 새로운 경제 정책을 발표했다. 시장은 크게 반응했다." * 8,
         "euc_kr", "Korean"),
    ],
)  # fmt: skip
def test_japanese_and_korean_pages_are_named_not_garbled(
    tmp_path: Path, text: str, encoding: str, language: str
) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(ReadError) as info:
        read_text(path)
    message = str(info.value)
    assert str(path) in message and language in message and encoding in message
