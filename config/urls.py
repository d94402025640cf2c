# SPDX-License-Identifier: MPL-2.0
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="registration/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("netvaerk/", include("forebyg.network.urls")),
    path("frister/", include("forebyg.deadlines.urls")),
    path("sagsgennemgang/", include("forebyg.review.urls")),
    path("administration/", include("forebyg.core.urls")),
    path("", include("forebyg.cases.urls")),
]
