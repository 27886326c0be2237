"""Word lists and precompiled patterns for quantified targets in Chinese policy text."""

import re

from luoshi.parsing.model import Comparator

ARABIC = r"[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?"
CHINESE = r"[〇零一二两三四五六七八九十百千万亿]+"
MULT = r"(?:万亿|千亿|百亿|十亿|千万|百万|十万|亿|万)?"

# Measure words, longest first. A lookahead keeps a measure word from being the first
# character of an ordinary word (121人才, 3部门, 家庭, 处理, 支持).
_UNITS = (
    r"(?:太|吉|兆|千)比特每秒(?:[（(][A-Za-z]+[）)])?",
    r"(?:Tbps|Gbps|Mbps|Kbps|kbps|TB|GB|PB|GW|MW|kWh|MWh|kW|KW|TEU|km)(?![A-Za-z0-9])",
    r"(?:部|张|人|个|名|所|家|辆|床|台|户|册|吨|元|座|套)/(?:十万|百|千|万)?"
    r"(?:人口|人|户|平方公里|平方米|公顷|亩)",
    r"(?:微克|毫克)/(?:立方米|升)",
    # 孕产妇死亡率10/10万: a rate per 100 000.
    r"/(?:10|十)万",
    r"个百分点",
    r"百分点",
    r"[%％‰]",
    r"个工作日",
    r"工作日",
    r"小时",
    r"分钟",
    r"平方公里",
    r"平方千米",
    r"平方米",
    r"立方米",
    r"公顷",
    r"千瓦时",
    r"千瓦",
    r"兆瓦",
    r"吉瓦",
    r"千伏安",
    r"吨标准煤",
    r"吨标煤",
    r"标准箱",
    r"标箱",
    r"公里",
    r"千米",
    r"千克",
    r"公斤",
    r"吨",
    # 粮食产量500亿斤: grain is counted in 斤 in provincial goals.
    r"斤",
    r"亩",
    r"人次",
    r"户次",
    r"场次",
    r"课时",
    r"学时",
    r"美元",
    r"元(?![素旦首])",
    r"人(?![才员民群类大文工力士均身格事质权们心性情物造口体行])",
    r"名(?![单称义录额次牌])",
    r"个(?![人体性案别月多年])",
    r"家(?![庭长族属乡具电])",
    r"项(?![目])",
    r"套(?![餐])",
    r"户(?![籍口型外])",
    r"所(?![得有在需属以谓])",
    r"座(?![谈位])",
    r"条(?![件例款])",
    r"处(?![理置于罚长室])",
    r"件(?![事])",
    r"台(?![湾阶账])",
    r"辆",
    r"艘",
    r"架(?![构])",
    r"部(?![门分署队委长级位])",
    r"张(?![贴])",
    r"间(?![隔])",
    r"栋",
    r"幢",
    r"篇",
    r"册",
    r"本(?![地市省科土])",
    r"种(?![植类子养])",
    r"位(?![于置])",
    r"支(?![持出付撑部援])",
    r"期(?![间限末内满刊望待货])",
    r"班(?![子级])",
    r"次(?![数序级要])",
    r"份(?![额])",
    r"只(?![有能要])",
    r"头(?![部条])",
    r"株",
    r"棵",
    r"门(?![户类槛诊店])",
    r"款",
    r"倍",
    r"宗",
    r"米",
    r"天(?![然气数津地])",
)
UNIT = "(?:" + "|".join(_UNITS) + ")"

# Counted things, as opposed to amounts of money and physical quantities: 10家以上的企业
# is a target, 1亿元以上的企业 is a condition on which firms qualify.
_COUNT_WORDS = "名个家项套户所座条处件台辆艘架部张间栋幢篇册本种位支期班次份只头株棵门款宗人"
COUNT_UNITS = frozenset({*_COUNT_WORDS, "人次", "户次", "场次"})
PERCENT_UNITS = frozenset({"%", "％", "‰", "个百分点", "百分点"})

RANGE_SEP = r"\s*(?:到|至|—{1,2}|－|-|~|～|–|―)\s*"
NUMBER_RE = re.compile(
    rf"(?=[0-9０-９])(?<![A-Za-z0-9０-９.．/／+＋])"
    rf"(?:(?P<lo>{ARABIC})(?P<lomult>{MULT})(?P<lounit>{UNIT})?{RANGE_SEP})?"
    rf"(?P<num>{ARABIC})(?P<mult>{MULT})(?P<approx>余|多)?(?P<unit>{UNIT})"
)

# 农村贫困人口减少60万以上, 体检人数达1000万以上: a count with a multiplier and no measure
# word; a comparator before it or a qualifier after it makes it a quantity.
BARE_COUNT_RE = re.compile(
    rf"(?=[0-9０-９])(?<![A-Za-z0-9０-９.．/／+＋])(?P<num>{ARABIC})"
    r"(?P<mult>万亿|千亿|百亿|十亿|千万|百万|十万|亿|万)"
    r"(?=[ ]*(?:及以上|或以上|以上|之上|及以下|或以下|以下|以内|之内|左右|上下|[,，。;；)）]|$))"
)

_PRE_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("不小于", ">="),
    ("至少", ">="),
    ("达到", ">="),
    ("达至", ">="),
    ("提高到", ">="),
    ("提高至", ">="),
    ("提升到", ">="),
    ("提升至", ">="),
    ("增加到", ">="),
    ("增加至", ">="),
    ("增长到", ">="),
    ("增长至", ">="),
    ("扩大到", ">="),
    ("扩大至", ">="),
    ("达", ">="),
    ("超过", ">"),
    ("突破", ">"),
    ("高于", ">"),
    ("大于", ">"),
    ("多于", ">"),
    ("不超过", "<="),
    ("不高于", "<="),
    ("不大于", "<="),
    ("控制在", "<="),
    ("控制到", "<="),
    ("降低到", "<="),
    ("降低至", "<="),
    ("下降到", "<="),
    ("下降至", "<="),
    ("减少到", "<="),
    ("减少至", "<="),
    ("压缩到", "<="),
    ("压缩至", "<="),
    ("缩短到", "<="),
    ("缩短至", "<="),
    ("降到", "<="),
    ("降至", "<="),
    ("减至", "<="),
    ("低于", "<"),
    ("少于", "<"),
    ("小于", "<"),
    ("不到", "<"),
    ("稳定在", "="),
    ("保持在", "="),
    ("维持在", "="),
    ("约为", "~"),
    ("大约", "~"),
    ("接近", "~"),
    ("将近", "~"),
    ("约", "~"),
    ("近", "~"),
    ("为", "="),
)
PRE_COMPARATOR = dict(_PRE_COMPARATORS)
# Longest first, so 不超过 wins over 超过; anchored at the end of the text before the number.
PRE_COMPARATOR_RE = re.compile(
    "(?P<word>"
    + "|".join(sorted(PRE_COMPARATOR, key=len, reverse=True))
    + r")(?:总计|累计|合计)?\s*$"
)
POST_QUALIFIER_RE = re.compile(
    r"\s*(?P<q>及以上|或以上|以上|之上|及以下|或以下|以下|以内|之内|左右|上下)?"
)
POST_COMPARATOR: dict[str, Comparator] = {
    "及以上": ">=",
    "或以上": ">=",
    "以上": ">=",
    "之上": ">=",
    "及以下": "<=",
    "或以下": "<=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "~",
    "上下": "~",
}
# Comparator words sit right before their number; looking no further back keeps scans
# linear on long unpunctuated text.
WORD_WINDOW = 16
_PRE_WORDS = "|".join(sorted(PRE_COMPARATOR, key=len, reverse=True))


def _guarded(words: str) -> str:
    """Return an alternation behind a lookahead on its first characters.

    Python's re tries every alternative at every position; the one-character class
    rejects almost all positions at once, which keeps whole-document scans fast.
    """
    firsts = "".join(sorted({word[0] for word in words.split("|")}))
    return f"(?=[{firsts}])(?:{words})"


_STRONG = "达到|不少于|不低于|超过|突破|至少|新增|增加"

# Years and ages are quantities only right after a verb of reaching: 平均受教育年限达到11年,
# 人均预期寿命达到78岁; otherwise they are dates, durations (连续3年, 期限不超过3年) or
# age limits (年龄不超过45岁).
_REACH = "达到|达|提高到|提高至|提升到|提升至|增加到|增加至|延长到|延长至"
# Whether a clause holds an Arabic digit, or a gap left for one.
DIGIT_RE = re.compile(r"[0-9０-９]")
GAP_RE = re.compile(r"[ \t\u3000_＿XxＸｘ×]")
TIME_NUMBER_RE = re.compile(
    rf"{_guarded(_REACH)}(?P<num>[0-9０-９]{{1,3}}(?:[.．][0-9０-９]+)?)(?P<unit>年|岁)"
    r"(?![内间底末前起初中度级代龄])"
)
# Spelled-out numerals count only right after a strong comparator: 达到十万人, but not
# 一村一名, 四个到位, 千亿元行动计划 or 达到一个新水平.
CHINESE_NUMBER_RE = re.compile(rf"{_guarded(_STRONG)}(?P<num>{CHINESE})(?P<unit>{UNIT})")
# A number left blank for the drafter to fill in: 有 家, 达到  个, 达到X%.
_BLANK_VERBS = _guarded(rf"{_PRE_WORDS}|有|新增|建成|建设|培育|培养|引进|完成|实现")
BLANK_RE = re.compile(
    rf"{_BLANK_VERBS}"
    rf"(?P<gap>[ \t\u3000_＿]+|[XxＸｘ×]{{1,3}})(?P<mult>{MULT})(?P<unit>{UNIT})"
)

# Whether a sentence can hold a target at all: most policy sentences hold no number.
# A sentence that opens with its horizon: 到2025年，初步建成… (after 。 or the paragraph start).
LEAD_IN_YEAR_RE = re.compile(
    r"(?:^|[。:：\n])\s*(?:到|至)(?P<y>(?:19|20)[0-9]{2})\s*年(?:底|末)?[，,]"
)
MAYBE_TARGET_RE = re.compile(
    rf"[0-9０-９]|{_BLANK_VERBS}[ \t\u3000_＿XxＸｘ×]|{_guarded(_STRONG)}{CHINESE}"
    r"|翻[一两二三]番|[一二三四五六七八九]成"
)
# 不低于三成: tenths after a comparator word are a percentage (三成 -> 30%).
TENTHS_RE = re.compile(rf"{_guarded(_PRE_WORDS)}(?P<num>[一二三四五六七八九])成(?![为员本果功立])")
# 收入翻一番: doubling is a multiple of the base (翻一番 -> 2倍, 翻两番 -> 4倍).
DOUBLING_RE = re.compile(r"翻(?P<num>[一两二三])番")
# 到2023年底和2030年…分别: the years a 分别 list of values is reached by, in order.
YEAR_LIST_RE = re.compile(
    r"(?:到|至)?(?P<a>[0-9０-９]{4})年(?:底|末)?(?:前)?(?:和|、|及|与)(?:到|至)?"
    r"(?P<b>[0-9０-９]{4})年(?:底|末)?"
)

# 均 and 分别 share one verb among several listed subjects; 人均/年均 are not that.
DISTRIBUTIVE_RE = re.compile(
    rf"(?P<kw>(?<![人年平户日月亩])均|都|分别)"
    rf"(?:{_PRE_WORDS}|增长|提高|提升|增加|下降|降低|减少|缩短|压缩)?\s*(?=[0-9０-９])"
)
LIST_SEP_RE = re.compile(r"以及|、|和|及|与")

# A piece of a list starts after the last separator between two numbers.
PIECE_SEP_RE = re.compile(r"以及|、|和|及|，|,")

# 牵头工作（8项）, 重点任务（共5条）: a bracketed count of the items below, closing a line.
_SPACE = r"[ \t\u3000]*"
ITEM_COUNT_RE = re.compile(
    rf"(?m)[（(]{_SPACE}(?:共|计|合计)?{_SPACE}[0-9０-９一二三四五六七八九十]{{1,3}}{_SPACE}"
    rf"(?:项|条|类|个方面|方面|件)(?:任务|工作|措施|事项)?{_SPACE}[）)]{_SPACE}[:：]?{_SPACE}$"
)
# Sentences about the past or present, not commitments.
HISTORICAL_RE = re.compile(
    r"(?=[截比较同去近过已初预达实完建增提下突])(?:"
    r"截至|截止|比上年|较上年|同比|去年|近年来|过去|已经|初步统计|预计全年|"
    r"已(?:建成|达到|达|完成|实现|有|超过|累计|形成|覆盖|突破|培养|引进)|"
    r"(?:达到|实现|完成|建成|增长|提高|下降|突破)了)"
)
# A clause describing what exists now: 全市现有各类人才200万名.
CURRENT_STATE_RE = re.compile(r"现有|目前|现已|当前")
# 在除23个重点帮扶县以外的其他县市区: numbers inside an exception name who is left out.
EXCEPTION_SPAN_RE = re.compile(r"除[^，；。,;]{1,40}?(?:以外|之外)")
# 14个市州政府所在地城区, 11个设区市…均超全国平均水平: a count of places names where or who,
# not what is to be reached.
PLACE_AFTER_COUNT_RE = re.compile(r"(?:设区市|市州|地市|县市区|县区|区县|市|县|区|乡镇|街道|省份)")
PLACE_COUNT_ROLE_RE = re.compile(r"所在地|均")
# Clauses stating who qualifies for a benefit, not what is to be achieved.
CONDITION_HEAD_RE = re.compile(
    # 当…时 states a condition; 当年/当月/当期 is a time (当年要完成投资3000亿元左右).
    r"^(?:对于|对|凡是|凡|符合|经认定|被评为|入选|获得|如|若|当(?![年月期]))"
    # 以全市7600多名持证残疾人为主要对象: who the policy is for, not what it reaches.
    r"|^以.{0,40}为(?:主要|重点)?(?:对象|主体|重点|抓手|载体|依托|牵引)"
)
# 对地区生产总值增长5%以上…等预期目标完成情况进行监测: 对 marks what is acted on, not who
# qualifies (对…的企业), when no 的 follows in the clause.
OBJECT_HEAD_RE = re.compile(r"对(?!于)[^的]*$")
# 落实好提振市场信心90条措施: a package of measures to carry out, named by its count.
PACKAGE_AFTER_RE = re.compile(r"(?:条|项)(?:政策)?(?:措施|举措|政策)")
PACKAGE_VERB_RE = re.compile(r"落实|贯彻|执行|用好|兑现|抓好")
# 重点发展电子商务、现代物流…等12个领域: how many fields are named, not a result to reach.
FIELD_COUNT_AFTER_RE = re.compile(r"(?:大|重点|主要)?(?:领域|方面)")
# 在保护1.03亿亩基本农田的基础上: the setting of a commitment, not the commitment.
SETTING_RE = re.compile(r"^在.*(?:基础上|前提下|情况下|条件下|过程中)$")
# 占增产任务的30.4%: a share describing the previous number.
SHARE_HEAD_RE = re.compile(r"^占")
# Durations are commitments only with a comparator: 压缩至3个工作日, not 15分钟健身圈.
DURATION_UNITS = frozenset({"个工作日", "工作日", "小时", "分钟", "天"})
# Policy parameters: subsidies, awards and their rates are not targets.
PARAMETER_RE = re.compile(r"给予|补贴|补助|贴息|资助标准|减免|返还|奖补|免征|暂免|免收|缓缴")
MONEY_PARAMETER_RE = re.compile(
    r"奖励|资助|安排|最高|扶持资金|标准|每(?:人|户|家|个|项|名|平方米|亩)"
    # 整合3000万元资金用于发放消费券, 投资3000万元建设…基地: a budget, not a result.
    r"|资金用于|^\s*(?:计划)?投资[0-9０-９]"
    # 设立2.43亿元推动工业强市发展专项引导资金: the size of a fund set up, a budget.
    r"|元[^，；。,;、]{0,20}?(?:资金|基金)"
)
PERCENT_PARAMETER_RE = re.compile(
    r"按照?[0-9０-９]|按.{0,6}比例|税|费率|利率|首付|分担|出资|扣除|抵扣|减按|征收"
)
# A bracketed note giving the base year's value: 达到65%（2015年为56%）.
BASELINE_NOTE_RE = re.compile(r"[（(](?:[0-9０-９]{4}年|现|目前|基期|基数|上年)[^（）()]*$")
# 由60%提高到80%: the first number is the baseline.
BASELINE_AFTER_RE = re.compile(
    r"\s*(?:的水平)?(?:提高|提升|增加|增长|扩大|降低|下降|减少|缩小|压缩|缩短)?(?:到|至)"
)
BASELINE_BEFORE_RE = re.compile(r"[由从][^，；。]{0,12}$")
