from django.urls import path

from events import views

app_name = "events"
urlpatterns = [
    path("events/submit/", views.submit, name="submit"),
    path("events/submit/thanks/", views.submitted, name="submitted"),
    path("events/manage/<str:token>/", views.manage, name="manage"),
    path("events/manage/<str:token>/edit/", views.manage_edit, name="manage_edit"),
    path("events/manage/<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("events/past/", views.past_events, name="past"),
    path("events/embed/", views.embed, name="embed"),
    path("events/embed/build/", views.embed_builder, name="embed_builder"),
    path("events/feed.ics", views.feed_ics, name="feed_ics"),
    path("events/feed.rss", views.EventsFeed(), name="feed_rss"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
]
