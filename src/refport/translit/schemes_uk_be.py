"""Ukrainian and Belarusian romanization schemes.

Sources: Resolution No. 55 of the Cabinet of Ministers of Ukraine (27 January
2010), adopted by BGN/PCGN in 2019; ALA-LC Ukrainian and Belarusian tables;
ISO 9:1995; the scholarly system; the Belarusian Instruction on transliteration
of geographical names (2007, recommended by UNGEGN).
"""

from __future__ import annotations

from .schemes_ru import iso9_scheme
from .table import Scheme, parse_letters, rule

UK_NATIONAL = Scheme(
    "uk-national-2010",
    "National 2010 (KMU No. 55; BGN/PCGN since 2019)",
    "uk",
    parse_letters(
        """
        а a  б b  в v  г h  ґ g  д d  е e  є ie  ж zh  з z  и y  і i  ї i  й i
        к k  л l  м m  н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch
        ш sh  щ shch  ь ∅  ю iu  я ia  ' ∅
        """
    ),
    rules=(
        rule("зг", "zgh"),
        rule("є", "ye", after="^"),
        rule("ї", "yi", after="^"),
        rule("й", "y", after="^"),
        rule("ю", "yu", after="^"),
        rule("я", "ya", after="^"),
    ),
    source="KMU Resolution No. 55 (2010): зг is zgh; є ї й ю я are ye yi y yu ya word-initially",
    short="Ukrainian national 2010",
)

UK_ALALC = Scheme(
    "uk-alalc",
    "ALA-LC",
    "uk",
    parse_letters(
        """
        а a  б b  в v  г h  ґ g  д d  е e  є i͡e  ж z͡h|zh  з z  и y  і i  ї ï  й ĭ
        к k  л l  м m  н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц t͡s  ч ch
        ш sh  щ shch  ь ʹ  ю i͡u  я i͡a  ' ʺ
        """
    ),
    source="ALA-LC Romanization Tables: Ukrainian",
    short="ALA-LC",
)

UK_ISO9 = iso9_scheme("uk")

UK_SCHOLARLY = Scheme(
    "uk-scholarly",
    "Scholarly (scientific) transliteration",
    "uk",
    parse_letters(
        """
        а a  б b  в v  г h  ґ g  д d  е e  є je  ж ž  з z  и y  і i  ї ji  й j
        к k  л l  м m  н n  о o  п p  р r  с s  т t  у u  ф f  х x|ch  ц c  ч č
        ш š  щ šč  ь ʹ  ю ju  я ja  ' ʺ|’|∅
        """
    ),
    source="International scholarly system (linguistics)",
    short="scholarly",
)

UK_BGN_1965 = Scheme(
    "uk-bgn-1965",
    "BGN/PCGN 1965 (superseded 2019, still common)",
    "uk",
    parse_letters(
        """
        а a  б b  в v  г h  ґ g  д d  е e  є ye  ж zh  з z  и y  і i  ї yi  й y
        к k  л l  м m  н n  о o  п p  р r  с s  т t  у u  ф f  х kh  ц ts  ч ch
        ш sh  щ shch  ь ’  ю yu  я ya  ' ”
        """
    ),
    rules=(rule("зг", "zh|z·h"),),
    source="BGN/PCGN 1965 for Ukrainian: Andriy, Yuriy, Oleksiy in two decades of literature",
    short="BGN/PCGN 1965",
)

UKRAINIAN_SCHEMES: tuple[Scheme, ...] = (
    UK_NATIONAL,
    UK_ALALC,
    UK_ISO9,
    UK_SCHOLARLY,
    UK_BGN_1965,
)

_BE_IOTATED = "^ V ' ь ў"

BE_OFFICIAL = Scheme(
    "be-official",
    "Official (Instruction on transliteration, 2007)",
    "be",
    parse_letters(
        """
        а a  б b  в v  г h  д d  е ie  ё io  ж ž  з z  і i  й j  к k  л l  м m
        н n  о o  п p  р r  с s  т t  у u  ў ŭ  ф f  х ch  ц c  ч č  ш š  ы y
        ь ʹ  э e  ю iu  я ia  ' ∅
        """
    ),
    rules=(
        rule("дзь", "dź"),
        rule("зь", "ź"),
        rule("ль", "ĺ"),
        rule("нь", "ń"),
        rule("сь", "ś"),
        rule("ць", "ć"),
        rule("е", "je", after=_BE_IOTATED),
        rule("ё", "jo", after=_BE_IOTATED),
        rule("ю", "ju", after=_BE_IOTATED),
        rule("я", "ja", after=_BE_IOTATED),
    ),
    source="Instruction on transliteration of Belarusian geographical names (2007); UNGEGN",
    short="Belarusian official",
)

BE_ALALC = Scheme(
    "be-alalc",
    "ALA-LC",
    "be",
    parse_letters(
        """
        а a  б b  в v  г h  д d  е e  ё i͡o  ж z͡h|zh  з z  і i  й ĭ  к k  л l  м m
        н n  о o  п p  р r  с s  т t  у u  ў ŭ  ф f  х kh  ц ts  ч ch  ш sh  ы y
        ь ʹ  э ė  ю i͡u  я i͡a  ' ʺ
        """
    ),
    source="ALA-LC Romanization Tables: Belarusian (2012)",
    short="ALA-LC",
)

BE_ISO9 = iso9_scheme("be")

BE_BGN = Scheme(
    "be-bgn",
    "BGN/PCGN 1979",
    "be",
    parse_letters(
        """
        а a  б b  в v  г h  д d  е ye  ё yo  ж zh  з z  і i  й y  к k  л l  м m
        н n  о o  п p  р r  с s  т t  у u  ў w  ф f  х kh  ц ts  ч ch  ш sh  ы y
        ь ’  э e  ю yu  я ya  ' ”
        """
    ),
    rules=(rule("тс", "ts|t·s"),),
    source="BGN/PCGN 1979 for Belarusian, the form of the English-language press (Lukashenka)",
    short="BGN/PCGN",
)

BELARUSIAN_SCHEMES: tuple[Scheme, ...] = (BE_OFFICIAL, BE_ALALC, BE_ISO9, BE_BGN)
