"""CSL-JSON: what the model has no field for stays in `extra` and is written
back where the schema allows it; script variants and ORCIDs travel in
`custom` (the schema forbids other keys on items and names)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from tests.formats.csljson_helpers import one, read, write, written_item

from refport.formats import csljson
from refport.formats.base import WriteOptions
from refport.model import NameVariant, Reference, TextVariant

# --- what the model has no field for -----------------------------------------------------


def test_a_schema_key_without_a_model_field_is_kept_at_the_top_level() -> None:
    reference = one({"dimensions": "24 cm", "submitted": {"date-parts": [[2025, 9, 9]]}})
    assert reference.extra == (
        ("csljson:dimensions", '"24 cm"'),
        ("csljson:submitted", '{"date-parts":[[2025,9,9]]}'),
    )
    item = written_item(reference)
    assert (item["dimensions"], item["submitted"]) == ("24 cm", {"date-parts": [[2025, 9, 9]]})


def test_an_unknown_key_goes_into_custom_so_the_output_validates(
    validate: Callable[[str], None],
) -> None:
    reference = one({"abstractNote": "x", "tags": [1, 2]})
    assert reference.extra == (("csljson:abstractNote", '"x"'), ("csljson:tags", "[1,2]"))
    text = write([reference])
    validate(text)
    assert json.loads(text)[0]["custom"] == {"unknown-keys": {"abstractNote": "x", "tags": [1, 2]}}
    assert read(text)[0] == [reference]


def test_other_custom_keys_are_kept() -> None:
    reference = one({"custom": {"short_id": "xyz", "keywords-variants": {"tr": "a, b"}}})
    assert reference.extra == (
        ("csljson:custom.short_id", '"xyz"'),
        ("csljson:custom.keywords-variants", '{"tr":"a, b"}'),
    )
    assert written_item(reference)["custom"] == {
        "short_id": "xyz",
        "keywords-variants": {"tr": "a, b"},
    }


def test_unknown_name_keys_are_kept_by_role_and_position(validate: Callable[[str], None]) -> None:
    reference = one(
        {"author": [{"family": "A"}, {"family": "B", "comma-suffix": True, "affiliation": ["X"]}]}
    )
    assert reference.extra == (
        ("csljson:author[1].comma-suffix", "true"),
        ("csljson:author[1].affiliation", '["X"]'),
    )
    text = write([reference])
    validate(text)
    item = json.loads(text)[0]
    assert item["author"][1] == {"family": "B", "comma-suffix": True}
    assert item["custom"] == {"unknown-name-keys": {"author": [None, {"affiliation": ["X"]}]}}
    assert read(text)[0] == [reference]


def test_an_alias_is_read_only_when_the_csl_key_is_missing() -> None:
    assert one({"shortTitle": "Short"}).title_short == "Short"
    both = one({"title-short": "A", "journalAbbreviation": "J", "container-title-short": "B"})
    assert (both.title_short, both.container_title_short) == ("A", "B")
    assert both.extra == (("csljson:journalAbbreviation", '"J"'),)
    assert written_item(both)["journalAbbreviation"] == "J"


def test_a_value_of_the_wrong_type_is_kept_with_a_warning() -> None:
    refs, diagnostics = read('[{"id": "a", "type": "book", "title": ["x"]}]')
    assert (refs[0].title, refs[0].extra) == (None, (("csljson:title", '["x"]'),))
    assert [(d.code, d.field) for d in diagnostics] == [("field-invalid", "title")]


def test_fields_of_other_formats_are_reported_as_lost() -> None:
    out = io.StringIO()
    diagnostics = csljson.write(
        [Reference("a", extra=(("bibtex:eprint", "x"),))], out, WriteOptions()
    )
    assert [(d.code, d.refs) for d in diagnostics] == [("field-lost", ("a",))]
    assert "bibtex:eprint" in diagnostics[0].message


# --- script variants and ORCIDs ----------------------------------------------------------

MULTI = {
    "author": [{"family": "Preradović", "given": "Nikola"}, {"family": "Bogićević"}],
    "title": "SHIFT IN THE REGIONAL BALANCE",
    "custom": {
        "multi": {
            "title": {"sr-Cyrl": "ПРОМЕНА РЕГИОНАЛНЕ РАВНОТЕЖЕ"},
            "container-title": {"ru-Latn": "Voennaya mysl'", "en": "Military Thought"},
            "author": [{"sr-Cyrl": {"family": "Прерадовић", "given": "Никола"}}, None],
        },
        "orcid": {"author": ["0009-0007-9571-4258", None]},
    },
}


def test_custom_multi_gives_text_and_name_variants() -> None:
    reference = one(MULTI)
    assert reference.variants == (
        TextVariant("title", "sr-Cyrl", "ПРОМЕНА РЕГИОНАЛНЕ РАВНОТЕЖЕ"),
        TextVariant("container_title", "ru-Latn", "Voennaya mysl'"),
        TextVariant("container_title", "en", "Military Thought"),
    )
    first, second = reference.names("author")
    assert first.variants == (NameVariant("sr-Cyrl", family="Прерадовић", given="Никола"),)
    assert (first.orcid, second.orcid, second.variants) == ("0009-0007-9571-4258", None, ())
    assert reference.extra == ()


def test_custom_multi_and_orcid_are_written_back_in_the_same_shape() -> None:
    assert written_item(one(MULTI))["custom"] == MULTI["custom"]


def test_an_orcid_inside_a_name_object_is_read() -> None:
    reference = one(
        {"author": [{"family": "Turan", "ORCID": "https://orcid.org/0000-0002-0227-6161"}]}
    )
    assert reference.names("author")[0].orcid == "https://orcid.org/0000-0002-0227-6161"
    assert written_item(reference)["custom"]["orcid"] == {
        "author": ["https://orcid.org/0000-0002-0227-6161"]
    }


def test_a_malformed_multi_is_kept_verbatim_with_a_warning() -> None:
    bad = {"author": [1, 2]}  # no names to be parallel to
    refs, diagnostics = read(json.dumps([{"id": "a", "type": "book", "custom": {"multi": bad}}]))
    assert (refs[0].variants, refs[0].extra) == (
        (),
        (("csljson:custom.multi", '{"author":[1,2]}'),),
    )
    assert [(d.code, d.field) for d in diagnostics] == [("custom-invalid", "custom.multi")]
    assert written_item(refs[0])["custom"] == {"multi": bad}
