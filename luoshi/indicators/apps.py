from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "luoshi.indicators"
    label = "indicators"
    verbose_name = _("指标与数据")
    default_auto_field = "django.db.models.BigAutoField"
