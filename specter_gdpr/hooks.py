# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Fill ``res.partner.last_purchase_date`` for existing data, in one statement."""
    env["res.partner"]._refresh_last_purchase_date()
