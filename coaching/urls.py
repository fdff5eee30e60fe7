from django.urls import path

from . import views

app_name = "coaching"

urlpatterns = [
    path("referrals/", views.received, name="received"),
    path("referrals/<int:pk>/", views.referral, name="referral"),
]
