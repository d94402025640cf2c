# SPDX-License-Identifier: MPL-2.0
from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc_views, staff, twofactor

urlpatterns = [
    path("login/", twofactor.ForebygLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/totp/", twofactor.verify, name="two_factor_verify"),
    path("konto/totp/opsaet/", twofactor.enrol, name="two_factor_enrol"),
    path("konto/totp/reservekoder/", twofactor.backup_codes, name="two_factor_backup_codes"),
    path("konto/brugere/", staff.users, name="accounts_users"),
    path("konto/brugere/<int:pk>/nulstil-totp/", staff.reset_two_factor, name="accounts_reset_two_factor"),
    path("konto/brugere/<int:pk>/laas-op/", staff.unlock, name="accounts_unlock"),
    path("oidc/authenticate/", oidc_views.SSOStart.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc_views.SSOCallback.as_view(), name="oidc_authentication_callback"),
]
