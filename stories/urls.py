from django.urls import path

from stories import feeds, views

app_name = "stories"
urlpatterns = [
    path("stories/share/", views.share, name="share"),
    path("stories/share/thank-you/", views.thanks, name="thanks"),
    path("stories/manage/<str:token>/", views.manage, name="manage"),
    path("stories/manage/<str:token>/photo/", views.manage_photo, name="manage_photo"),
    path("stories/feed/", feeds.LatestStoriesFeed(), name="feed"),
]
