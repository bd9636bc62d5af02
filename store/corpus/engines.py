"""Where the map step of a load runs: parse + extract each file, pure per file.

``local`` is a process pool on this machine (``-j N``); ``dask`` runs the same step,
``store.corpus.loader.parse_bytes_for_store``, on a Dask cluster (``dask.distributed``): an
existing one when given its scheduler address (``tcp://host:8786``), else a
``LocalCluster`` of ``N`` worker processes started for the load. This process reads each
file and sends its bytes, so workers need no access to the files; the results come back
here and are written as a local load writes them, so the stored corpus is the same.

Dask is an optional dependency (``pip install 'yuebao[distributed]'``); asking for it
without it installed is a one-line ``EngineError``.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from store.errors import YuebaoError

ENGINES = ("local", "dask")
#: files handed to the cluster ahead of the one being written, so workers never wait
_AHEAD = 64

Result = tuple[str, list[dict[str, Any]] | None, int, str]


class EngineError(YuebaoError):
    """The distributed engine cannot be used (not installed, scheduler unreachable)."""


def dask_results(
    task: Callable[[str, bytes], Result],
    paths: list[str],
    workers: int,
    scheduler: str | None = None,
) -> Iterator[Result]:
    """``task(path, its bytes)`` (parse + extract) for each file on a Dask cluster, yielded
    in the order of ``paths``.

    ``scheduler``: the address of a running cluster; None starts a local one of
    ``workers`` single-threaded worker processes for this load (and stops it after).
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise EngineError(
            "--engine dask needs Dask: pip install 'yuebao[distributed]' (dask[distributed])"
        ) from exc
    with contextlib.ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout=5))
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=max(1, workers),
                    threads_per_worker=1,  # the tagger is CPU-bound Python: one per process
                    processes=True,
                    dashboard_address=None,
                    silence_logs=50,
                )
            )
            client = stack.enter_context(Client(cluster))

        def submit(path: str) -> Any:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                return (path, None, 0, f"{path}: cannot read ({exc.strerror or exc})")
            return client.submit(task, path, data, pure=False)

        queued = iter(paths)
        pending = [submit(p) for p in itertools.islice(queued, _AHEAD)]
        while pending:
            item = pending.pop(0)
            if isinstance(item, tuple):
                yield item
            else:
                yield item.result()
                item.release()
            nxt = next(queued, None)
            if nxt is not None:
                pending.append(submit(nxt))
