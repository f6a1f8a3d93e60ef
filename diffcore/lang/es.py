"""Spanish, from the session-80 AKN4UN texts."""

from __future__ import annotations

from .spec import DateFormat, Language, words_in, wordset

LANGUAGE = Language(
    code="es",
    name="Español",
    script="Latin",
    direction="ltr",
    stemmer="spanish",
    stopwords=wordset(
        "el la los las lo de del y e a al en un una por para con su sus que o u se es son "
        "sobre este esta estos estas"
    ),
    fold_accents=True,
    function_words=wordset("el los las del y por para con una sobre"),
    body_openers=("La Asamblea General,", "La Asamblea General"),
    pp_openers=wordset(
        "recordando reconociendo reafirmando observando acogiendo tomando expresando "
        "destacando teniendo poniendo reiterando consciente habiendo convencida subrayando "
        "preocupada haciendo condenando alentando guiada afirmando resaltando considerando "
        "recalcando deplorando alarmada encomiando conocedora instando decidida aguardando "
        "exhortando creyendo lamentando deseosa pidiendo confiando compartiendo "
        # The States Parties of a convention's preamble speak in the plural.
        "conscientes convencidos deseosos decididos resueltos"
    ),
    pp_prefixes=wordset("profundamente gravemente seriamente sumamente firmemente"),
    op_verbs=wordset(
        "alienta exhorta reconoce solicita acoge recuerda observa insta reafirma toma decide "
        "destaca invita pone reitera expresa subraya pide hace condena encomia recomienda "
        "recalca afirma aprueba apoya aguarda exige autoriza renueva aprecia resalta "
        "considera deplora señala sigue resuelve"
    ),
    sub_label=r"^\(?([a-z]{1,2}|[ivxlc]{1,6})\)",
    annex_words=("Anexo",),
    heading_label=r"^(?P<word>Parte|Capítulo|Sección|Artículo)\s+(?P<num>[IVXLC]{1,6}|\d{1,3}[A-Z]?)",
    heading_words=words_in("Parte=Part Capítulo=Chapter Sección=Section Artículo=Article"),
    meeting_line=r"\d{1,4} ?[aª]\.? sesión plenaria(?: \(continuación\))?",
    dates=DateFormat(
        full=r"(?<!\w)(?:{day}\s+de\s+)?{month}\s+(?:de\s+|del\s+)?{year}(?!\d)",
        day_month=r"(?<!\w){day}\s+de\s+{month}(?!\w)",
        locales=("es",),
    ),
)
