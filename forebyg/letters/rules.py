# SPDX-License-Identifier: MPL-2.0
import rules

from forebyg.accounts.rules import has_case_role, in_municipality, is_administrator, is_caseworker, is_receiving

# Writing and sending letters: the receiving unit (receipts) and caseworkers.
rules.add_perm("letters.write", has_case_role & (is_receiving | is_caseworker))
# The municipality's letter templates and letterhead.
rules.add_perm("letters.templates", in_municipality & is_administrator)
