from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "luoshi.plans"
    label = "plans"
    verbose_name = _("落实工作与任务分工")
    default_auto_field = "django.db.models.BigAutoField"
