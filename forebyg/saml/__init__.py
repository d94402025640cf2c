# SPDX-License-Identifier: MPL-2.0
"""Login through KOMBIT's Fælleskommunal Adgangsstyring: a SAML 2.0 service provider (OIOSAML)."""
