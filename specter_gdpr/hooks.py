# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command

# Installing must not break anyone: every internal user and the Default User
# Template keep what they could do before. The rest goes to Settings admins.
# Done once, at install: upgrades keep the admins' choices.
EVERYONE_RIGHTS = (
    "group_customer_read",
    "group_customer_create",
    "group_customer_write",
    "group_customer_unlink",
    "group_customer_print",
    "group_customer_export",
    "group_supplier_read",
    "group_supplier_create",
    "group_supplier_write",
    "group_supplier_unlink",
)
ADMIN_RIGHTS = ("group_credit_report", "group_user_read", "group_user_write", "group_gdpr_officer")


def post_init_hook(env):
    env["res.partner"]._refresh_last_purchase_date()
    _grant_initial_rights(env)
    env["gdpr.feature.notice"]._post_pending()
    # the install rewrote every partner row (kind, last purchase): fresh planner
    # statistics, or partner searches scan until autovacuum comes by
    env.cr.execute("ANALYZE res_partner")


def uninstall_hook(env):
    """The token indexes on other modules' tables and their function go too."""
    env.cr.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%\\_gdpr\\_tokens\\_%'")
    for (index,) in env.cr.fetchall():
        env.cr.execute(f'DROP INDEX IF EXISTS "{index}"')
    env.cr.execute("DROP FUNCTION IF EXISTS specter_gdpr_tokens(text)")


def _grant_initial_rights(env):
    internal = env["res.users"].with_context(active_test=False).search([("share", "=", False)])
    admins = env.ref("base.group_system").users | env.ref("base.user_root")
    for rights, users in ((EVERYONE_RIGHTS, internal), (ADMIN_RIGHTS, admins)):
        for xmlid in rights:
            env.ref(f"specter_gdpr.{xmlid}").users = [Command.link(user.id) for user in users]
