from django.urls import path

from . import verification, views

# Included once at the site root (one namespace): consent renewal under /people/, the
# person's own data and account deletion beside the other "My pages" under /my/privacy/.
app_name = "people"
urlpatterns = [
    path("people/consent/<str:purpose>/", views.renew_consent, name="renew_consent"),
    path("my/privacy/", views.my_data, name="my_data"),
    path("my/privacy/data.json", views.my_data_json, name="my_data_json"),
    path("my/privacy/delete-account/", views.delete_account, name="delete_account"),
    path("my/phone/", verification.my_phone, name="my_phone"),
]
