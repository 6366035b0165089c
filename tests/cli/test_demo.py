"""``make demo`` prints a real bilingual reply, the Arabic one written for an Arabic reader."""

from __future__ import annotations

import re

import pytest

from apologykit import demo


def test_demo_prints_both_languages_with_arabic_names(capsys: pytest.CaptureFixture[str]) -> None:
    demo.main()
    out = capsys.readouterr().out
    english, arabic = out.split("--- ar-SA (rtl) ---")
    assert english.startswith("--- en-GB (ltr) ---")
    assert "Dear Fatima," in english and "Yousef" in english
    assert "الأستاذة فاطمة،" in arabic
    assert "\nيوسف\n" in arabic
    # Every name has an Arabic form, so no Latin letter reaches the Arabic reply.
    body = arabic.split("\n", 2)[2]  # after the demo's own "Subject:" label
    assert re.search("[A-Za-z]", body) is None
