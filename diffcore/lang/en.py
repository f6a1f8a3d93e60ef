"""English: the language resdiff was first written for; its lists stay as they were."""

from __future__ import annotations

from .spec import Language, wordset

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
        "convinced",
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
