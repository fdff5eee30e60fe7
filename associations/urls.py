from django.urls import path  # noqa: F401 - views are added by the associations issue

app_name = "associations"
urlpatterns: list = []
