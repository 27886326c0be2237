"""What the analytics' codes mean to a reader: figure names, bands, notes, input symbols."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FIGURES: dict[str, Promise] = {
    "progress_share": _("进展比例 P"),
    "expected_share": _("序时进度 E"),
    "achieved": _("是否已实现"),
    "growth_ratio": _("增长比 R"),
    "anticipated_value": _("预计目标年数值"),
    "anticipated_share": _("预计完成比例 A"),
    "forecast": _("加权最小二乘预测"),
    "aggregate": _("市州汇总"),
}
BANDS: dict[str, Promise] = {
    "on_track": _("进度正常"),
    "moderate": _("略有滞后"),
    "limited": _("明显滞后"),
    "moving_away": _("背离目标"),
    "will_meet": _("预计可实现"),
    "marginal": _("进展有限"),
    "stagnant": _("停滞"),
    "regressing": _("倒退"),
    "achieved": _("已实现"),
    "not_achieved": _("尚未实现"),
}
NOTES: dict[str, Promise] = {
    "opposite_signs": _("基期值与当前值符号相反，无法计算增长率"),
    "no_elapsed_time": _("当前值与基期同期，尚无可比较的时间跨度"),
    "target_equals_baseline": _("目标值等于基期值，无法计算比例"),
    "target_not_after_baseline": _("目标年份不晚于基期年份"),
    "zero_base_replaced": _("基期值为 0，按惯例以 0.001 代替"),
    "zero_value": _("当前值为 0，无法计算"),
    "too_few_points": _("数据点少于 3 个，暂不预测"),
    "no_time_spread": _("数据点集中在同一时点，无法拟合"),
    "not_aggregated": _("该指标不按区域汇总"),
    "no_values": _("暂无数值"),
    "no_weights": _("缺少人口权重"),
    "no_target": _("未分解目标"),
    "no_baseline": _("缺少基期值"),
    "no_data": _("暂无已报送数据"),
}
SYMBOLS: dict[str, Promise] = {
    "y": _("当前值"),
    "y0": _("基期值"),
    "y*": _("目标值"),
    "t": _("当前时点"),
    "t0": _("基期"),
    "T": _("目标年份"),
    "d": _("方向（+1 越大越好，−1 越小越好）"),
    "comparator": _("比较方式"),
    "yT": _("预计目标年数值"),
    "β": _("斜率"),
    "α": _("截距"),
    "s²": _("残差方差"),
    "n": _("数据点数"),
    "t(0.975)": _("t 分布 97.5% 分位数"),
}
LIGHTS: dict[str, Promise] = {
    "green": _("绿灯"),
    "yellow": _("黄灯"),
    "red": _("红灯"),
    "grey": _("无法判断"),
}
LIGHT_RULES: dict[str, Promise] = {
    "achieved": _("已达到目标"),
    "no_data": _("缺少目标、基期值或数据"),
    "not_computed": _("增长比无法计算"),
    "growth_ratio:on_track": _("增长比 R ≥ 0.95"),
    "growth_ratio:moderate": _("0.60 ≤ R < 0.95"),
    "growth_ratio:limited": _("0 ≤ R < 0.60"),
    "growth_ratio:moving_away": _("R < 0，背离目标"),
}
SOURCES: dict[str, Promise] = {
    "aggregated": _("由市州汇总"),
}
