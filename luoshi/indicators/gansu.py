"""What the Gansu 2017 mobile-internet targets mean as indicators: codes, units, baselines.

The parser gives each target a name, a value and a unit. Here each of the 15 names gets a
stable code, how it aggregates over regions, how often it is reported, who reports it, and the
published end-2016 baseline where one exists (luoshi/data/gansu_baselines.csv).
"""

from dataclasses import dataclass

__all__ = ["GANSU_INDICATORS", "PREFECTURE_GOVERNMENTS", "IndicatorSpec"]

# The collective unit whose members (the 14 prefecture governments) report their own 市州.
PREFECTURE_GOVERNMENTS = "各市州政府"
TELECOM = "省通信管理局"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    aggregation: str
    period_type: str
    reporting_units: tuple[str, ...]
    baseline_key: str = ""
    # "penetration": derived from mobile phone users / resident population (labelled derived).
    derived: str = ""
    definition: str = ""


GANSU_INDICATORS: dict[str, IndicatorSpec] = {
    "基本具备千兆宽带接入能力的城镇比例": IndicatorSpec(
        "gigabit_ready_towns_pct", "weighted_average", "year", (TELECOM, PREFECTURE_GOVERNMENTS)
    ),
    "行政村通宽带比例": IndicatorSpec(
        "admin_villages_broadband_pct",
        "weighted_average",
        "year",
        (TELECOM, PREFECTURE_GOVERNMENTS),
        baseline_key="admin_villages_broadband_pct",
        definition="已通宽带的行政村数占行政村总数的比例（%）。2016年底为“93%以上”，取 93。",
    ),
    "光纤宽带接入能力": IndicatorSpec("rural_fiber_access_mbps", "none", "year", (TELECOM,)),
    "4G基站总数": IndicatorSpec(
        "base_stations_4g", "sum", "quarter", (TELECOM, PREFECTURE_GOVERNMENTS)
    ),
    "无线局域网（WLAN）公共运营接入点（AP）总数": IndicatorSpec(
        "wlan_public_aps", "sum", "quarter", (TELECOM, PREFECTURE_GOVERNMENTS)
    ),
    "光缆线路总长度": IndicatorSpec(
        "fiber_cable_length_km", "sum", "year", (TELECOM, PREFECTURE_GOVERNMENTS)
    ),
    "互联网省际出口带宽": IndicatorSpec(
        "interprovincial_bandwidth_gbps", "none", "year", (TELECOM,)
    ),
    "移动电话用户": IndicatorSpec(
        "mobile_phone_users",
        "sum",
        "quarter",
        (TELECOM, PREFECTURE_GOVERNMENTS),
        baseline_key="mobile_phone_users",
    ),
    "移动电话普及率": IndicatorSpec(
        "mobile_phone_penetration",
        "weighted_average",
        "year",
        (TELECOM, PREFECTURE_GOVERNMENTS),
        derived="penetration",
        definition="每百名常住人口拥有的移动电话部数：移动电话用户 ÷ 常住人口 × 100。",
    ),
    "3G/4G用户": IndicatorSpec(
        "mobile_3g4g_users", "sum", "quarter", (TELECOM, PREFECTURE_GOVERNMENTS)
    ),
    "移动互联网用户": IndicatorSpec(
        "mobile_internet_users",
        "sum",
        "quarter",
        (TELECOM, PREFECTURE_GOVERNMENTS),
        baseline_key="mobile_internet_users",
    ),
    "固定宽带接入用户": IndicatorSpec(
        "fixed_broadband_users",
        "sum",
        "quarter",
        (TELECOM, PREFECTURE_GOVERNMENTS),
        baseline_key="fixed_broadband_users",
    ),
    "信息经济总量": IndicatorSpec("information_economy_total", "sum", "year", ("省工信厅",)),
    "信息产业主营业务收入": IndicatorSpec(
        "information_industry_revenue", "sum", "year", ("省工信厅",)
    ),
    "网络零售额": IndicatorSpec(
        "online_retail_sales", "sum", "year", ("省商务厅", PREFECTURE_GOVERNMENTS)
    ),
}
