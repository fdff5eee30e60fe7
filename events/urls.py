from django.urls import path

from . import kiosk, links, views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("calendar.ics", views.feed_all, name="feed"),
    path("calendar/place/<int:pk>.ics", views.feed_place, name="feed_place"),
    path("calendar/organiser/<int:pk>.ics", views.feed_organiser, name="feed_organiser"),
    path("calendar/private/<str:token>.ics", views.feed_private, name="feed_private"),
    path("calendar/private/renew/", views.renew_private_feed, name="renew_private_feed"),
    path("calendar/<slug:category>.ics", views.feed_category, name="feed_category"),
    path("date/<int:pk>/", views.occurrence_detail, name="date"),
    path("date/<int:pk>.ics", views.date_ics, name="date_ics"),
    path("date/<int:pk>/delegates/", views.delegates, name="delegates"),
    path("date/<int:pk>/check-in/", views.checkin_staff, name="checkin_staff"),
    path("date/<int:pk>/code/", views.checkin_code, name="checkin_code"),
    path("date/<int:pk>/checked-in/", views.checked_in, name="checked_in"),
    path("registered/<uuid:token>/", views.registered, name="registered"),
    path("cancel/<str:token>/", views.cancel, name="cancel"),
    path("check-in/", views.self_checkin, name="self_checkin"),
    path("kiosk/", kiosk.kiosk, name="kiosk"),
    path("kiosk/pair/", kiosk.pair, name="kiosk_pair"),
    path("kiosk/code/<str:token>/", kiosk.qr, name="kiosk_qr"),
    path("feedback/<str:token>/", views.feedback, name="feedback"),
    path("certificate/<int:pk>/", views.certificate, name="certificate"),
    # Short links in text messages (events/links.py).
    path("c/<str:token>/", links.sms_cancel, name="sms_cancel"),
    path("n/<str:token>/", links.next_session, name="next_session"),
]
