"""The RIS modules' speed shortcuts give what the general code gives: the
LF-only line split, and the plain-person test the writer tries before
parsing a name back (see also test_ris_speed)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from refport.formats import ris
from refport.formats.ris_lines import split_lines
from refport.formats.ris_values import name_survives, survives_plainly
from refport.model import Name, Reference
from strategies import names

# --- RIS lines ------------------------------------------------------------------------------

#: Line breaks RIS splits at (LF) and ones it does not, never a CR: the LF-only shortcut.
LF_TEXT = st.lists(
    st.sampled_from(["TY  - ", "AU", "x", " ", "\n", "\n\n", "\x0b", "\x85", "\u2028", "é"]),
    max_size=12,
).map("".join)


@given(LF_TEXT)
def test_a_text_without_cr_splits_at_lf_only(text: str) -> None:
    assert split_lines(text) == re.split(r"\r\n|\r|\n", text)


# --- RIS names ------------------------------------------------------------------------------

NAME_TEXT = st.lists(
    st.sampled_from(["van", "de", "Gils", "Eske", "J.", "Jr.", ",", " ", "\t", "\xa0", "é", "É"]),
    max_size=5,
).map("".join)
#: Words, as most family and given names are (lower-case ones among them).
WORDS = st.lists(
    st.sampled_from(["van", "de", "Gils", "Eske", "J.", "é", "É", "Ødegård", "ǆ", "ǅ"]),
    min_size=1,
    max_size=3,
).map(" ".join)
PART = st.sampled_from([None, "", "van", "Jr.", " ", "WHO"])


@given(st.builds(Name, WORDS | NAME_TEXT, WORDS | NAME_TEXT))
def test_a_family_and_given_name_that_survive_plainly_survive(name: Name) -> None:
    if survives_plainly(name):
        assert name_survives(name)


@given(st.builds(Name, WORDS, WORDS, PART, PART, PART, PART))
def test_a_name_with_other_parts_that_survives_plainly_survives(name: Name) -> None:
    if survives_plainly(name):
        assert name_survives(name)


@given(names())
def test_a_generated_name_that_survives_plainly_survives(name: Name) -> None:
    if survives_plainly(name):
        assert name_survives(name)


def test_the_usual_person_takes_the_shortcut_and_others_do_not() -> None:
    assert survives_plainly(Name("Smith", "John A."))
    assert survives_plainly(Name("Ødegård", "Åse"))
    assert not survives_plainly(Name("Gils", "Eske", non_dropping_particle="van"))
    assert not survives_plainly(Name("Beethoven", "Ludwig van"))  # a dropping particle
    assert not survives_plainly(Name("Smith", "John", suffix="Jr."))
    assert not survives_plainly(Name(literal="World Health Organization"))
    assert not survives_plainly(Name("Smith ", "John"))


# --- RIS creators shared between records ------------------------------------------------------


def test_a_shared_creator_takes_its_role_and_properties_per_record() -> None:
    text = (
        "TY  - JOUR\nAU  - Smith, J\nU1  - author 1 orcid: 0000-0002-1825-0097\nER  - \n"
        "TY  - JOUR\nAU  - Smith, J\nER  - \n"
        "TY  - JOUR\nED  - Smith, J\nER  - \n"
    )
    first, second, third = [item for item in ris.read(text) if isinstance(item, Reference)]
    assert [(c.role, c.name.orcid) for c in first.creators] == [("author", "0000-0002-1825-0097")]
    assert [(c.role, c.name.orcid) for c in second.creators] == [("author", None)]
    assert [c.role for c in third.creators] == ["editor"]
    assert first.creators[0].name.family == third.creators[0].name.family == "Smith"
