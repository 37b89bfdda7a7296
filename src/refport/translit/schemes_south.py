"""Serbian, Bulgarian and Macedonian romanization schemes.

Sources: the Serbian Latin alphabet (Gaj), which maps 1:1 onto Serbian
Cyrillic; the Bulgarian Transliteration Act (2009, "Streamlined System");
ALA-LC Bulgarian and Macedonian tables; ISO 9:1995; the official Macedonian
Latin alphabet (digraph and diacritic forms both in use).
"""

from __future__ import annotations

from .schemes_ru import iso9_scheme
from .table import Scheme, parse_letters, rule

SR_GAJ = Scheme(
    "sr-gaj",
    "Serbian Latin alphabet (Gaj)",
    "sr",
    parse_letters(
        """
        а a  б b  в v  г g  д d  ђ đ  е e  ж ž  з z  и i  ј j  к k  л l  љ lj
        м m  н n  њ nj  о o  п p  р r  с s  т t  ћ ć  у u  ф f  х h  ц c  ч č
        џ dž  ш š
        """
    ),
    source="Serbian Latin alphabet, 1:1 with Serbian Cyrillic",
    short="Serbian Latin",
)

SERBIAN_SCHEMES: tuple[Scheme, ...] = (SR_GAJ,)

BG_OFFICIAL = Scheme(
    "bg-official-2009",
    "Official 2009 (Transliteration Act)",
    "bg",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ж zh  з z  и i  й y  к k  л l  м m  н n
        о o  п p  р r  с s  т t  у u  ф f  х h  ц ts  ч ch  ш sh  щ sht  ъ a
        ь y  ю yu  я ya
        """
    ),
    rules=(rule("ия", "ia", before="$"),),
    source="Bulgarian Transliteration Act (2009): final -ия is -ia",
    short="Bulgarian official 2009",
)

BG_ALALC = Scheme(
    "bg-alalc",
    "ALA-LC",
    "bg",
    parse_letters(
        """
        а a  б b  в v  г g  д d  е e  ж zh  з z  и i  й ĭ  к k  л l  м m  н n
        о o  п p  р r  с s  т t  у u  ф f  х kh  ц t͡s  ч ch  ш sh  щ sht  ъ ŭ
        ь ʹ  ю i͡u  я i͡a
        """
    ),
    rules=(rule("ъ", "∅", after="C", before="$"),),
    source="ALA-LC Romanization Tables: Bulgarian (final ъ of the old orthography dropped)",
    short="ALA-LC",
)

BG_ISO9 = iso9_scheme("bg")

BULGARIAN_SCHEMES: tuple[Scheme, ...] = (BG_OFFICIAL, BG_ALALC, BG_ISO9)

MK_OFFICIAL = Scheme(
    "mk-official",
    "Official Macedonian Latin alphabet",
    "mk",
    parse_letters(
        """
        а a  б b  в v  г g  д d  ѓ gj|ǵ  е e  ж zh|ž  з z  ѕ dz  и i  ј j  к k
        л l  љ lj  м m  н n  њ nj  о o  п p  р r  с s  т t  ќ kj|ḱ  у u  ф f
        х h  ц c  ч ch|č  џ dzh|dž  ш sh|š
        """
    ),
    source="Official Macedonian romanization (digraph forms; diacritic forms also in use)",
    short="Macedonian official",
)

MK_ALALC = Scheme(
    "mk-alalc",
    "ALA-LC",
    "mk",
    parse_letters(
        """
        а a  б b  в v  г g  д d  ѓ ǵ  е e  ж zh  з z  ѕ dz  и i  ј j  к k  л l
        љ lj  м m  н n  њ nj  о o  п p  р r  с s  т t  ќ ḱ  у u  ф f  х kh
        ц ts  ч ch  џ dzh  ш sh
        """
    ),
    source="ALA-LC Romanization Tables: Macedonian",
    short="ALA-LC",
)

MK_ISO9 = iso9_scheme("mk")

MACEDONIAN_SCHEMES: tuple[Scheme, ...] = (MK_OFFICIAL, MK_ALALC, MK_ISO9)
