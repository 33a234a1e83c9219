# Copyright 2026 Specter GDPR contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Specter GDPR: Email Marketing",
    "summary": "Erasure in Email Marketing: mailing contacts and traces of the person deleted; "
    "restricted partners (Art. 18) left out of mailings and counted",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "license": "LGPL-3",
    "author": "Specter GDPR contributors",
    "website": "https://github.com/specter-gdpr/specter_gdpr",
    "depends": ["specter_gdpr", "mass_mailing"],
    "data": [],
    "installable": True,
    "auto_install": True,
    "application": False,
}
