from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.my_data, name="my_data"),
    path("data.json", views.my_data_json, name="my_data_json"),
    path("delete-account/", views.delete_account, name="delete_account"),
]
