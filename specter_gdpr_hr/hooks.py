# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from .models.hr_employee import BANK_RULE_DOMAINS


def uninstall_hook(env):
    """Give HR's and the core's bank-account rules back their own domains."""
    for xmlid, (original, _restricted) in BANK_RULE_DOMAINS.items():
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.domain_force = original
