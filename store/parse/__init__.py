"""Stage 1 — parse: raw newspaper files to articles.

``read`` decodes a file (UTF-8, GB18030, a BOM; binary refused) and cleans the text;
``segment`` splits a page into articles with the page model of ``layout`` (the rule
segmenter ``segment_rules`` behind ``YUEBAO_SEGMENTER=rules``), ``sections`` cuts archive
files into pages, ``continuations`` joins an article continued on another page; ``article``
is the record every later stage reads. Imports nothing from the other stages.
"""

from store._lazy import lazy_exports

_EXPORTS = {
    "Article": "article",
    "ParsedFile": "article",
    "ReadError": "read",
    "read_text": "read",
    "clean_text": "read",
    "parse_text": "segment",
    "segment_text": "segment",
    "join_continuations": "continuations",
}
__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
