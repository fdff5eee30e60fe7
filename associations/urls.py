from django.urls import path

from . import views

app_name = "associations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("register/", views.register, name="register"),
    path("request-access/<str:number>/", views.request_access, name="request_access"),
    path("volunteer/", views.become_volunteer, name="become_volunteer"),
    path("volunteer/thanks/", views.become_volunteer_thanks, name="become_volunteer_thanks"),
    path("volunteer/profile/", views.volunteer_profile, name="volunteer_profile"),
    path("volunteer/profile/data/", views.volunteer_data, name="volunteer_data"),
    path("volunteer/profile/erase/", views.volunteer_erase, name="volunteer_erase"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("manage/<slug:slug>/", views.manage, name="manage"),
    path("manage/<slug:slug>/edit/", views.edit, name="edit"),
    path(
        "manage/<slug:slug>/representatives/invite/",
        views.invite_representative,
        name="invite_representative",
    ),
    path(
        "manage/<slug:slug>/representatives/<int:pk>/remove/",
        views.remove_representative,
        name="remove_representative",
    ),
    path(
        "manage/<slug:slug>/representatives/<int:pk>/role/",
        views.change_role,
        name="change_role",
    ),
    path(
        "manage/<slug:slug>/access-requests/<int:pk>/",
        views.decide_access_request,
        name="decide_access_request",
    ),
    path("manage/<slug:slug>/volunteers/invite/", views.invite_volunteer, name="invite_volunteer"),
    path(
        "manage/<slug:slug>/invitations/<int:pk>/withdraw/",
        views.withdraw_invitation,
        name="withdraw_invitation",
    ),
    path(
        "manage/<slug:slug>/volunteers/<int:pk>/end/",
        views.end_membership,
        name="end_membership",
    ),
    path("<slug:slug>/", views.detail, name="detail"),
]
