from django.urls import path

from toolkit import views

app_name = "toolkit"
urlpatterns = [
    path("toolkit/", views.current_toolkit, name="current"),
    path("toolkit/years/", views.toolkit_index, name="index"),
    path("toolkit/download/<int:pk>/", views.download_resource, name="download"),
    path("toolkit/make/", views.make_graphic, name="make"),
    path("toolkit/make/<str:key>/", views.graphic_result, name="graphic_result"),
    path("toolkit/make/<str:key>/<slug:slug>/", views.download_graphic, name="graphic_download"),
    path("<int:year>/toolkit/", views.year_toolkit, name="year"),
    path("<int:year>/toolkit/download.zip", views.download_archive, name="archive"),
]
