from django.urls import path  # noqa: F401 - views are added by the mentors issue

app_name = "mentors"
urlpatterns: list = []
