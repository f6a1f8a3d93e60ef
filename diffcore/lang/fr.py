"""French, from the session-80 AKN4UN texts."""

from __future__ import annotations

from .spec import DateFormat, Language, words_in, wordset

LANGUAGE = Language(
    code="fr",
    name="Français",
    script="Latin",
    direction="ltr",
    stemmer="french",
    stopwords=wordset(
        "le la les l de des du d et à au aux en un une sur pour par avec ses son sa "
        "qui que qu dans ou est sont ce cette ces se s"
    ),
    elisions=("l’", "d’", "qu’", "s’", "n’", "c’", "j’", "m’", "jusqu’", "lorsqu’", "puisqu’"),
    fold_accents=True,
    function_words=wordset("le les des du et est une dans pour sur qui au aux"),
    body_openers=("L’Assemblée générale,", "L’Assemblée générale"),
    pp_openers=wordset(
        "rappelant réaffirmant prenant se consciente soulignant notant considérant "
        "constatant sachant ayant convaincue saluant préoccupée condamnant insistant "
        "estimant affirmant exprimant guidée accueillant encourageant reconnaissant "
        "déplorant réitérant tenant alarmée appréciant remerciant demandant mesurant "
        "déclarant résolue invitant s’inquiétant gardant attendant appelant inquiète "
        "regrettant félicitant désireuse exhortant louant demeurant s’inspirant "
        # The States Parties of a convention's preamble speak in the plural.
        "conscients convaincus désireux résolus soucieux déterminés"
    ),
    pp_prefixes=wordset(
        "profondément vivement gravement particulièrement fermement également aussi"
    ),
    clitics=wordset("se"),
    op_verbs=wordset(
        "demande prie encourage souligne prend se réaffirme rappelle engage invite décide "
        "note exhorte constate considère salue est estime condamne accueille sait "
        "recommande insiste affirme exprime félicite reconnaît remercie approuve préconise "
        "appelle apprécie exige attend s’engage souhaite appuie convient souscrit déplore "
        "déclare autorise redit réitère renouvelle adopte fait"
    ),
    sub_label=r"^\(?([a-z]{1,2}|[ivxlc]{1,6})\)",
    annex_words=("Annexe",),
    ordinals=("premier|première",),
    heading_label=r"^(?P<word>Titre|Chapitre|Article)\s+(?P<num>premier|première|[IVXLC]{1,6}|\d{1,3}[A-Z]?)",
    # The budget's sections are "chapitres" with figures; a treaty's chapters have roman
    # numerals ("Chapitre II"): "Chapitre premier" takes the series of the chapter after it.
    heading_words=words_in("Titre=Part Chapitre=Chapter Chapitre#=Section Article=Article"),
    meeting_line=r"\d{1,4} ?e séance plénière(?: \(reprise\))?",
    # Articles and prepositions agree with the noun ("du rapport" / "des rapports"), so
    # one changed word changes more word pairs than in English: two rows a band.
    reuse_run=9,
    reuse_band_rows=2,
    dates=DateFormat(
        full=r"(?<!\w)(?:{day}\s+)?{month}\s+{year}(?!\d)",
        day_month=r"(?<!\w){day}\s+{month}(?!\w)",
        locales=("fr",),
    ),
)
