"""The benchmark report's table of a no-data patient's pages, beside the heavy user's."""

from bench.report import _no_data_lines


def test_no_data_pages_are_shares_of_the_same_floor_beside_the_heavy_users():
    results = {
        "uncached": {"floor": 400.0, "dashboard": 40.0, "dose history": 20.0},
        "uncached_no_data": {"dashboard": 100.0, "dose history": 160.0},
    }
    lines = _no_data_lines(results)
    assert "| dashboard | 100 | 25% | 10% |" in lines
    assert "| dose history | 160 | 40% | 5% |" in lines


def test_a_run_without_the_no_data_figures_adds_no_table():
    assert _no_data_lines({"uncached": {"floor": 400.0, "dashboard": 40.0}}) == []
