"""Render on a Dask cluster or on pandas: a bag of records, or a DataFrame of dotted columns.

Needs the ``apologykit[dask]`` extra; the rest of apologykit never imports
Dask or pandas. The kit travels to the workers pickled as its settings and is
rebuilt once per worker process (see :mod:`.recipe`). Every input gives
exactly one output, in input order, the same as ``apologykit batch`` on the
same records: a bad record is an error result or row, never a failed task.

A plain pandas DataFrame works too: it is what Spark's ``mapInPandas`` hands
a function, so :func:`render_frame` is also the body of a Spark job.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from functools import partial
from typing import Any, TypeVar, cast

import dask.bag
import dask.dataframe
import pandas as pd

from .errors import InputError
from .model.dotted import MAX_CSV_COLUMNS, nest
from .renderer.kit import ReplyKit
from .renderer.many import Result, check_fields, error_dict, render_result
from .renderer.reply import REPLY_FIELDS

__all__ = ["frame_columns", "render_bag", "render_frame"]

#: A pandas or a Dask DataFrame: what render_frame is given, it returns.
Frame = TypeVar("Frame")


def render_bag(
    bag: dask.bag.Bag,
    kit: ReplyKit,
    *,
    locale: str | None = None,
    channel: str | None = None,
    fields: Sequence[str] | None = None,
) -> dask.bag.Bag:
    """A bag of :meth:`ReplyKit.render_many` results, one per record of ``bag``, same order."""
    wanted = check_fields(fields)
    mapped = bag.map_partitions(_render_partition, kit, locale, channel, wanted)  # type: ignore[no-untyped-call]
    return cast(dask.bag.Bag, mapped)


def _render_partition(
    records: Iterable[object],
    kit: ReplyKit,
    locale: str | None,
    channel: str | None,
    fields: tuple[str, ...] | None,
) -> list[Result]:
    return [render_result(kit, record, locale, channel, fields) for record in records]


def frame_columns(fields: Sequence[str] | None = None) -> list[str]:
    """The columns :func:`render_frame` returns: each reply field asked for, ``ok``, ``error``."""
    return [*(check_fields(fields) or REPLY_FIELDS), "ok", "error"]


def render_frame(
    frame: Frame,
    kit: ReplyKit,
    *,
    locale: str | None = None,
    channel: str | None = None,
    fields: Sequence[str] | None = None,
) -> Frame:
    """One output row per input row, same index and order, for a pandas or Dask DataFrame.

    Input columns are dotted paths, as in a batch CSV header (``customer.name``,
    ``remedy.amount.amount``, ``locale``); an empty or missing cell (``""``,
    ``None``, NaN) is left out, as an empty CSV cell is. Output columns are the
    reply ``fields`` (all of them by default; ``None`` where a reply has no such
    field), ``ok``, and ``error`` (the batch error dict, ``None`` for a reply).
    """
    wanted = check_fields(fields)
    render = partial(_render_pandas, kit=kit, locale=locale, channel=channel, fields=wanted)
    if isinstance(frame, pd.DataFrame):
        return cast(Frame, render(frame))
    if isinstance(frame, dask.dataframe.DataFrame):
        meta = _empty(frame_columns(wanted))
        return cast(Frame, frame.map_partitions(render, meta=meta))  # type: ignore[no-untyped-call]
    raise TypeError(f"render_frame needs a pandas or Dask DataFrame, not {type(frame).__name__}")


def _render_pandas(
    frame: pd.DataFrame,
    *,
    kit: ReplyKit,
    locale: str | None,
    channel: str | None,
    fields: tuple[str, ...] | None,
) -> pd.DataFrame:
    columns = _dotted_columns(frame.columns)
    results = [
        _row_result(kit, columns, row, locale, channel, fields)
        for row in frame.itertuples(index=False, name=None)
    ]
    names = frame_columns(fields)
    out: dict[str, Any] = {}
    for name in names[:-2]:
        values = [result["reply"].get(name) if result["ok"] else None for result in results]
        out[name] = pd.Series(values, index=frame.index, dtype=object)
    out["ok"] = pd.Series([result["ok"] for result in results], index=frame.index, dtype=bool)
    errors = [result.get("error") for result in results]
    out["error"] = pd.Series(errors, index=frame.index, dtype=object)
    return pd.DataFrame(out, index=frame.index)


def _row_result(
    kit: ReplyKit,
    columns: list[str],
    row: tuple[Any, ...],
    locale: str | None,
    channel: str | None,
    fields: tuple[str, ...] | None,
) -> Result:
    try:
        data = nest(
            (name, value) for name, value in zip(columns, row, strict=True) if _given(value)
        )
    except Exception as exc:  # one row's bad paths cost only that row
        return {"ok": False, "error": error_dict(exc)}
    return render_result(kit, data, locale, channel, fields)


def _given(value: object) -> bool:
    """False for what a CSV writes as an empty cell: ``""``, ``None``, NaN, NaT, ``pd.NA``."""
    if value is None or value is pd.NA or value is pd.NaT or value == "":
        return False
    return not (isinstance(value, float) and math.isnan(value))


def _dotted_columns(columns: Iterable[Hashable]) -> list[str]:
    """The frame's column names as dotted paths, checked as a batch CSV header is."""
    names = [str(name).strip() for name in columns]
    if len(names) > MAX_CSV_COLUMNS:
        raise InputError(
            f"the DataFrame has {len(names)} columns; a scenario needs at most "
            f"{MAX_CSV_COLUMNS}: select the scenario's columns first"
        )
    seen: set[str] = set()
    for position, name in enumerate(names, 1):
        if not name:
            raise InputError(f"DataFrame column {position} has no name; name it a dotted path")
        if name in seen:
            raise InputError(f"DataFrame column {name!r} appears twice")
        seen.add(name)
    return names


def _empty(names: list[str]) -> pd.DataFrame:
    """The shape of the output, for Dask to plan with before any partition is rendered."""
    return pd.DataFrame({name: pd.Series(dtype=bool if name == "ok" else object) for name in names})
