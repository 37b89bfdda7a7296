"""Russian romanization schemes (and ISO 9, which every language shares).

Sources: ISO 9:1995 = GOST 7.79-2000 System A; GOST 7.79-2000 System B; the
ALA-LC Russian table (2012); BGN/PCGN 1947; the "BSI" table of translit.ru that
Russian journals prescribe for Scopus reference lists; the international
scholarly system; ICAO Doc 9303 (Russian passports since 2014); English
Wikipedia's WP:RUS (modified BGN/PCGN with common English forms); the Serbian
orthography's transcription of Russian names (Pravopis, t. 166 ff.).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .languages import ALPHABETS
from .table import Scheme, derive, parse_letters, restrict, rule

ISO9 = parse_letters(
    """
    а a   б b   в v   г g   ґ g̀   д d   ѓ ǵ   ђ đ   е e   ё ë   є ê   ж ž
    з z   ѕ ẑ   и i   і ì   ї ï   й j   ј ǰ   к k   л l   љ l̂   м m   н n
    њ n̂   о o   п p   р r   с s   т t   ќ ḱ   ћ ć   у u   ў ǔ   ф f   х h
    ц c   ч č   џ d̂   ш š   щ ŝ   ъ ʺ   ы y   ь ʹ   э è   ю û   я â   ' ’
    """
)
"""ISO 9:1995, one Latin letter (with diacritics) per Cyrillic letter, language-independent."""

_AFTER_VOWEL_OR_SIGN = "^ V й ъ ь"


def iso9_scheme(language: str, name: str = "ISO 9:1995") -> Scheme:
    """The ISO 9 scheme of one language: the shared table cut to its alphabet
    (ISO 9 is language-independent, so only the letters differ)."""
    return Scheme(
        f"{language}-iso9",
        name,
        language,
        restrict(ISO9, ALPHABETS[language]),
        source="ISO 9:1995 (= GOST 7.79-2000 System A)",
        short="ISO 9",
    )


RU_ISO9 = iso9_scheme("ru", "ISO 9:1995 / GOST 7.79-2000 System A")

RU_GOST_B = Scheme(
    "ru-gost-b",
    "GOST 7.79-2000 System B",
    "ru",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ё yo  ж zh  з z  и i  й j  к k  л l  м m
        н n  о o  п p  р r  с s  т t  у u  ф f  х x  ц cz  ч ch  ш sh  щ shh
        ъ ``  ы y`  ь `  э e`  ю yu  я ya
        """
    ),
    rules=(rule("ц", "c", before="и е ё ы й э ю я"),),
    source="GOST 7.79-2000 System B (ц is c before i, e, y, j)",
    short="GOST 7.79 B",
)

_ALALC = parse_letters(
    """
    а a  б b  в v  г g  д d  е e  ё ë  ж zh  з z  и i  й ĭ  к k  л l  м m  н n
    о o  п p  р r  с s  т t  у u  ф f  х kh  ц t͡s|t︠s︡  ч ch  ш sh  щ shch
    ъ ʺ  ы y  ь ʹ  э ė  ю i͡u|i︠u︡  я i͡a|i︠a︡
    """
)

RU_ALALC = Scheme(
    "ru-alalc",
    "ALA-LC (with diacritics)",
    "ru",
    _ALALC,
    source="ALA-LC Romanization Tables: Russian",
    short="ALA-LC",
)

RU_ALALC_PLAIN = Scheme(
    "ru-alalc-nodiacritics",
    "ALA-LC without diacritics",
    "ru",
    derive(_ALALC, "ё e  й i  ц ts  э e  ю iu  я ia  ъ \"|∅  ь '|∅"),
    source="ALA-LC as typed without diacritics (Library of Congress practice)",
    short="ALA-LC (no diacritics)",
)

_BGN = parse_letters(
    """
    а a  б b  в v  г g  д d  е e  ё ë  ж zh  з z  и i  й y  к k  л l  м m  н n
    о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch  ш sh  щ shch
    ъ ”  ы y  ь ’  э e  ю yu  я ya
    """
)

RU_BGN = Scheme(
    "ru-bgn",
    "BGN/PCGN 1947",
    "ru",
    _BGN,
    rules=(
        rule("е", "ye", after=_AFTER_VOWEL_OR_SIGN),
        rule("ё", "yë", after=_AFTER_VOWEL_OR_SIGN),
        rule("тс", "ts|t·s"),
        rule("шч", "shch|sh·ch"),
    ),
    source="BGN/PCGN 1947 (е, ё are ye, yë initially and after vowels, й, ъ, ь)",
    short="BGN/PCGN",
)

RU_BSI = Scheme(
    "ru-bsi-scopus",
    'BSI ("translit") for Scopus reference lists',
    "ru",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ё e  ж zh  з z  и i  й i  к k  л l  м m
        н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch  ш sh  щ shch
        ъ ''|"|∅  ы y  ь '|∅  э e  ю yu|iu  я ya|ia
        """
    ),
    rules=(rule("ий", "ii|y", before="$"), rule("ый", "yi|y", before="$")),
    source="translit.ru BSI table prescribed by Russian journals; BS 2979:1958 endings",
    short="BSI",
)

RU_SCHOLARLY = Scheme(
    "ru-scholarly",
    "Scholarly (scientific) transliteration",
    "ru",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ё ë  ж ž  з z  и i  й j  к k  л l  м m  н n
        о o  п p  р r  с s  т t  у u  ф f  х x|ch|h  ц c  ч č  ш š  щ šč
        ъ ʺ  ы y  ь ʹ  э è|ė  ю ju  я ja
        """
    ),
    source="International scholarly system (linguistics)",
    short="scholarly",
)

RU_ICAO = Scheme(
    "ru-icao",
    "ICAO Doc 9303 (passports)",
    "ru",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ё e  ж zh  з z  и i  й i  к k  л l  м m
        н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch  ш sh  щ shch
        ъ ie  ы y  ь ∅  э e  ю iu  я ia
        """
    ),
    source="ICAO Doc 9303, Part 3; Russian passports since 2014",
    short="ICAO",
)

RU_WIKIPEDIA = Scheme(
    "ru-wikipedia",
    "Wikipedia (modified BGN/PCGN, common English forms)",
    "ru",
    derive(_BGN, "ё yo  ъ ∅  ь ∅"),
    rules=(
        rule("ий", "y|i|iy", before="$"),
        rule("ый", "y", before="$"),
        rule("ия", "iya|ia", before="$"),
        rule("ья", "ya|ia"),
        rule("ьи", "yi"),
        rule("кс", "ks|x"),
        rule("е", "e|ye", after="е"),
        rule("е", "ye", after=_AFTER_VOWEL_OR_SIGN),
        rule("ё", "o|yo", after="ж ч ш щ"),
        rule("ё", "yo", after=_AFTER_VOWEL_OR_SIGN),
        rule("й", "y|i", after="V", before="$"),
    ),
    source="WP:RUS; -ий/-ый are -y, -ее- may be -ee- (Mendeleev), English forms Yuri, Sergei",
    short="Wikipedia",
)

RU_SR = Scheme(
    "ru-sr-transcription",
    "Serbian transcription of Russian",
    "ru",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ё jo  ж ž  з z  и i  й j  к k  л l  м m  н n
        о o  п p  р r  с s  т t  у u  ф f  х h  ц c  ч č  ш š  щ šč  ъ ∅  ы i
        ь ∅  э e  ю ju  я ja
        """
    ),
    rules=(
        rule("ский", "ski", before="$"),
        rule("цкий", "cki", before="$"),
        rule("ий", "ij|i", before="$"),
        rule("ый", "i|ij", before="$"),
        rule("ль", "lj", before="C $"),
        rule("нь", "nj", before="C $"),
        rule("е", "je", after="^ V ъ ь"),
        rule("и", "ji", after="ь"),
        rule("ё", "o", after="ж ч ш щ"),
        rule("ю", "u", after="ж ч ш щ"),
        rule("я", "a", after="ж ч ш щ"),
    ),
    source="Pravopis srpskoga jezika: transkripcija ruskih imena (Макиенко -> Makijenko)",
    short="Serbian transcription",
)

RUSSIAN_SCHEMES: tuple[Scheme, ...] = (
    RU_ISO9,
    RU_GOST_B,
    RU_ALALC,
    RU_ALALC_PLAIN,
    RU_BGN,
    RU_BSI,
    RU_SCHOLARLY,
    RU_ICAO,
    RU_WIKIPEDIA,
    RU_SR,
)

CONVENTIONAL_GIVEN_NAMES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "александр": ("alexander", "alexandr"),
        "александра": ("alexandra",),
        "алексей": ("alexei", "alexey"),
        "ксения": ("xenia",),
        "максим": ("maxim",),
        "пётр": ("pyotr", "petr"),
        "петр": ("petr",),
    }
)
"""English forms of given names that are equivalents, not transliterations.

Only names whose English form is one letter away from a transliteration need
listing (Alexander vs Aleksandr would otherwise read as a typo); forms such as
Yuri or Sergei are covered by the Wikipedia scheme's rules.
"""
