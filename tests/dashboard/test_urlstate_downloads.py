"""URL state parsing is strict and forgiving; download names say what is in the file."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard import urlstate
from dashboard.downloads import csv_bytes, filename


def test_parse_and_build_round_trip():
    q = urlstate.build({"lang": "en", "sector": ["energy", "ai_chips"], "from": 2020, "empty": []})
    assert q == "?lang=en&sector=energy,ai_chips&from=2020"
    assert urlstate.parse(q) == {"lang": ["en"], "sector": ["energy", "ai_chips"], "from": ["2020"]}


def test_hostile_values_are_dropped_not_raised():
    q = "?sector=" + "x" * 10_000 + "&lang=<script>&geo=CN,%00,US"
    parsed = urlstate.parse(q)
    assert "sector" not in parsed
    assert urlstate.lang(q) == "zh"
    assert urlstate.pick(parsed, "geo", {"CN", "US"}) == ["CN", "US"]


def test_filename_names_table_filters_language_and_date():
    name = filename("claims", {"sector": ["energy", "ai_chips"], "q": "GPU 芯片"}, "en", "csv", today=date(2026, 11, 29))
    assert name == "aiplus-claims_sector-energy+ai_chips_q-GPU_en_2026-11-29.csv"
    assert filename("claims", {}, "zh", "parquet", today=date(2026, 11, 29)) == "aiplus-claims_all_zh_2026-11-29.parquet"


def test_csv_has_a_bom_so_excel_reads_chinese():
    data = csv_bytes(pd.DataFrame({"printed": ["3909 亿美元"]}))
    assert data.startswith(b"\xef\xbb\xbf")
    assert "亿美元" in data.decode("utf-8-sig")
