# SPDX-License-Identifier: MPL-2.0
"""The data as it was at as_of (`Frames.lazy_at`, issue #20): a table with nothing later than as_of
is read as it is, but a record without its main timestamp is still left out, and a later main or
optional timestamp is still masked."""

from datetime import UTC, datetime

import polars as pl

from forebyg.domain.keyfigures.frames import CODE, COLUMNS, Frames


def _cases(opened: list[datetime | None], closed: list[datetime | None]) -> Frames:
    n = len(opened)
    df = pl.DataFrame({"id": list(range(1, n + 1)), "municipality": [657] * n, "child": list(range(1, n + 1)),
                       "opened_at": opened, "closed_at": closed, "caseworker": [1] * n, "team": ["T1"] * n},
                      schema={**COLUMNS["case"], "id": CODE, "child": CODE, "caseworker": CODE})
    return Frames({"case": df})


AS_OF = datetime(2024, 6, 1, tzinfo=UTC)
EARLY, LATE = datetime(2024, 1, 1, tzinfo=UTC), datetime(2024, 9, 1, tzinfo=UTC)


def test_nothing_later_reads_the_table_as_it_is():
    frames = _cases([EARLY, EARLY], [None, EARLY])
    assert frames.lazy_at("case", AS_OF).collect().equals(frames["case"])


def test_a_record_without_its_main_timestamp_is_left_out_even_when_nothing_is_later():
    frames = _cases([EARLY, None], [None, None])
    assert frames.lazy_at("case", AS_OF).collect()["id"].to_list() == [1]


def test_later_timestamps_are_masked():
    frames = _cases([EARLY, LATE, EARLY], [LATE, None, EARLY])
    got = frames.lazy_at("case", AS_OF).collect()
    assert got["id"].to_list() == [1, 3]  # case 2 was opened after as_of
    assert got["closed_at"].to_list() == [None, EARLY]  # case 1 was still open at as_of
