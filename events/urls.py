from django.urls import path  # noqa: F401 - views are added by the events issue

app_name = "events"
urlpatterns: list = []
