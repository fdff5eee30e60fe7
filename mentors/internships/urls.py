from django.urls import path

from . import views

app_name = "internships"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/contact/", views.add_contact, name="add_contact"),
    path("<int:pk>/follow-up/<str:kind>/", views.follow_up, name="follow_up"),
    path("places/new/<slug:slug>/", views.new_place, name="new_place"),
    path("places/<int:pk>/edit/", views.edit_place, name="edit_place"),
]
