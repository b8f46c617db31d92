"""Each overview takeaway checked against a value computed by hand from the book's printed figures.

The multiples below are worked out from the printed numbers (line in the comment), not read back from the code.
"""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.takeaways import multiple_text, takeaway


@pytest.fixture(scope="module")
def say(data):
    from dashboard.data import set_current
    from dashboard.queries import chart_points, chart_spec

    set_current(data)

    def _say(chart_id: str, lang: str = "en") -> str:
        return takeaway(chart_points(data, chart_id, lang), chart_spec(data, chart_id)["type"], lang)

    return _say


def test_market_multiple_comes_from_the_two_printed_figures_not_the_projection(say):
    # l.150: 3909 亿美元 (2025) and 接近 3.5 万亿美元 (2033): 35000 / 3909 = 8.954
    text = say("overview-market")
    assert text.startswith("<$3.5 tn in 2033 (forecast), 8.95× the ~$390.9 bn of 2025")
    # the CAGR path is reported as what the CAGR implies: 3909 × 1.306^8 = 33,083 亿美元
    assert "the printed CAGR implies $3.308 tn by 2033 (derived)" in text
    assert say("overview-market", "zh").startswith("2033 年（预测） 近3.5 万亿美元，为2025 年 约3,909 亿美元的 8.95 倍")


def test_agent_market_2033_multiple_uses_the_printed_2033_figure(say):
    # l.150: 76.3 亿美元 (2025) and 1829.7 亿美元 (2033): 1829.7 / 76.3 = 23.98, not our projection's 191.4 / 7.63
    assert say("overview-agent-market").startswith("$183 bn in 2033 (forecast), 24× the $7.63 bn of 2025")


def test_token_growth_and_the_two_model_origins(say):
    # l.122: 1000亿 (early 2024) -> 140万亿 (March 2026) tokens a day: 1,400×
    assert "1,400×" in say("overview-tokens")
    # l.543: 4.12 万亿 vs 2.94 万亿 tokens in the week of 9-15 Feb 2026: 1.401×, Chinese models ahead
    assert say("overview-openrouter") == ("9–15 Feb 2026: Chinese models 4.12 tn tokens/week vs US models 2.94 tn tokens/week, 1.4×")
    # 4.12 / (4.12 + 2.94) = 58.36 %
    assert say("overview-openrouter-share").startswith("9–15 Feb 2026: Chinese models 58.4% of the combined total")


def test_prices_compare_input_with_input_and_output_with_output(say):
    # GPT-5.4 vs DeepSeek V3 0324 on OpenRouter: input 2.50 / 0.20 = 12.5, output 15 / 0.77 = 19.48
    assert "12.5× DeepSeek V3 0324" in say("overview-price-input")
    assert "19.5× DeepSeek V3 0324" in say("overview-price-output")
    assert "75" not in say("overview-price-input") + say("overview-price-output")  # never output vs input


def test_financing_capex_share_and_energy(say):
    # l.314: 381 亿美元 (US) vs 36.7 亿美元 (China), H1 2025: 10.38×
    assert say("overview-investment") == "United States highest at $38.1 bn, 10.4× China ($3.67 bn)"
    # 1000 / 750 亿美元 = 1.333
    assert say("overview-capex") == "Amazon highest at $100 bn, 1.33× Google ($75 bn)"
    # 23 % / 8.1 % = 2.84
    assert say("overview-ai-share") == "23% in Q2 2025, 2.84× the 8.1% of 2023"
    # 36 亿千瓦 target for 2035 vs 1800 GW at end-2025: exactly double, a target
    assert say("overview-energy") == ">3.6 TW in 2035 (target), 2× the >1.8 TW of end-2025"
    assert say("overview-energy", "zh") == "2035 年（目标） 超3.6 TW，较2025 年底的 超1.8 TW翻了一番"


def test_chinese_multiples_are_unambiguous():
    assert multiple_text(2.0, "zh") == "翻了一番"
    assert multiple_text(3.0, "zh") == "为其 3 倍"
    assert "增长" not in multiple_text(3.0, "zh")


def test_dots_of_different_subjects_state_median_and_range_not_a_multiple():
    pts = pd.DataFrame({"value": [10.0, 20.0, 60.0], "unit": ["%"] * 3, "qualifier": [None] * 3, "value_low": [None] * 3,
                        "value_high": [None] * 3, "label": ["A", "B", "C"], "trace": ["x", "x", "y"], "kind": ["actual"] * 3,
                        "period": [None] * 3, "derived": [False] * 3})
    text = takeaway(pts, "dots", "en")
    assert text == "3 figures from 2 sectors: median 20%; lowest 10% (A), highest 60% (C)"
    assert "×" not in text
