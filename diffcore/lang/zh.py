"""Chinese, from the session-80 AKN4UN texts (no spaces between words)."""

from __future__ import annotations

from .spec import DateFormat, Language, words_in, wordset

# Two-character verbs that open preambular paragraphs; "又"/"还" ("also", "further")
# may stand before them.
PP_OPENERS = wordset(
    "回顾 重申 认识 表示 欢迎 注意 强调 确认 关切 承认 意识 深为 铭记 深信 着重 审议 "
    "赞赏 再次 考虑 肯定 遵循 鼓励 申明 欣见 满意 感到 谴责 赞扬 审查 指出 认为 知悉 "
    "决心 敦促 痛惜 深感 期待 念及 遗憾 震惊 宣布 提请 承诺 希望 确信 促请 支持 认可 收到"
)
PP_PREFIXES = wordset(
    "又 还 再次 在这方面 严重 强烈 最强烈地 特别 极为 非常 同样 尤其 大力 重点 "
    "庄严 深为 仍 十分 紧急 已"
)
OP_VERBS = wordset(
    "鼓励 促请 强调 表示 重申 确认 欢迎 敦促 回顾 请 邀请 决定 注意 再次 呼吁 赞赏 着重 "
    "认识 承认 关切 赞扬 建议 满意 申明 肯定 指出 认可 欣见 支持 期待 考虑 要求 谴责 "
    "通过 核可 承诺 授权 核准 吁请"
)
# Frequent names in the resolutions, kept whole by the segmenter.
NAMES = wordset("大会 联合国 秘书长 会员国 安全理事会 经济及社会理事会 决议 报告")

LANGUAGE = Language(
    code="zh",
    name="中文",
    script="Han",
    direction="ltr",
    stemmer=None,
    stopwords=frozenset(),
    segmentation="han",
    body_openers=("大会，", "大会"),
    lexicon=PP_OPENERS | PP_PREFIXES | OP_VERBS | NAMES,
    pp_openers=PP_OPENERS,
    pp_prefixes=PP_PREFIXES,
    lead_phrases=r"在其第[一二三四五六七八九十百]+届(?:特别)?会议上[，,]?",
    op_verbs=OP_VERBS,
    # Full-width and half-width parentheses both occur in Chinese texts.
    # "㈠" .. "㈩" is (i) .. (x); from (xi) on, the numeral in parentheses: "(十一)".
    # Quoted treaty articles letter their items with the earthly branches: "(子)" is (a).
    sub_label=(
        r"^(?:[(（]([a-z]{1,2}|[ivxlc]{1,6}|十[一二三四五六七八九]|[子丑寅卯辰巳午未申酉戌亥])[)）]"
        r"|([㈠-㈩]))"
    ),
    quoted_letters=tuple("子丑寅卯辰巳午未申酉戌亥"),
    sub_numerals=(
        *"㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩",
        *words_in("十一 十二 十三 十四 十五 十六 十七 十八 十九"),
    ),
    annex_words=("附件",),
    heading_label=r"^第(?P<num>[一二三四五六七八九十]{1,3}|\d{1,3}[A-Z]?)(?P<word>部分|章|款|条)",
    heading_words=words_in("部分=Part 章=Chapter 款=Section 条=Article"),
    heading_template="第{num}{word}",
    section_numerals=words_in(
        "一 二 三 四 五 六 七 八 九 十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 "
        "二十一 二十二 二十三 二十四 二十五 二十六 二十七 二十八 二十九 三十"
    ),
    clause_ends=",;，；",
    sentence_ends=".:。：？?",
    meeting_line=r"第\d{1,4}次(?:\(续\))?全体会议",
    # 8 English words of a shared passage are about 12 Han characters (sessions 79-80:
    # that run keeps as many partial links in Chinese as 8 words keep in English).
    reuse_run=12,
    dates=DateFormat(
        full=r"{year}\s*年\s*{month}\s*月(?:\s*{day}\s*日)?",
        day_month=r"(?<![年\d]){month}\s*月\s*{day}\s*日",
    ),
)
