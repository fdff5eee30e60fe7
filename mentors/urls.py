from django.urls import path

from . import links, views

app_name = "mentors"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/thanks/", views.apply_thanks, name="apply_thanks"),
    path("matches/<int:pk>/", views.match_detail, name="match"),
    path("matches/<int:pk>/answer/", views.answer, name="answer"),
    path("matches/<int:pk>/meetings/new/", views.log_meeting, name="log_meeting"),
    path("answer/<str:token>/", views.answer_link, name="answer_link"),
    path("k/<str:token>/", links.newcomer_answer, name="newcomer_answer"),
]
