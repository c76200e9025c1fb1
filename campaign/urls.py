from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from campaign import views
from campaign.cache import reads_query
from campaign.editions import views as edition_views
from campaign.editions.views import edition_theme_css
from campaign.media import serve_media
from campaign.sitemap import sitemap
from campaign.submissions import notice

handler404 = "campaign.views.page_not_found"
handler500 = "campaign.views.server_error"

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/2fa/", include("campaign.twofactor")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("privacy/", notice.privacy_notice, name="privacy"),
    path("sitemap.xml", reads_query("p")(sitemap), name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("styleguide/", views.styleguide, name="styleguide"),
    path("share/mastodon/", views.share_mastodon, name="share_mastodon"),
    path("theme/<int:year>.css", edition_theme_css, name="edition_theme_css"),
    path("<int:year>/results/", edition_views.results_page, name="results"),
    path("<int:year>/results/results.json", edition_views.results_json, name="results_json"),
    path("<int:year>/results/results.csv", edition_views.results_csv, name="results_csv"),
    path("<int:year>/results/results.pdf", edition_views.results_pdf, name="results_pdf"),
    path("", include("events.urls")),
    path("", include("stories.urls")),
    path("", include("toolkit.urls")),
    path("", include("campaign.reach.urls")),
]

if settings.SERVE_MEDIA:
    # Images only: documents are never served by their storage address (campaign.media).
    urlpatterns += [re_path(r"^media/(?P<path>.*)$", serve_media)]

urlpatterns += [path("", include(wagtail_urls))]
