"""portal.charts: the numbers behind an SVG column chart, checked without a browser.

What a reader of the dashboard or /statistics/ relies on: a taller column
means more reports, stacked parts add up, the axis starts at 0 on a round
step, labels do not overlap, and the table beside holds the same numbers.
"""

from itertools import pairwise

import pytest

from portal.charts import Series, column_chart, nice_ticks


@pytest.mark.parametrize(
    ("peak", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (13, [0, 5, 10, 15]),
        (48, [0, 10, 20, 30, 40, 50]),
        (1404, [0, 500, 1000, 1500]),
    ],
)
def test_the_axis_climbs_in_round_steps_to_the_highest_column(peak, ticks):
    assert nice_ticks(peak) == ticks


def chart(values, **kw):
    return column_chart(
        [f"T{i + 1}" for i in range(len(values))],
        [Series("count", "Số phản ánh", values)],
        name="c",
        title="Tiêu đề",
        description="Mô tả",
        category_heading="Tháng",
        **kw,
    )


def test_column_heights_are_proportional_and_start_on_the_axis():
    data = chart([10, 0, 5])
    bars = data["bars"]
    assert [bar["value"] for bar in bars] == [10, 5]  # an empty month draws nothing
    assert bars[0]["height"] == pytest.approx(2 * bars[1]["height"], abs=0.2)
    bottom = data["plot"]["bottom"]
    for bar in bars:
        assert bar["y"] + bar["height"] == pytest.approx(bottom, abs=0.1)
    assert [tick["label"] for tick in data["ticks"]] == [0, 2, 4, 6, 8, 10]
    assert bars[0]["y"] == pytest.approx(data["ticks"][-1]["y"], abs=0.1)  # 10 reaches the top
    assert bars[0]["tip"] == "T1: 10"


def test_stacked_parts_sit_on_each_other_and_have_a_legend_and_totals():
    data = column_chart(
        ["16/11", "23/11"],
        [Series("s", "S", [2, 0]), Series("v", "V", [1, 3]), Series("ld", "LD", [0, 1])],
        name="w",
        title="Theo tuần",
        description="Mô tả",
        category_heading="Tuần",
        row_labels=["Tuần từ 16/11/2026", "Tuần từ 23/11/2026"],
        total_heading="Tổng",
    )
    first_s, first_v = data["bars"][0], data["bars"][1]
    assert (first_s["key"], first_v["key"]) == ("s", "v")
    assert first_v["y"] + first_v["height"] == pytest.approx(first_s["y"], abs=0.1)
    assert first_v["tip"] == "Tuần từ 16/11/2026 — V: 1"
    assert [item["name"] for item in data["legend"]] == ["S", "V", "LD"]
    table = data["table"]
    assert table["columns"] == ["S", "V", "LD"]
    assert [(row["label"], row["values"], row["total"]) for row in table["rows"]] == [
        ("Tuần từ 16/11/2026", [2, 1, 0], 3),
        ("Tuần từ 23/11/2026", [0, 3, 1], 4),
    ]
    assert table["totals"] == [2, 4, 1] and table["grand_total"] == 7


def test_a_single_series_has_no_legend_nor_total_column():
    data = chart([1, 2])
    assert data["legend"] == [] and not data["stacked"]
    assert data["table"]["total_heading"] == "" and data["table"]["totals"] is None


def test_labels_are_thinned_on_a_narrow_chart_but_a_flagged_one_stays():
    wide = chart([1] * 12, width=900)
    narrow = chart([1] * 12, width=200, flagged=[11])
    assert len(wide["labels"]) == 12
    assert 0 < len(narrow["labels"]) < 12
    assert narrow["labels"][-1]["text"] == "T12" and narrow["labels"][-1]["flagged"]
    xs = [label["x"] for label in narrow["labels"]]
    gaps = [right - left for left, right in pairwise(xs)]
    assert min(gaps) >= len("T12") * 12 * 0.62  # no label runs into the next
    assert len(narrow["bands"]) == 1
    assert narrow["table"]["rows"][11]["flagged"]


def test_an_empty_chart_draws_an_axis_and_no_column():
    data = chart([0, 0, 0])
    assert data["bars"] == []
    assert [tick["label"] for tick in data["ticks"]] == [0, 1]
    assert [row["values"] for row in data["table"]["rows"]] == [[0], [0], [0]]
