# SPDX-License-Identifier: MPL-2.0
"""Who may read and add documents: as for the child's other records. The documents are read under
`cases.view_child` with full access to the child's file (own caseload, team, municipality or a stated
reason, forebyg.security.access), and added under `cases.casework` (caseworkers and team leaders)."""

import rules

from forebyg.accounts.rules import has_case_role, is_caseworker, same_municipality

rules.add_perm("documents.view", has_case_role & same_municipality)
rules.add_perm("documents.add", has_case_role & is_caseworker)
