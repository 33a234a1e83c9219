"""Make the demo database Swedish (run by tools/run.sh in `odoo shell`,
the step in ``SPECTER_DEMO_STEP``).

``company``: before specter_gdpr is installed, the demo company becomes a
Swedish company (Sweden, SEK, a Stockholm address), so that Accounting
installs the Swedish localisation (l10n_se).
``chart``: once Accounting and l10n_se are installed, the company gets the
Swedish chart of accounts (Odoo loads it only for l10n_se's own demo company).
``users``: after the install, the officer and demo users work in Swedish;
the administrator stays in English.
"""

import os

step = os.environ.get("SPECTER_DEMO_STEP", "")
env = env  # noqa: F821,PLW0127 - provided by `odoo shell`

if step == "company":
    sek = env.ref("base.SEK")
    sek.active = True
    env.company.write(
        {
            "name": "Specter Demo AB",
            "country_id": env.ref("base.se").id,
            "currency_id": sek.id,
            "street": "Drottninggatan 1",
            "zip": "111 51",
            "city": "Stockholm",
            "email": "info@specter-demo.example.se",
            "vat": "SE556999888201",
        }
    )
elif step == "chart":
    if env.company.chart_template != "se":
        env["account.chart.template"].try_loading("se", env.company, install_demo=False)
elif step == "users":
    for xmlid in ("specter_gdpr.user_officer", "base.user_demo"):
        user = env.ref(xmlid, raise_if_not_found=False)
        if user:
            user.lang = "sv_SE"
    env.ref("base.user_admin").lang = "en_US"
    portal = env.ref("specter_gdpr.user_portal_karin", raise_if_not_found=False)
    if portal:
        portal.lang = "sv_SE"
env.cr.commit()
