from django.urls import path

from . import webhooks

app_name = "sms_webhooks"
urlpatterns = [
    path("<slug:provider>/<str:secret>/delivery/", webhooks.delivery, name="delivery"),
    path("<slug:provider>/<str:secret>/inbound/", webhooks.inbound, name="inbound"),
]
