"""The words of responsibility lists: labels, role words, unit suffixes, collectives, leaders.

Shared by the list grammar (responsibility.py) and the finders of unbracketed lists
(blocks.py). Every pattern runs on the folded key (see normalize.py).
"""

import re
from functools import lru_cache

from luoshi.parsing.normalize import fold

# Stated once, it makes the first listed unit the lead for this and every later task.
FIRST_LISTED_RULE = re.compile(
    r"(?:(?:列|排)(?:名|在)?)?(?:第一|首)(?:位|个|名)?(?:的|者)?(?:责任单位|单位|部门)?"
    r"(?:为|是)(?:工作)?牵头(?:单位|部门)?(?:或(?:工作)?汇总(?:单位|部门)?)?(?:[,;]?\s*下同)?"
)
# 实施单位 names the body that carries the work out (a 机场集团 under a 牵头 bureau).
ROLE_LABELS = "牵头|主办|主责|责任|负责|配合|参与|协办|协同|协助|协作|支持|承办|实施"
# 牵头单位, 牵头责任单位, 协同责任单位; 部门分工 carries its roles inside the list.
# 主要协作单位 is a co-operating unit like 协作单位.
LABEL = re.compile(
    rf"(?:主要)?(?:(?P<lead>牵头|主办|主责)|{ROLE_LABELS})(?:责任)?(?:单位|部门)?$"
    r"|(?:部门|责任)分工$"
)
LABEL_LINE = re.compile(
    rf"(?:(?<=[。;\n])|^)[ ]*(?:(?:主要)?(?:{ROLE_LABELS})(?:责任)?(?:单位|部门)|(?:部门|责任)分工)"
    r"[ ]*:",
    re.M,
)
# 责任领导：张三；牵头单位：… names the leader first: the persons up to the next label go.
LEADER_LABEL = re.compile(
    r"(?:牵头|责任|分管|联系|包保|主要)?(?:负责|责任)?(?:[省市县区]?)领导(?:同志)?$"
)
LABEL_STOP = re.compile(r"(?:完成时限|完成时间|时间节点|进度安排|时限)[ ]*:")
# Longest first: each strip is tried again until none applies.
ROLE_SUFFIXES = tuple(
    sorted(
        [
            "按照各自职责共同推进",
            "按照各自职责分工负责",
            "按各自职责分工负责",
            "按照职责分工负责",
            "按职责分工负责",
            "按照职责分工落实",
            "按职责分工落实",
            "按照职责分工推进",
            "按职责分工推进",
            "按照各自职责负责",
            "按各自职责负责",
            "按照职责负责",
            "按职责负责",
            "按职责落实",
            "按职能分工负责",
            "根据职责分工负责",
            "根据职责负责",
            "依职责负责",
            "负责组织实施",
            "按职责参与",
            "分工负责",
            "分工落实",
            "分别负责",
            "分别牵头",
            "共同牵头",
            "共同负责",
            "共同推进",
            "共同落实",
            "牵头负责",
            "负责落实",
            "牵头落实",
            "牵头推进",
            "牵头实施",
            "牵头抓总",
            "具体负责",
            "具体落实",
            "具体实施",
            "抓好落实",
            "组织落实",
            "贯彻落实",
            "督促落实",
            "负责推进",
            "负责实施",
            "组织实施",
            "配合落实",
            "参与落实",
            "负总责",
            "牵头",
            "负责",
            "参与",
            "配合",
            "协助",
            "协同",
            "指导",
            "支持",
            "落实",
            "推进",
            "实施",
            "主办",
            "主责",
            "协办",
            "承办",
        ],
        key=len,
        reverse=True,
    )
)
LEAD_WORDS = ("牵头", "主办", "主责")
# Most segments end in a unit suffix: checking the last character first skips the loop.
SUFFIX_LAST_CHARS = frozenset(word[-1] for word in ROLE_SUFFIXES) | {"等", "门", "位"}
ETC_SUFFIXES = ("等有关部门", "等相关部门", "等有关单位", "等部门", "等单位", "等")
# 区农业农村局、等区政府有关部门: a stray 等 after the separator opens the collective.
ROLE_PREFIXES = ("由", "会同", "并", "等")
CONJUNCTIONS = re.compile(r"以及|和|及|与|会同")
BARE_REGION = frozenset(
    {"市", "县", "区", "州", "旗", "乡", "镇", "县级市", "县区", "区县", "市州", "乡镇", "街道"}
    | {"自治州", "自治县", "县(市、区)", "市(州)"}
)
UNIT_SUFFIX = re.compile(
    r"(?:部|委|办|厅|局|院|会|署|银行|支行|分行|总行|人行|社|集团|共青团|府|中心|联|协|处|室|所|站|队"
    r"|军区|公司|单位|部门|机构|党委|工委|小组|馆|电视台|总台|党校|学校|大学|政府|电网|园|园区)$"
)
# Without a role word a list must be made of names that can be nothing else.
STRONG_SUFFIX = re.compile(
    r"(?:部|委|办|厅|局|院|署|政府|公司|集团|中心|银行|支行|管委会|党委|工委|联|协|社)$"
)
_TRAILING_ALIAS = re.compile(r"(?<=.{2})[(〈<][^()〈〉<>]{2,20}[)〉>]$")
REGION_UNIT = re.compile(r"..+(?:市|县|区|州|旗|盟)$")
UNIT_PREFIX = re.compile(r"^(?:省|市|县|区|州|国家|中央|中共|国务院|全国|中国|各)")
NOT_A_LIST = re.compile(r"简称|包括|例如|详见|参见|见附件|如下")
# A time phrase inside a list (`省财政厅负责，2018年底前完成`) is not a unit.
TIME_SEGMENT = re.compile(r"\d{2,4}年|年底|年内|月底|长期|持续|前完成|完成时限|季度")
# 区疫情防控指挥部成员单位 names every member of a body; 市地 all prefectures and cities.
GENERIC = re.compile(
    r"^各|^其他|^其它|有关|相关|各(?:部门|单位|地区|级|地)|成员单位$|^(?:市地|地市|市县|县市)$"
)
# 各县（市）、区人民政府 is one party: 各 and a bare region word join the next name.
BARE_EACH_REGION = re.compile(r"^(?:各|其他)(?:[市县区州旗乡镇]|县级市)(?:\([^()]{1,6}\))?$")
# 各县、市、区人民政府 is one party too: a run of bare region words closed by a government.
BARE_EACH_REGIONS = re.compile(r"^(?:各|其他)[市县区州旗](?:、[市县区州旗])+$")
REGION_GOVERNMENT = re.compile(r"^[市县区州旗](?:人民)?政府$")
# 其他有关部门 after 和/及 is a party of its own even when the name before it is not.
COLLECTIVE_HEAD = re.compile(r"^(?:各|其他|其它|有关|相关)")
SEPARATORS = "、,;。: \n"
BARE_COLLECTIVES = frozenset(
    {"有关部门", "相关部门", "有关单位", "相关单位", "部门", "单位", "有关方面", "相关方面"}
)
# 〔责任单位：…〕 and 【…】 close a task as well as round brackets do.
OPENERS = "(〔【["
CLOSERS = ")〕】]"
PAIRS = dict(zip(OPENERS, CLOSERS, strict=True))
LIST_OPEN = re.compile(r"[(〔【\[]")
LABEL_HEAD = re.compile(rf"(?:(?:{ROLE_LABELS})(?:责任)?(?:单位|部门)?|(?:部门|责任)分工)[ ]*:")
# A leader named in a list is a person, not a unit: 副省长张三, 孟学农省长, 分管副市长.
LEADER = r"(?:常务)?副?(?:省长|市长|县长|区长|州长|旗长|盟长|主席|秘书长|书记)"
PERSON = re.compile(
    rf"^{LEADER}[\u4e00-\u9fff]{{2,3}}$|^[\u4e00-\u9fff]{{2,3}}(?:同志|{LEADER})$"
    rf"|^(?:[省市县区州]政府)?分管(?:{LEADER}|领导|负责同志)$"
)


@lru_cache(maxsize=8192)
def is_unit_like(name: str) -> bool:
    """Return whether a name looks like a body that can be assigned work."""
    # 新区科技和人才局〈区科技局〉, 市场监管局(知识产权局): the name before an alias decides.
    key = _TRAILING_ALIAS.sub("", fold(name).strip()) or fold(name).strip()
    if len(key) < 2 or key in BARE_REGION:
        return False
    if UNIT_SUFFIX.search(key) or REGION_UNIT.match(key):
        return True
    return bool(UNIT_PREFIX.match(key)) and len(key) >= 3


@lru_cache(maxsize=8192)
def is_generic(name: str) -> bool:
    """Return whether a unit is a collective party (各地区, 有关部门, 各区、县级市)."""
    return bool(GENERIC.search(fold(name)))


@lru_cache(maxsize=8192)
def is_person(name: str) -> bool:
    """Return whether a listed party is a leader (副省长张三, 孟学农省长), not a unit."""
    return bool(PERSON.search(fold(name).strip()))
