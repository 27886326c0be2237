from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "luoshi.plans"
    label = "plans"
    verbose_name = "落实工作与任务分工"
    default_auto_field = "django.db.models.BigAutoField"
