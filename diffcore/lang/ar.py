"""Arabic, from the session-80 AKN4UN texts (right to left; labels in Arabic letters)."""

from __future__ import annotations

from .spec import DateFormat, Language, words_in, wordset

LANGUAGE = Language(
    code="ar",
    name="العربية",
    script="Arabic",
    direction="rtl",
    stemmer="arabic",
    ignore_marks="\u0640\u064b-\u065f\u0670",
    stopwords=wordset("في من على إلى عن و أن إن ذلك التي الذي هذه هذا مع أو ما لا"),
    body_openers=("إن الجمعية العامة،", "إن الجمعية العامة"),
    # Preambular paragraphs open "وإذ تشير" ("and recalling"): the particle, then the verb.
    pp_openers=wordset(
        "تشير تؤكد تلاحظ ترحب تسلّم تحيط تسلم تشدد تعرب تعيد يساورها تقر تضع تدرك تكرر "
        "تعترف تدين تنوه تشجع تسترشد تعي تشيد تأخذ ترى تبرز يثير تحث تتطلع تثني تدعو "
        "تهيب تشعر تعتقد تجدد وقد واقتناعا وإدراكا"
    ),
    pp_prefixes=wordset("وإذ إذ"),
    pp_markers=wordset("وإذ إذ"),
    op_verbs=wordset(
        "تشجع تطلب تهيب تؤكد ترحب تلاحظ تشير تدعو تحث تشدد تحيط تقرر تعرب تقر تكرر تسلم "
        "تعيد تسلّم تدين تعترف توصي تنوه تؤيد تدرك تثني توافق تجدد تشيد تذكر تناشد تأخذ "
        "تطالب تأذن تتطلع ترى تعلن تعتمد"
    ),
    # "(أ)", "(هـ)" (a tatweel after a lone letter), and "’1‘" for the English "(i)".
    # After the 26th letter the labels double, as the English "(aa)": "(أ أ)".
    sub_label=(
        r"^(?:\(([\u0621-\u063a\u0641-\u064a](?: ?[\u0621-\u063a\u0641-\u064a])?)\u0640?\)"
        r"|’(\d{1,2})‘)"
    ),
    sub_figures=True,
    sub_letters=words_in("أ ب ج د ه و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت ث خ ذ ض ظ غ"),
    annex_words=("المرفق",),
    ordinals=words_in(
        "الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحادي_عشر "
        "الثاني_عشر الثالث_عشر الرابع_عشر الخامس_عشر"
    ),
    heading_label=r"^(?P<word>الجزء|الفصل|الباب|المادة)\s+(?P<num>\d{1,3}(?: \S+)?|ال\S+(?: عشر)?)",
    heading_words=words_in("الجزء=Part الفصل=Chapter الباب=Section المادة=Article"),
    # Sections are numbered in words: "أولا" ("firstly") is the English "I".
    # From the 21st, files write the first word with or without its final alif
    # ("حاديا وعشرين", "ثاني وعشرين"): "|" separates the spellings of one numeral.
    section_numerals=words_in(
        "أولا ثانيا ثالثا رابعا خامسا سادسا سابعا ثامنا تاسعا عاشرا حادي_عشر ثاني_عشر "
        "ثالث_عشر رابع_عشر خامس_عشر سادس_عشر سابع_عشر ثامن_عشر تاسع_عشر عشرون|عشرين "
        "حادي_وعشرين|حاديا_وعشرين ثاني_وعشرين|ثانيا_وعشرين ثالث_وعشرين|ثالثا_وعشرين "
        "رابع_وعشرين|رابعا_وعشرين خامس_وعشرين|خامسا_وعشرين"
    ),
    # Subsections "ألف - مقدمة" are the English "A. Introduction": letters by their names.
    section_letters=words_in(
        "ألف باء جيم دال هاء واو زاي حاء طاء ياء كاف لام ميم نون سين عين فاء صاد قاف راء "
        "شين تاء ثاء خاء ذال ضاد"
    ),
    clause_ends=",;،؛",
    sentence_ends=".:",
    meeting_line=r"الجلسة العامة \S+(?: \S+)?",
    dates=DateFormat(
        # "24 تشرين الثاني/نوفمبر 2025": the Levantine name, a slash, the Egyptian one; the
        # year is sometimes set against the month ("أكتوبر2025").
        full=r"(?<!\w)(?:{day}\s+)?(?:(?:{months})\s*/\s*)?{month}\s*{year}(?!\d)",
        day_month=r"(?<!\w){day}\s+(?:(?:{months})\s*/\s*)?{month}(?!\w)",
        locales=("ar", "ar_SY"),
        # Arabic UN documents write June and July "يونيه" and "يوليه" (CLDR: "يونيو",
        # "يوليو"), 370 times in session 80.
        extra_months=(("يونيه", 6), ("يوليه", 7)),
    ),
)
