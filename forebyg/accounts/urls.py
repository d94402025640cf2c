# SPDX-License-Identifier: MPL-2.0
from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc_views, passwords, staff, twofactor

urlpatterns = [
    path("login/", twofactor.ForebygLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("konto/totp/", twofactor.verify, name="two_factor_verify"),
    path("konto/totp/opsaet/", twofactor.enrol, name="two_factor_enrol"),
    path("konto/totp/reservekoder/", twofactor.backup_codes, name="two_factor_backup_codes"),
    path("konto/brugere/", staff.users, name="accounts_users"),
    path("konto/brugere/<int:pk>/nulstil-totp/", staff.reset_two_factor, name="accounts_reset_two_factor"),
    path("konto/brugere/<int:pk>/laas-op/", staff.unlock, name="accounts_unlock"),
    path("konto/brugere/ny/", staff.user_new, name="accounts_user_new"),
    path("konto/brugere/<int:pk>/", staff.user_edit, name="accounts_user_edit"),
    path("konto/brugere/<int:pk>/deaktiver/", staff.user_active, {"action": "deaktiver"},
         name="accounts_user_deactivate"),
    path("konto/brugere/<int:pk>/genaktiver/", staff.user_active, {"action": "genaktiver"},
         name="accounts_user_reactivate"),
    path("konto/brugere/<int:pk>/send-link/", staff.user_send_link, name="accounts_user_send_link"),
    path("konto/adgangskode/", passwords.PasswordChangeView.as_view(), name="password_change"),
    path("konto/adgangskode/ny/<uidb64>/<token>/", passwords.PasswordSetView.as_view(), name="password_set"),
    path("oidc/authenticate/", oidc_views.SSOStart.as_view(), name="oidc_authentication_init"),
    path("oidc/callback/", oidc_views.SSOCallback.as_view(), name="oidc_authentication_callback"),
]
