"""Chart colours and the focus ring stand out from the white page: at least 3:1 (WCAG 2.2 1.4.11 non-text contrast)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import theme

CSS = Path(theme.__file__).parent / "assets" / "10-aiplus.css"


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str = "#ffffff") -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("colour", sorted(set(theme.PALETTE) | set(theme.GEO_COLOURS.values())
                                          | {c for c, _ in theme.EVENT_STYLE.values()}))
def test_every_chart_colour_has_3_to_1_against_white(colour):
    assert contrast(colour) >= 3.0, f"{colour}: {contrast(colour):.2f}:1"


def test_the_focus_ring_has_3_to_1_against_white_and_the_light_grey_background():
    ring = re.search(r":focus-visible[^{]*\{[^}]*outline:\s*\d+px solid (#[0-9a-fA-F]{6})", CSS.read_text()).group(1)
    assert contrast(ring) >= 3.0 and contrast(ring, "#f8f9fa") >= 3.0  # white and Bootstrap's bg-light
