from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "luoshi.web"
    label = "web"
    verbose_name = "界面"
