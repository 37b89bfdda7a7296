"""`refport check` draws progress bars (reading, then checking) on a long run
when stderr is a terminal, and prints nothing else to stderr when it is not.

The size thresholds are lowered so that a small list counts as long: only
whether stderr is a terminal decides, as it does on a large file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from refport import textio
from refport.checks import base
from refport.cli import main


@pytest.fixture
def long_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A list every size threshold calls long, bars shown without delay."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(base, "PROGRESS_MIN_REFERENCES", 1)
    monkeypatch.setattr(textio, "PROGRESS_MIN_BYTES", 1)
    monkeypatch.setattr(textio, "PROGRESS_DELAY", 0)
    items = [
        {"id": f"r{n}", "type": "book", "title": f"Book {n}", "publisher": "P",
         "issued": {"date-parts": [[1950 + n]]}}
        for n in range(30)
    ]  # fmt: skip
    path = tmp_path / "long.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    return str(path)


def test_nothing_on_stderr_when_it_is_not_a_terminal(
    long_run: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not sys.stderr.isatty()
    assert main(["check", long_run]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "0 errors, 0 warnings, 0 infos in 30 references" in captured.out


def test_bars_for_reading_and_checking_on_a_terminal(
    long_run: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["check", long_run, "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "long.json" in captured.err  # the reading bar, labelled with the file
    assert "checking" in captured.err
    assert json.loads(captured.out) == []  # the bars go to stderr only
