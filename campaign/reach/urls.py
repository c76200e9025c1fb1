from django.urls import path

from . import views

app_name = "reach"
urlpatterns = [
    path("stats/", views.stats_page, name="stats"),
    path("stats/data.json", views.stats_data, name="data"),
    path("stats/export.csv", views.stats_export, name="export"),
    path("stats/embed/", views.stats_embed, name="embed"),
    path("stats/wall/", views.wall, name="wall"),
    path("stats/wall.json", views.wall_json, name="wall_json"),
    path("<int:year>/stats/", views.stats_page, name="edition_stats"),
    path("<int:year>/stats/data.json", views.stats_data, name="edition_data"),
    path("<int:year>/stats/export.csv", views.stats_export, name="edition_export"),
    path("<int:year>/stats/embed/", views.stats_embed, name="edition_embed"),
    path("<int:year>/stats/wall/", views.wall, name="edition_wall"),
    path("<int:year>/stats/wall.json", views.wall_json, name="edition_wall_json"),
]
