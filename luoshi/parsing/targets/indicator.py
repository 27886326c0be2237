"""What a target measures, read from its clause: 全省4G基站总数达到6万个 -> 4G基站总数."""

import re

from luoshi.parsing.targets.context import PERIOD_RE, YEAR_RE
from luoshi.parsing.targets.lexicon import LIST_SEP_RE, PRE_COMPARATOR_RE, WORD_WINDOW

_VERBS = (
    "引进|培养|培训|轮训|选拔|选派|资助|评选|遴选|评定|认定|扶持|支持|建设|建成|新建|改造|筹建|"
    "筹集|设立|组织|发动|转化|培育|创办|服务|打造|吸引|招收|招聘|派出|推广|实施|完成|开展|举办|"
    "新增|增加|发展|创建|表彰|吸纳|安置|帮扶|带动|开发|建立|形成|聘请|聘用|选聘|产生|培植|"
    "跟踪培养|直接服务|孵化|引导|认证|布局|部署|新改建|改扩建|新建改建|提供|解决|覆盖|创造|输出"
)
_ADVERBS = "重点|大力|积极|择优|优先|力争|累计|着力|全力|努力|加快|鼓励并|鼓励|全面"
_LEADING_VERB_RE = re.compile(
    rf"^(?:(?:{_ADVERBS})\s*)*(?P<verb>(?:{_VERBS})(?:(?:和|、|并|及|与)?(?:{_VERBS}))*)"
)
_INDICATOR_FILLER_RE = re.compile(
    rf"^(?:[\s，、]|其中|并且|并|同时|力争|争取|确保|使|[一二三四五六七八九十]是"
    rf"|(?:到|至)(?=[0-9０-９“十])|{_ADVERBS}"
    r"|在[^，；。]{0,30}?(?:领域|方面|范围内|基础上))+"
)
_INDICATOR_TRAIL_RE = re.compile(r"(?:[\s，、的]|总体|合计|共计|累计|总计)+$")
_VERB_IN_CLAUSE_RE = re.compile(
    r"基本|全部|均|都|已|能够|可以|实现|具备|达到|完成|开展|建立|享有|拥有|接入|覆盖|通|参加|参与|"
    r"使用|接受|开通|配备|落实|纳入"
)
_CORE_LENGTH = 2
_STAGES = frozenset(
    {
        *("种植", "收获", "播种", "耕整", "耕种", "植保", "烘干", "采收", "栽植", "机耕"),
        *("机播", "机收", "生产", "加工", "销售", "建设", "运营", "改造", "利用", "处理"),
        *("回收", "收集", "转运", "储存", "监测", "治理"),
    }
)  # 由2015年的55%提高到: the baseline is not part of what is measured.
_BASELINE_RE = re.compile(r"[由从][^，；。]*$")
_YEAR_TAIL_RE = re.compile(r"[0-9０-９]{4}年(?:底|末)?(?:前)?(?:要|将|力争|确保)?$")
_NOTE_RE = re.compile(r"[（(](?:[0-9０-９]{4}年|现|目前|基期|基数|上年)[^（）()]*[）)]")


def leading_verb(text: str, scope: str | None = None) -> str:
    """Return the verb phrase a list clause opens with (重点评选资助200名… -> 评选资助)."""
    text = _strip_head(text)
    if scope and text.startswith(scope):
        text = _strip_head(text[len(scope) :])
    m = _LEADING_VERB_RE.match(text)
    return m["verb"] if m is not None else ""


def _strip_head(text: str) -> str:
    text = _INDICATOR_FILLER_RE.sub("", text)
    while True:
        m = PERIOD_RE.match(text) or YEAR_RE.match(text)
        if m is None or not m.group().strip():
            return text
        text = _INDICATOR_FILLER_RE.sub("", text[m.end() :])


def indicator_for(
    piece: str,
    number_start: int,
    number_end: int,
    *,
    scope: str | None,
    verb: str,
    is_percent: bool,
) -> str:
    """Return the indicator of a target whose number spans piece[number_start:number_end]."""
    before = piece[:number_start]
    after = piece[number_end:]
    cmp = PRE_COMPARATOR_RE.search(before, max(0, len(before) - WORD_WINDOW))
    if cmp is not None:
        before = before[: cmp.start()]
    overall = before.rstrip().endswith("总体")
    before = _BASELINE_RE.sub("", _YEAR_TAIL_RE.sub("", PERIOD_RE.sub("", before)))
    after = _NOTE_RE.sub("", after)
    before = _strip_head(before)
    if scope and before.startswith(scope):
        before = _strip_head(before[len(scope) :])
    after = after.strip()
    if after.startswith("的") and is_percent:
        rest = after[1:]
        m = _VERB_IN_CLAUSE_RE.search(rest)
        if m is not None and m.start() > 0:
            return f"{rest[m.start() :]}的{rest[: m.start()]}比例"
        return f"{rest}比例"
    after = after.lstrip("的")
    text = _INDICATOR_TRAIL_RE.sub("", _INDICATOR_FILLER_RE.sub("", before) + after)
    if verb and not leading_verb(text):
        text = verb + text
    if overall and text:
        text += "（总体）"
    return _balance_quotes(text)


def _balance_quotes(text: str) -> str:
    if text.count("“") > text.count("”"):
        return text.replace("“", "", 1) if text.startswith("“") else text + "”"
    if text.count("”") > text.count("“"):
        return text.removesuffix("”") if text.endswith("”") else "“" + text
    return text


def expand_subjects(subject: str) -> list[str]:
    """Return the subjects of a 均/分别 list: 马铃薯种植、收获机械化率 -> 马铃薯种植机械化率, …."""
    items = [item for item in LIST_SEP_RE.split(subject) if item]
    if len(items) < 2:
        return [subject]
    first, last = items[0], items[-1]
    if first[-1] == last[-1]:
        # 农村光纤覆盖率、广电网络双向化改造率: each item already names its measure.
        return items
    # 城镇和农村居民人均可支配收入: the measure after the last item's head is shared; a
    # prefix is shared only before paired stages of one activity (马铃薯种植、收获).
    core = len(items[1]) if len(items) > 2 else _CORE_LENGTH
    prefix = first[:-_CORE_LENGTH] if first[-_CORE_LENGTH:] in _STAGES else ""
    suffix = last[core:] if len(last) > core else ""
    cores = [first[len(prefix) :], *items[1:-1], last[: len(last) - len(suffix)]]
    return [f"{prefix}{item}{suffix}" for item in cores]
