from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("consent/<str:purpose>/", views.renew_consent, name="renew_consent"),
]
