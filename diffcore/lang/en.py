"""English: the language resdiff was first written for; its lists stay as they were."""

from __future__ import annotations

from dataclasses import replace

from .spec import ChangeWords, DateFormat, Language, words_in, wordset

# Words that may open a preambular paragraph (the structure builder's English list).
PP_OPENERS = frozenset(
    [
        "mindful",
        "aware",
        "cognizant",
        "conscious",
        "convinced",
        "concerned",
        "alarmed",
        "determined",
        "desirous",
        "guided",
        "encouraged",
        "appreciative",
        "committed",
        "dismayed",
        "disturbed",
        "saddened",
        "shocked",
        "outraged",
        "gratified",
        "pleased",
        "satisfied",
        "resolved",
        "deeply",
        "gravely",
        "seriously",
        "profoundly",
        "strongly",
        "firmly",
        "fully",
        "also",
        "further",
        "bearing",
        "having",
        "taking",
        "noting",
        "recalling",
        "recognizing",
        "reaffirming",
        "welcoming",
        "emphasizing",
        "stressing",
        "expressing",
        "acknowledging",
        "underlining",
        "deploring",
        "condemning",
        "affirming",
        "considering",
        "believing",
        "acting",
        "reiterating",
        "underscoring",
        "regretting",
        "observing",
    ]
)
ADVERBS = frozenset(
    [
        "also",
        "further",
        "deeply",
        "gravely",
        "seriously",
        "profoundly",
        "strongly",
        "firmly",
        "fully",
        "once",
        "again",
        "particularly",
        "equally",
        "mindful",
    ]
)
# Similarity ignores these (kept exactly as the aligner has always had them).
STOPWORDS = wordset(
    "the of and to in a an on for by with its at as or be that this is are from which all"
)
# Session-80 AKN4UN: first words of operative paragraphs, 5 or more occurrences.
OP_VERBS = wordset(
    "acknowledges adopts appeals appreciates approves authorizes calls commends commits "
    "condemns considers continues decides demands deplores emphasizes encourages endorses "
    "expresses highlights invites looks notes reaffirms recalls recognizes recommends "
    "recommits reiterates requests resolves stresses supports takes underlines underscores "
    "urges welcomes"
)

LANGUAGE = Language(
    code="en",
    name="English",
    script="Latin",
    direction="ltr",
    stemmer="english",
    stopwords=STOPWORDS,
    function_words=wordset("the of and to that with for is by which"),
    body_openers=("The General Assembly,", "The General Assembly"),
    pp_openers=PP_OPENERS,
    pp_prefixes=ADVERBS,
    op_verbs=OP_VERBS,
    dates=DateFormat(
        full=r"(?<!\w)(?:{day}\s+)?{month}(?:\s+(?P<day2>\d{{1,2}}),)?\s+{year}(?!\d)",
        day_month=r"(?<!\w){day}\s+{month}(?!\w)",
        locales=("en",),
    ),
)

# Amendment documents (`diffcore.amendments`): the words an edit is stated in, as
# regular-expression alternatives ("Delete the third preambular paragraph", "In operative
# paragraph 2, replace “...” with “...”", "After operative paragraph 3, insert a new
# operative paragraph, reading: ...").
AMENDMENT_WORDS: dict[str, str] = {
    "delete": r"delete|remove",
    "replace": r"replace",
    "with": r"with|by",
    "insert": r"insert|add",
    "in": r"in",
    "after": r"after",
    "before": r"before",
    "at_end": r"at the end of",
    "new": r"a new",
    "reading": r"reading|to read|which reads|as follows",
    "the": r"the",
    "and": r"and|,\s*and|,",
    "paragraph": r"paragraphs?",
    "preambular": r"preambular",
    "operative": r"operative",
    "amends": r"amendments?\s+to\s+(?:the\s+)?(?:revised\s+)?draft\s+(?:resolution|decision)",
}

# --- change classes (diffcore.classify) ---------------------------------------------

_UNITS = words_in("first second third fourth fifth sixth seventh eighth ninth")
_TEENS = words_in(
    "tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth "
    "eighteenth nineteenth"
)
_TENS = words_in("twenty thirty forty fifty sixty seventy eighty ninety")
_TENTHS = words_in("twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth")


def _ordinals() -> tuple[tuple[str, int], ...]:
    """ "first" 1 ... "ninety-ninth" 99: session ordinals, spelled as the UN spells them."""
    out = [(w, k + 1) for k, w in enumerate(_UNITS)]
    out += [(w, k + 10) for k, w in enumerate(_TEENS)]
    for k, (tens, tenth) in enumerate(zip(_TENS, _TENTHS, strict=True)):
        out.append((tenth, 20 + 10 * k))
        out += [(f"{tens}-{unit}", 20 + 10 * k + j + 1) for j, unit in enumerate(_UNITS)]
    return tuple(out)


CHANGE_WORDS = ChangeWords(
    ordinals=_ordinals(),
    months=wordset(
        "january february march april may june july august september october november december"
    ),
    reference_words=wordset("item items resolution resolutions decision decisions no"),
    renumber_words=wordset("paragraph paragraphs footnote footnotes annex section"),
    reference_glue=wordset("and of resolution resolutions decision decisions session sessions"),
    spelling_variants=(
        ("program", "programme"),
        ("programs", "programmes"),
        ("judgment", "judgement"),
        ("acknowledgment", "acknowledgement"),
        ("percent", "per cent"),
        ("center", "centre"),
        ("centers", "centres"),
    ),
    # Decides > Demands > Urges > Calls upon = Requests > Recommends > Encourages >
    # Invites = Welcomes > Notes with appreciation > Takes note = Notes.
    verb_scale=(
        ("decides", 8.0),
        ("demands", 7.0),
        ("urges", 6.0),
        ("calls upon", 5.0),
        ("calls on", 5.0),
        ("requests", 5.0),
        ("recommends", 4.0),
        ("encourages", 3.0),
        ("invites", 2.0),
        ("welcomes", 2.0),
        ("notes with appreciation", 1.5),
        ("takes note with appreciation", 1.5),
        ("takes note", 1.0),
        ("notes", 1.0),
    ),
    verb_intensifiers=(("strongly", 0.5), ("urgently", 0.5)),
    sequence_words=wordset("also further again once and"),
    opener_intensity=(
        ("gravely", 3.0),
        ("grave", 3.0),
        ("deeply", 2.0),
        ("deep", 2.0),
        ("seriously", 2.0),
        ("serious", 2.0),
        ("profoundly", 2.0),
        ("profound", 2.0),
        ("strongly", 2.0),
        ("strong", 2.0),
        ("great", 2.0),
        ("particularly", 1.5),
        ("particular", 1.5),
    ),
    mandate_addressees=("the secretary-general", "the secretariat"),
    mandate_phrases=(
        ("submit a report", "report"),
        ("submit to the general assembly", "report"),
        ("to report", "report"),
        ("a report", "report"),
        ("to convene", "convene"),
        ("to organize", "convene"),
        ("include in the provisional agenda", "agenda"),
    ),
    periodicity_words=(
        ("annually", 1),
        ("annual", 1),
        ("biennially", 2),
        ("biennial", 2),
        ("every two years", 2),
        ("triennially", 3),
        ("triennial", 3),
        ("every three years", 3),
    ),
    session_word="session",
)
LANGUAGE = replace(LANGUAGE, change_words=CHANGE_WORDS)
